import type { Selectable } from 'kysely';
import type { Db, ListingsTable, PapersTable } from '../db/schema.ts';
import type { ListingEntry } from '../domain/paper.ts';
import { type PaperView, paperFromRow } from '../papers/paper-rows.ts';
import { chunks } from '../papers/paper-store.ts';

/** One paper on a listing, as pages and APIs show it. */
export interface ListingItem {
  readonly day: string;
  readonly position: number;
  readonly submittedAt: string;
  readonly submittedBy: string | null;
  readonly submitterName: string | null;
  readonly source: string;
  readonly paper: PaperView;
}

export interface ListingPageQuery {
  readonly fromDay: string;
  readonly toDay: string;
  /** Only papers this member (username) submitted. */
  readonly submitter?: string;
  /** `top`: most upvoted first, then most recent; `recent`: latest listing time first. */
  readonly order: 'top' | 'recent';
  readonly limit: number;
  readonly offset: number;
}

export interface ListingCounts {
  new: number;
  updated: number;
  unchanged: number;
  /** Papers already featured on another day: a paper is on one listing only. */
  conflicts: { paperId: string; day: string; existingDay: string }[];
}

export class ListingStore {
  constructor(private readonly db: Db) {}

  /** Puts papers on their days' listings in one transaction; re-importing the same entries changes nothing. */
  async upsertEntries(entries: readonly ListingEntry[], now = new Date()): Promise<ListingCounts> {
    return this.db.transaction().execute((trx) => upsertListingsIn(trx, entries, now));
  }

  /** The papers featured from `fromDay` to `toDay` (inclusive), most upvoted first, then by position. */
  async itemsBetween(fromDay: string, toDay: string, limit = 1000, offset = 0): Promise<ListingItem[]> {
    const rows = await this.itemsQuery()
      .where('listings.day', '>=', fromDay)
      .where('listings.day', '<=', toDay)
      .orderBy('papers.upvotes', 'desc')
      .orderBy('listings.day', 'desc')
      .orderBy('listings.position')
      .limit(limit)
      .offset(offset)
      .execute();
    return rows.map(itemFromRow);
  }

  /** Listing entries joined with their papers: what every listing item is read from. */
  private itemsQuery() {
    return this.db
      .selectFrom('listings')
      .innerJoin('papers', 'papers.id', 'listings.paper_id')
      .selectAll('papers')
      .select([
        'listings.day',
        'listings.position',
        'listings.submitted_at',
        'listings.submitted_by',
        'listings.submitter_name',
        'listings.source',
      ]);
  }

  async countBetween(fromDay: string, toDay: string): Promise<number> {
    const row = await this.db
      .selectFrom('listings')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('day', '>=', fromDay)
      .where('day', '<=', toDay)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * One page of the papers featured from `fromDay` to `toDay` (inclusive), for the APIs and feeds:
   * optionally only one submitter's, ranked `top` (most upvoted, then most recent) or `recent`
   * (latest listing time first). Ties fall back to the listing's own order, so pages never overlap.
   */
  async pageBetween(query: ListingPageQuery): Promise<ListingItem[]> {
    let select = this.itemsQuery()
      .where('listings.day', '>=', query.fromDay)
      .where('listings.day', '<=', query.toDay);
    if (query.submitter !== undefined) select = select.where('listings.submitted_by', '=', query.submitter);
    if (query.order === 'top') select = select.orderBy('papers.upvotes', 'desc');
    const rows = await select
      .orderBy('listings.day', 'desc')
      .orderBy('listings.submitted_at', 'desc')
      .orderBy('listings.position')
      .orderBy('listings.paper_id')
      .limit(query.limit)
      .offset(query.offset)
      .execute();
    return rows.map(itemFromRow);
  }

  /** The most recent day with papers on or before `day` (any day when not given), or null. */
  async latestDayOnOrBefore(day?: string): Promise<string | null> {
    let query = this.db.selectFrom('listings').select('day').orderBy('day', 'desc').limit(1);
    if (day) query = query.where('day', '<=', day);
    return (await query.executeTakeFirst())?.day ?? null;
  }

  /** The earliest day with papers on or after `day`, or null. */
  async earliestDayOnOrAfter(day: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('listings')
      .select('day')
      .where('day', '>=', day)
      .orderBy('day')
      .limit(1)
      .executeTakeFirst();
    return row?.day ?? null;
  }

  /** The listing entries of these papers, by paper id. */
  async entriesFor(paperIds: readonly string[]): Promise<Map<string, Omit<ListingItem, 'paper'>>> {
    const found = new Map<string, Omit<ListingItem, 'paper'>>();
    for (const chunk of chunks(paperIds, 400)) {
      const rows = await this.db.selectFrom('listings').selectAll().where('paper_id', 'in', chunk).execute();
      for (const row of rows) found.set(row.paper_id, entryFromRow(row));
    }
    return found;
  }

  /** Takes a paper off its listing (an editor's removal); false when it was on none. */
  async removeEntry(paperId: string): Promise<boolean> {
    const result = await this.db.deleteFrom('listings').where('paper_id', '=', paperId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /**
   * Moves a paper one place up (-1) or down (+1) in its day's order by swapping positions with its
   * neighbour; listings rank by upvotes first, so the order decides among equal counts.
   */
  async moveEntry(paperId: string, step: -1 | 1): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('listings')
        .selectAll()
        .where('paper_id', '=', paperId)
        .executeTakeFirst();
      if (!row) return;
      const neighbour = await trx
        .selectFrom('listings')
        .selectAll()
        .where('day', '=', row.day)
        .where('position', step < 0 ? '<' : '>', row.position)
        .orderBy('position', step < 0 ? 'desc' : 'asc')
        .limit(1)
        .executeTakeFirst();
      if (!neighbour) return;
      const set = (id: string, position: number) =>
        trx.updateTable('listings').set({ position }).where('paper_id', '=', id).execute();
      await set(row.paper_id, neighbour.position);
      await set(neighbour.paper_id, row.position);
    });
  }

  async listingOf(paperId: string): Promise<Omit<ListingItem, 'paper'> | null> {
    const row = await this.db
      .selectFrom('listings')
      .selectAll()
      .where('paper_id', '=', paperId)
      .executeTakeFirst();
    return row ? entryFromRow(row) : null;
  }
}

/** Puts papers on their days' listings inside the caller's transaction. */
export async function upsertListingsIn(
  trx: Db,
  entries: readonly ListingEntry[],
  now: Date,
): Promise<ListingCounts> {
  const counts: ListingCounts = { new: 0, updated: 0, unchanged: 0, conflicts: [] };
  if (entries.length === 0) return counts;
  const existing = new Map<string, Selectable<ListingsTable>>();
  for (const chunk of chunks([...new Set(entries.map((e) => e.paperId))], 400)) {
    const rows = await trx.selectFrom('listings').selectAll().where('paper_id', 'in', chunk).execute();
    for (const row of rows) existing.set(row.paper_id, row);
  }
  const nextPosition = new Map<string, number>();
  for (const entry of entries) {
    const row = existing.get(entry.paperId);
    if (row && row.day !== entry.day) {
      counts.conflicts.push({ paperId: entry.paperId, day: entry.day, existingDay: row.day });
      continue;
    }
    const position = entry.position ?? row?.position ?? (await nextPositionOn(trx, entry.day, nextPosition));
    const values = {
      day: entry.day,
      paper_id: entry.paperId,
      position,
      submitted_at: entry.submittedAt ?? row?.submitted_at ?? now.toISOString(),
      submitted_by: entry.submittedBy?.username ?? row?.submitted_by ?? null,
      submitter_name: entry.submittedBy?.fullname ?? row?.submitter_name ?? null,
      source: row?.source ?? entry.source,
    };
    if (!row) {
      await trx.insertInto('listings').values(values).execute();
      existing.set(entry.paperId, values);
      counts.new++;
    } else if (
      row.position !== values.position ||
      row.submitted_at !== values.submitted_at ||
      row.submitted_by !== values.submitted_by ||
      row.submitter_name !== values.submitter_name
    ) {
      await trx
        .updateTable('listings')
        .set(values)
        .where('day', '=', entry.day)
        .where('paper_id', '=', entry.paperId)
        .execute();
      existing.set(entry.paperId, values);
      counts.updated++;
    } else {
      counts.unchanged++;
    }
  }
  return counts;
}

async function nextPositionOn(trx: Db, day: string, cache: Map<string, number>): Promise<number> {
  let next = cache.get(day);
  if (next === undefined) {
    const row = await trx
      .selectFrom('listings')
      .select((eb) => eb.fn.max('position').as('max'))
      .where('day', '=', day)
      .executeTakeFirst();
    next = Number(row?.max ?? 0) + 1;
  }
  cache.set(day, next + 1);
  return next;
}

type EntryRow = Pick<
  Selectable<ListingsTable>,
  'day' | 'position' | 'submitted_at' | 'submitted_by' | 'submitter_name' | 'source'
>;

function entryFromRow(row: EntryRow): Omit<ListingItem, 'paper'> {
  return {
    day: row.day,
    position: row.position,
    submittedAt: row.submitted_at,
    submittedBy: row.submitted_by,
    submitterName: row.submitter_name,
    source: row.source,
  };
}

function itemFromRow(row: Selectable<PapersTable> & EntryRow): ListingItem {
  return { ...entryFromRow(row), paper: paperFromRow(row) };
}
