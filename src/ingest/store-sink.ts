import type { Db } from '../db/schema.ts';
import { upsertListingsIn } from '../listings/listing-store.ts';
import { raiseUpvotesIn, upsertPapersIn } from '../papers/paper-store.ts';
import { CursorStore } from './cursor-store.ts';
import type { BatchCounts, IngestBatch, PaperSink } from './ingest.ts';

/** The store behind ingest: papers, listings, upvotes and the cursor of one batch in one transaction. */
export class StoreSink implements PaperSink {
  private readonly cursors: CursorStore;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.cursors = new CursorStore(db);
  }

  async writeBatch(batch: IngestBatch): Promise<BatchCounts> {
    return this.db.transaction().execute(async (trx) => {
      const now = this.now();
      const papers = await upsertPapersIn(trx, batch.records, now);
      const listings = await upsertListingsIn(trx, batch.listings, now);
      await raiseUpvotesIn(trx, batch.upvotes);
      if (batch.cursor) {
        const cursors = new CursorStore(trx);
        if (batch.cursor.value === null) await cursors.clear(batch.cursor.source);
        else await cursors.set(batch.cursor.source, batch.cursor.value, now);
      }
      return {
        ...papers,
        listed: listings.new + listings.updated,
        listingConflicts: listings.conflicts,
      };
    });
  }

  getCursor(source: string): Promise<string | null> {
    return this.cursors.get(source);
  }
}
