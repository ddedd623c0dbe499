/** An OPML 2.0 subscription list of the category feeds, which feed readers import in one go. Pure. */
import { escapeHtml } from './feed-formats.ts';

export function categoriesOpml(
  categories: readonly { category: string; papers: number }[],
  publicUrl: string,
  siteName: string,
): string {
  const outlines = categories.map(({ category, papers }) => {
    const xmlUrl = `${publicUrl}/category/${encodeURIComponent(category)}/feed.xml`;
    const htmlUrl = `https://arxiv.org/list/${encodeURIComponent(category)}/new`;
    return `      <outline type="rss" text="${escapeHtml(category)}" title="${escapeHtml(`${category} (${papers} papers)`)}" xmlUrl="${escapeHtml(xmlUrl)}" htmlUrl="${escapeHtml(htmlUrl)}"/>`;
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${escapeHtml(`${siteName}: arXiv categories`)}</title>`,
    '  </head>',
    '  <body>',
    `    <outline text="${escapeHtml(siteName)}">`,
    ...outlines,
    '    </outline>',
    '  </body>',
    '</opml>',
    '',
  ].join('\n');
}
