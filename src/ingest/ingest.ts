import { type NormaliseResult, normaliseRecord } from '../domain/normalise.ts';
import type { ListingEntry, PaperRecord } from '../domain/paper.ts';
import { dayInZone } from '../domain/period.ts';
import type { Source } from './source.ts';

/** The store as ingest needs it (the consumer owns the port). */
export interface PaperSink {
  /** Writes one batch in one transaction, the cursor included: all of it lands or none does. */
  writeBatch(batch: IngestBatch): Promise<BatchCounts>;
  getCursor(source: string): Promise<string | null>;
}

export interface IngestBatch {
  readonly records: readonly PaperRecord[];
  readonly listings: readonly ListingEntry[];
  readonly upvotes: ReadonlyMap<string, number>;
  /** The cursor to store with this batch (null value: clear it), or null to leave it as it is. */
  readonly cursor: { readonly source: string; readonly value: string | null } | null;
}

export interface BatchCounts {
  readonly new: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly listed: number;
  readonly listingConflicts: readonly { paperId: string; day: string; existingDay: string }[];
}

export interface Rejection {
  readonly where: string;
  readonly reason: string;
}

export interface IngestSummary {
  source: string;
  read: number;
  new: number;
  updated: number;
  unchanged: number;
  listed: number;
  rejected: number;
  /** The first rejections with their reasons (all of them are counted in `rejected`). */
  rejections: Rejection[];
  resumedFrom: string | null;
  seconds: number;
}

/** Papers per transaction unless told otherwise. */
export const DEFAULT_BATCH_SIZE = 5000;

/**
 * A source's checkpoint is stored with the next full batch, or once this long has passed since the last
 * commit: a fast file source is written in full batches, and a slow harvest still stores its cursor
 * often enough that an interruption repeats little.
 */
const CHECKPOINT_EVERY_MS = 1000;

export interface IngestOptions {
  readonly timeZone: string;
  readonly batchSize?: number;
  /** Puts every paper read on this day's listing (the demo set, a curated file). */
  readonly listingDay?: string;
  readonly listingSource?: string;
  readonly onProgress?: (summary: Readonly<IngestSummary>) => void;
  readonly signal?: AbortSignal;
  readonly now?: () => Date;
  readonly maxRejectionsKept?: number;
}

/** Reads a source to its end, normalising each record and writing batches through the sink. */
export async function ingest(
  source: Source,
  sink: PaperSink,
  options: IngestOptions,
): Promise<IngestSummary> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const keep = options.maxRejectionsKept ?? 50;
  const now = options.now ?? (() => new Date());
  const started = Date.now();
  const resumedFrom = source.cursorKey ? await sink.getCursor(source.cursorKey) : null;
  const summary: IngestSummary = {
    source: source.name,
    read: 0,
    new: 0,
    updated: 0,
    unchanged: 0,
    listed: 0,
    rejected: 0,
    rejections: [],
    resumedFrom,
    seconds: 0,
  };
  const reject = (where: string, reason: string) => {
    summary.rejected++;
    if (summary.rejections.length < keep) summary.rejections.push({ where, reason });
  };

  let records: PaperRecord[] = [];
  let listings: ListingEntry[] = [];
  let upvotes = new Map<string, number>();
  let position = 0;
  // The last checkpoint read and not yet stored: everything before it is in the batch or committed.
  let checkpoint: { cursor: string | null } | null = null;
  let lastCommit = Date.now();
  const flush = async () => {
    if (records.length === 0 && (checkpoint === null || !source.cursorKey)) return;
    const counts = await sink.writeBatch({
      records,
      listings,
      upvotes,
      cursor: checkpoint && source.cursorKey ? { source: source.cursorKey, value: checkpoint.cursor } : null,
    });
    summary.new += counts.new;
    summary.updated += counts.updated;
    summary.unchanged += counts.unchanged;
    summary.listed += counts.listed;
    for (const c of counts.listingConflicts) {
      reject(c.paperId, `already on the listing of ${c.existingDay}, not added to ${c.day}`);
    }
    records = [];
    listings = [];
    upvotes = new Map();
    checkpoint = null;
    lastCommit = Date.now();
    summary.seconds = (lastCommit - started) / 1000;
    options.onProgress?.(summary);
  };

  for await (const item of source.read({ cursor: resumedFrom, signal: options.signal })) {
    options.signal?.throwIfAborted();
    if (item.kind === 'checkpoint') {
      checkpoint = item;
      if (item.cursor === null || Date.now() - lastCommit >= CHECKPOINT_EVERY_MS) await flush();
      continue;
    }
    summary.read++;
    if (item.kind === 'rejected') {
      reject(item.where, item.reason);
      continue;
    }
    const result: NormaliseResult = item.kind === 'normalised' ? item.result : normaliseRecord(item.raw);
    if (!result.ok) {
      reject(item.where, result.reason);
      continue;
    }
    const { record } = result;
    records.push(record);
    position++;
    const listing =
      item.listing ??
      (options.listingDay ? { day: options.listingDay, source: options.listingSource ?? 'file' } : null);
    if (listing) {
      const submittedAt = listing.submittedAt ?? null;
      const day =
        listing.day ??
        (submittedAt ? dayInZone(new Date(submittedAt), options.timeZone) : null) ??
        options.listingDay ??
        dayInZone(now(), options.timeZone);
      listings.push({
        day,
        paperId: record.paper.id,
        position: listing.position ?? (item.listing ? null : position),
        // A paper put on an earlier day's listing without a time is dated within that day (noon UTC),
        // not at the import, so week windows and trending see it on its day.
        submittedAt:
          submittedAt ?? (day === dayInZone(now(), options.timeZone) ? null : `${day}T12:00:00.000Z`),
        submittedBy: listing.submittedBy ?? null,
        upvotes: listing.upvotes ?? null,
        source: listing.source,
      });
      if (typeof listing.upvotes === 'number' && listing.upvotes > 0)
        upvotes.set(record.paper.id, listing.upvotes);
    }
    if (records.length >= batchSize) await flush();
  }
  await flush();
  summary.seconds = (Date.now() - started) / 1000;
  return summary;
}
