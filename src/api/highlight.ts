/** A title or abstract cut into plain and highlighted runs, as `/api/papers/search` answers it. */
export interface HighlightSegment {
  readonly type: 'text' | 'highlight';
  readonly text: string;
}

/** Splits `text` around every case-insensitive occurrence of a term; the runs join back to `text`. */
export function highlight(text: string, terms: readonly string[]): HighlightSegment[] {
  const words = terms.filter((term) => term !== '').map(escapeRegExp);
  if (words.length === 0 || text === '') return text === '' ? [] : [{ type: 'text', text }];
  // Longest first, so "transformers" wins over "transformer" where both match.
  words.sort((a, b) => b.length - a.length);
  const pattern = new RegExp(words.join('|'), 'giu');
  const segments: HighlightSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const start = match.index;
    if (start > last) segments.push({ type: 'text', text: text.slice(last, start) });
    segments.push({ type: 'highlight', text: match[0] });
    last = start + match[0].length;
  }
  if (last < text.length) segments.push({ type: 'text', text: text.slice(last) });
  return segments;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
