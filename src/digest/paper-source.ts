/** What a digest needs to know about the papers of a period: the port the digest owns. */

export interface DigestCandidate {
  readonly id: string;
  readonly title: string;
  readonly authors: readonly string[];
  readonly abstract: string;
  readonly categories: readonly string[];
  /** The listing day the paper was featured on. */
  readonly day: string;
  readonly upvotes: number;
}

/**
 * How the papers of a period are ordered, which decides how reasons read: `trending` by the trending score
 * ("trending #3 in cs.CL"), `listing` by the listing's own order ("#3 on the listing of Mar 14 in cs.CL").
 */
export type DigestRanking = 'trending' | 'listing';

export interface RankedCandidates {
  readonly ranking: DigestRanking;
  /** Best first. */
  readonly papers: readonly DigestCandidate[];
}

/** The papers featured from `fromDay` to `toDay` (inclusive), best first, and how they were ranked. */
export interface DigestPaperSource {
  rankedPapers(fromDay: string, toDay: string, limit: number): Promise<RankedCandidates>;
}
