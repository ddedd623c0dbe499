/** The search the API and the search feeds need; src/search provides the real one behind this port. */
export interface PaperSearchResult {
  /** Paper ids, best match first. */
  readonly ids: readonly string[];
  /** The words to highlight in titles and abstracts (as the reader typed them, without operators). */
  readonly terms: readonly string[];
}

export interface PaperSearch {
  search(query: string, limit: number): Promise<PaperSearchResult>;
}

/** The words of a query, as the interim search and the highlighter read them. */
export function queryTerms(query: string): string[] {
  const words = query
    .toLowerCase()
    .split(/[\s"'()]+/)
    .map((word) => word.trim())
    .filter((word) => word !== '');
  return [...new Set(words)].slice(0, 16);
}
