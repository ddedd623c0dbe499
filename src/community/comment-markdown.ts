import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/**
 * Comment Markdown to HTML that is safe to put in a page: markdown-it with raw HTML off (a `<script>`
 * typed in a comment comes out as text), links found in plain text too, then sanitize-html with an
 * allow-list, so whatever markdown-it lets through can only be these tags, these attributes and
 * http(s)/mailto links. Every link gets rel="ugc nofollow noopener".
 */
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'em',
    'strong',
    'del',
    's',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'hr',
    'span',
  ],
  allowedAttributes: { a: ['href', 'rel'], ol: ['start'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  // A comment is prose, not a page: headings become paragraphs, images their alt text, the rest its text.
  disallowedTagsMode: 'discard',
  transformTags: {
    h1: 'p',
    h2: 'p',
    h3: 'p',
    h4: 'p',
    h5: 'p',
    h6: 'p',
    img: (_tagName, attribs) => ({ tagName: 'span', attribs: {}, text: attribs.alt ?? '' }),
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, rel: 'ugc nofollow noopener' },
    }),
  },
};

export function renderCommentMarkdown(body: string): string {
  return sanitizeHtml(markdown.render(body), SANITIZE);
}
