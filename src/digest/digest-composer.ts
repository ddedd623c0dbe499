/**
 * Composes the digests of one run. Subscribers with the same topics (and the same member's upvotes) get
 * the same papers, so their digest is selected and rendered once — with stand-in links — and each copy
 * only gets its own links put in. The cache is bounded, so memory stays flat in the number of subscribers.
 */
import type { MailMessage } from '../mail/mail-transport.ts';
import type { DigestBuilder, DigestRecipient } from './digest-builder.ts';
import type { DigestContent, DigestLinks } from './digest-content.ts';
import type { DigestPeriod } from './digest-period.ts';
import type { UpvotedPaper } from './like-upvoted.ts';
import type { RankedCandidates } from './paper-source.ts';

/** Links no real digest has, replaced in each copy (they pass HTML escaping unchanged). */
const STAND_IN: Omit<DigestLinks, 'site'> = {
  web: 'https://stand-in.invalid/web',
  preferences: 'https://stand-in.invalid/preferences',
  unsubscribe: 'https://stand-in.invalid/unsubscribe',
};
const MAX_CACHED = 5000;

interface Template {
  readonly message: MailMessage;
}

export class DigestComposer {
  private readonly cache = new Map<string, Template | null>();

  constructor(
    private readonly builder: DigestBuilder,
    private readonly period: DigestPeriod,
    private readonly ranked: RankedCandidates,
    private readonly key: Buffer,
  ) {}

  /** The digest email for one subscriber, or null when none of the period's papers is for them. */
  compose(
    recipient: DigestRecipient,
    upvoted: readonly UpvotedPaper[],
    messageId: string,
    date: Date,
  ): MailMessage | null {
    const cacheKey = JSON.stringify([
      recipient.topics.categories,
      recipient.topics.keywords,
      recipient.upvotesOf && upvoted.length > 0 ? recipient.upvotesOf : null,
    ]);
    let template = this.cache.get(cacheKey);
    if (template === undefined) {
      template = this.template(recipient, upvoted);
      if (this.cache.size >= MAX_CACHED) this.cache.clear();
      this.cache.set(cacheKey, template);
    }
    if (template === null) return null;
    const links = this.builder.links(recipient, this.period, this.key);
    return personalise(template.message, links, recipient.email, messageId, date);
  }

  /** Selects and renders once, with stand-in links; null when there are no papers for these topics. */
  private template(recipient: DigestRecipient, upvoted: readonly UpvotedPaper[]): Template | null {
    const content = this.builder.content(recipient, this.period, this.ranked, this.key, upvoted);
    if (content === null) return null;
    const standIn: DigestContent = { ...content, links: { site: content.links.site, ...STAND_IN } };
    return { message: this.builder.message(recipient, standIn, '', new Date(0)) };
  }
}

function personalise(
  template: MailMessage,
  links: DigestLinks,
  to: string,
  messageId: string,
  date: Date,
): MailMessage {
  const inText = (text: string) =>
    text
      .replaceAll(STAND_IN.web, links.web)
      .replaceAll(STAND_IN.preferences, links.preferences)
      .replaceAll(STAND_IN.unsubscribe, links.unsubscribe);
  const inHtml = (html: string) =>
    html
      .replaceAll(STAND_IN.web, escapeAttribute(links.web))
      .replaceAll(STAND_IN.preferences, escapeAttribute(links.preferences))
      .replaceAll(STAND_IN.unsubscribe, escapeAttribute(links.unsubscribe));
  return {
    ...template,
    to,
    text: inText(template.text),
    ...(template.html ? { html: inHtml(template.html) } : {}),
    headers: Object.fromEntries(Object.entries(template.headers ?? {}).map(([k, v]) => [k, inText(v)])),
    messageId,
    date,
  };
}

function escapeAttribute(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
}
