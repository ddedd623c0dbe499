/**
 * Marks the words of a text that match the query, for showing hits: a pure function that returns
 * segments, so the page (which escapes every text) decides how a match looks.
 */
import { type SearchQuery, wordsOf } from '../domain/search-query.ts';

export interface Segment {
  readonly text: string;
  readonly match: boolean;
}

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * The query's words as stems to look for: the index stems words (merging → merg), so a word matches
 * when it starts with the first letters of a query word (all but the last three, at least four).
 */
export function matchStems(query: SearchQuery): string[] {
  const words = [
    ...query.terms.flatMap((t) => (t.kind === 'phrase' ? t.words : [t.text])),
    ...query.authors.flat(),
  ];
  return [...new Set(words.map((w) => (w.length <= 4 ? w : w.slice(0, Math.max(4, w.length - 3)))))];
}

export function highlight(text: string, stems: readonly string[]): Segment[] {
  if (stems.length === 0 || text === '') return [{ text, match: false }];
  const segments: Segment[] = [];
  let at = 0;
  for (const m of text.matchAll(WORD)) {
    const word = wordsOf(m[0])[0] ?? '';
    const hit = stems.some((stem) =>
      stem.length <= 4
        ? word === stem || (word.startsWith(stem) && word.length <= stem.length + 3)
        : word.startsWith(stem),
    );
    if (!hit) continue;
    if (m.index > at) segments.push({ text: text.slice(at, m.index), match: false });
    segments.push({ text: m[0], match: true });
    at = m.index + m[0].length;
  }
  if (at < text.length) segments.push({ text: text.slice(at), match: false });
  return segments;
}

/** Up to `max` characters of the text around its first match, cut at word boundaries. */
export function excerptAround(text: string, stems: readonly string[], max: number): string {
  if (text.length <= max) return text;
  const first = highlight(text, stems).findIndex((s) => s.match);
  const offset =
    first <= 0
      ? 0
      : highlight(text, stems)
          .slice(0, first)
          .reduce((n, s) => n + s.text.length, 0);
  const start = Math.max(0, offset - Math.floor(max / 3));
  const from = start === 0 ? 0 : text.indexOf(' ', start) + 1;
  const cut = text.slice(from, from + max);
  const end = cut.length < text.length - from ? cut.lastIndexOf(' ') : cut.length;
  return `${from > 0 ? '… ' : ''}${cut.slice(0, end > 0 ? end : cut.length)}${from + max < text.length ? ' …' : ''}`;
}
