/**
 * What search adds to a paper page: the paper's keywords and summary, and its related papers with
 * their reasons. One data function, so a route asks once.
 */
import type { PaperKeywords } from './keyword-store.ts';
import type { KeywordLookup, RelatedPaper } from './related-papers.ts';

export interface PaperExtras {
  /** Null for a paper not yet described (ingested before migration 0006 and not reindexed). */
  readonly described: PaperKeywords | null;
  readonly related: readonly RelatedPaper[];
}

export function paperExtras(
  keywords: KeywordLookup,
  related: { of(paperId: string): Promise<RelatedPaper[]> },
): (paperId: string) => Promise<PaperExtras> {
  return async (paperId) => {
    const [described, nearby] = await Promise.all([keywords.get([paperId]), related.of(paperId)]);
    return { described: described.get(paperId) ?? null, related: nearby };
  };
}
