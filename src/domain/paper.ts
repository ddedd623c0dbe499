/** A paper as the store keeps it: the latest version's metadata, keyed by the version-less id. */
export interface Paper {
  readonly id: string;
  readonly latestVersion: number;
  readonly title: string;
  readonly abstract: string;
  readonly authors: readonly string[];
  readonly primaryCategory: string | null;
  /** Every category, the primary first when known. */
  readonly categories: readonly string[];
  /** First-version (v1) submission time, ISO 8601 UTC, or null when unknown. */
  readonly publishedAt: string | null;
  /** Latest-version submission time, ISO 8601 UTC, or null when unknown. */
  readonly updatedAt: string | null;
  readonly comment: string | null;
  readonly journalRef: string | null;
  readonly doi: string | null;
  readonly license: string | null;
  readonly codeUrls: readonly string[];
}

export interface PaperVersion {
  readonly version: number;
  readonly submittedAt: string | null;
  /** Title and abstract as they were in this version, when a source showed them. */
  readonly title: string | null;
  readonly abstract: string | null;
  readonly size: string | null;
}

/** What a source says about a paper, already cleaned up by `normaliseRecord`. */
export interface PaperRecord {
  readonly paper: Paper;
  /** The version this record describes, or null when the source does not say. */
  readonly version: number | null;
  readonly versions: readonly PaperVersion[];
}

export interface Submitter {
  readonly username: string;
  readonly fullname: string | null;
}

/** A paper featured on a day's listing. */
export interface ListingEntry {
  readonly day: string;
  readonly paperId: string;
  readonly position: number | null;
  readonly submittedAt: string | null;
  readonly submittedBy: Submitter | null;
  readonly upvotes: number | null;
  readonly source: string;
}
