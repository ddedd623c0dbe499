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
 * The papers featured from `fromDay` to `toDay` (inclusive), best first. Until trending scores exist this
 * is the listing order (upvotes, then position); trending replaces the adapter, not the digest.
 */
export interface DigestPaperSource {
  rankedPapers(fromDay: string, toDay: string, limit: number): Promise<readonly DigestCandidate[]>;
}
