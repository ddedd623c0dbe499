/** Builds one subscriber's digest of a period: selection, links, both parts, headers. */
import type { MailMessage } from '../mail/mail-transport.ts';
import { digestWebUrl, preferencesUrl, unsubscribeUrl } from '../subscriptions/links.ts';
import { linkToken } from '../subscriptions/tokens.ts';
import type { Topics } from '../subscriptions/topics.ts';
import { type DigestContent, type DigestLinks, digestSubject } from './digest-content.ts';
import type { DigestPeriod } from './digest-period.ts';
import type { UpvotedPaper } from './like-upvoted.ts';
import type { RankedCandidates } from './paper-source.ts';
import { renderDigestHtml } from './render-html.tsx';
import { renderDigestText } from './render-text.ts';
import { selectDigest } from './select.ts';

export interface DigestRecipient {
  readonly subscriptionId: string;
  readonly email: string;
  readonly topics: Topics;
  readonly tokenVersion: number;
  /** The member whose upvotes the digest follows ("like my upvotes"), or null. */
  readonly upvotesOf: string | null;
}

export interface DigestBuilderSettings {
  readonly publicUrl: string;
  readonly from: string;
  readonly maxPapers: number;
}

export class DigestBuilder {
  constructor(private readonly settings: DigestBuilderSettings) {}

  /** The content of one digest, or null when none of the period's papers is for this subscriber. */
  content(
    recipient: DigestRecipient,
    period: DigestPeriod,
    ranked: RankedCandidates,
    key: Buffer,
    upvoted: readonly UpvotedPaper[] = [],
  ): DigestContent | null {
    const selection = selectDigest({
      candidates: ranked.papers,
      ranking: ranked.ranking,
      topics: recipient.topics,
      upvoted,
      periodLabel: period.label,
      limit: this.settings.maxPapers,
    });
    if (selection.entries.length === 0) return null;
    return {
      periodLabel: period.label,
      entries: selection.entries,
      matchedTopics: selection.matchedTopics,
      links: this.links(recipient, period, key),
    };
  }

  /** One subscriber's links: the web copy, preferences, unsubscribe (tokenised). */
  links(recipient: DigestRecipient, period: DigestPeriod, key: Buffer): DigestLinks {
    const token = linkToken(key, recipient.subscriptionId, recipient.tokenVersion);
    const site = this.settings.publicUrl;
    return {
      site,
      web: digestWebUrl(site, period.key, token),
      preferences: preferencesUrl(site, token),
      unsubscribe: unsubscribeUrl(site, token),
    };
  }

  /** The email of a digest, with RFC 8058 one-click unsubscribe headers and its deterministic Message-ID. */
  message(recipient: DigestRecipient, content: DigestContent, messageId: string, date: Date): MailMessage {
    return {
      from: this.settings.from,
      to: recipient.email,
      subject: digestSubject(content),
      text: renderDigestText(content),
      html: renderDigestHtml(content),
      messageId,
      date,
      headers: {
        'List-Unsubscribe': `<${content.links.unsubscribe}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        'List-Id': `Paperpulse digest <digest.${new URL(this.settings.publicUrl).hostname}>`,
        'Auto-Submitted': 'auto-generated',
      },
    };
  }
}
