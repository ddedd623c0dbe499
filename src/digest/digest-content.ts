/** One subscriber's digest of one period, ready to render: what the HTML and text parts both show. */
import type { DigestEntry } from './select.ts';

export interface DigestLinks {
  readonly site: string;
  readonly web: string;
  readonly preferences: string;
  readonly unsubscribe: string;
}

export interface DigestContent {
  /** "Mar 14", "week 11". */
  readonly periodLabel: string;
  readonly entries: readonly DigestEntry[];
  readonly matchedTopics: boolean;
  readonly links: DigestLinks;
}

export function paperUrl(site: string, id: string): string {
  return `${site}/papers/${id}`;
}

export function arxivUrl(id: string): string {
  return `https://arxiv.org/abs/${id}`;
}

export function pdfUrl(id: string): string {
  return `https://arxiv.org/pdf/${id}`;
}

export function digestSubject(content: DigestContent): string {
  const n = content.entries.length;
  return `Paperpulse: ${n} ${n === 1 ? 'paper' : 'papers'} of ${content.periodLabel}`;
}

export function authorLine(authors: readonly string[]): string {
  if (authors.length <= 4) return authors.join(', ');
  return `${authors.slice(0, 3).join(', ')} and ${authors.length - 3} more`;
}
