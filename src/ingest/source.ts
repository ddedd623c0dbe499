import type { NormaliseResult, RawPaper } from '../domain/normalise.ts';
import type { Submitter } from '../domain/paper.ts';

/** How a record puts its paper on a day's listing (Hugging Face daily papers, the demo set). */
export interface RawListing {
  /** The day, `YYYY-MM-DD`; when missing, the day of `submittedAt` in the configured time zone. */
  readonly day?: string | null;
  readonly submittedAt?: string | null;
  readonly submittedBy?: Submitter | null;
  readonly upvotes?: number | null;
  readonly position?: number | null;
  readonly source: string;
}

/**
 * What a source yields, in order:
 * - `paper`: one record, with `where` naming its place (file:line, URL, record id);
 * - `normalised`: one record already normalised (read ahead in a worker thread: read-ahead.ts);
 * - `rejected`: a record that could not be read, with the reason;
 * - `checkpoint`: everything yielded so far may be committed, and then `cursor` stored, so an
 *   interrupted harvest resumes after it; a null cursor clears it (the source was read to its end).
 */
export type SourceItem =
  | { readonly kind: 'paper'; readonly raw: RawPaper; readonly where: string; readonly listing?: RawListing }
  | {
      readonly kind: 'normalised';
      readonly result: NormaliseResult;
      readonly where: string;
      readonly listing?: RawListing;
    }
  | { readonly kind: 'rejected'; readonly where: string; readonly reason: string }
  | { readonly kind: 'checkpoint'; readonly cursor: string | null };

export interface SourceContext {
  /** The cursor stored by an earlier, interrupted run of the same source, or null. */
  readonly cursor: string | null;
  readonly signal?: AbortSignal;
}

export interface Source {
  /** Names the source in messages. */
  readonly name: string;
  /** The key its cursor is stored under, or null when it keeps none (a file read whole). */
  readonly cursorKey: string | null;
  read(context: SourceContext): AsyncIterable<SourceItem>;
}

export type SourceFormat = 'jsonl' | 'hf-daily' | 'arxiv-atom' | 'oai-pmh' | 'abs';
export const SOURCE_FORMATS: readonly SourceFormat[] = ['jsonl', 'hf-daily', 'arxiv-atom', 'oai-pmh', 'abs'];
