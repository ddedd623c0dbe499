import { sql } from 'kysely';
import { insertRows } from '../db/insert-rows.ts';
import type { Db } from '../db/schema.ts';
import { type MergeOutcome, mergePaper, type StoredPaper } from '../domain/merge.ts';
import type { PaperRecord, PaperVersion } from '../domain/paper.ts';
import {
  type PaperView,
  paperFromRow,
  paperToRow,
  storedPaper,
  versionFromRow,
  versionToRow,
} from './paper-rows.ts';

export interface UpsertCounts {
  new: number;
  updated: number;
  unchanged: number;
}

export interface NewestPageQuery {
  /** Only papers in this arXiv category (`cs.CL`). */
  readonly category?: string;
  /** The last paper of the previous page: the page starts after it. */
  readonly after?: { readonly sortKey: string; readonly id: string };
  readonly limit: number;
}

/** Ids per `IN (…)` list: under SQLite's and PostgreSQL's bound-parameter limits. */
const ID_LIST_CHUNK = 400;

/** The columns of a new paper's row, in the order paperToRow gives them. */
const NEW_PAPER_COLUMNS = [
  'id',
  'latest_version',
  'title',
  'abstract',
  'authors',
  'primary_category',
  'categories',
  'published_at',
  'updated_at',
  'comment',
  'journal_ref',
  'doi',
  'license',
  'code_urls',
  'created_at',
  'modified_at',
] as const;

const VERSION_COLUMNS = ['paper_id', 'version', 'submitted_at', 'size', 'title', 'abstract'] as const;

export class PaperStore {
  constructor(private readonly db: Db) {}

  /**
   * Folds a batch of records into the store in one transaction: all of it lands or none does.
   * Re-importing the same records changes nothing.
   */
  async upsertPapers(records: readonly PaperRecord[], now = new Date()): Promise<UpsertCounts> {
    return this.db.transaction().execute((trx) => upsertPapersIn(trx, records, now));
  }

  async getPaper(id: string): Promise<PaperView | null> {
    const row = await this.db.selectFrom('papers').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? paperFromRow(row) : null;
  }

  async getVersions(id: string): Promise<PaperVersion[]> {
    const rows = await this.db
      .selectFrom('paper_versions')
      .selectAll()
      .where('paper_id', '=', id)
      .orderBy('version')
      .execute();
    return rows.map(versionFromRow);
  }

  async getPapers(ids: readonly string[]): Promise<Map<string, PaperView>> {
    const found = new Map<string, PaperView>();
    for (const chunk of chunks(ids, ID_LIST_CHUNK)) {
      const rows = await this.db.selectFrom('papers').selectAll().where('id', 'in', chunk).execute();
      for (const row of rows) found.set(row.id, paperFromRow(row));
    }
    return found;
  }

  async countPapers(): Promise<number> {
    const row = await this.db
      .selectFrom('papers')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The newest papers in an arXiv category (`cs.CL`), by first-version time, newest first. */
  async newestInCategory(category: string, limit: number): Promise<PaperView[]> {
    const rows = await this.db
      .selectFrom('paper_categories')
      .innerJoin('papers', 'papers.id', 'paper_categories.paper_id')
      .selectAll('papers')
      .where('paper_categories.category', '=', category)
      // Papers without a known date last on both engines (PostgreSQL sorts NULL first when descending).
      .orderBy(sql`case when papers.published_at is null then 1 else 0 end`)
      .orderBy('papers.published_at', 'desc')
      .orderBy('papers.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(paperFromRow);
  }

  /** Every category with how many papers it holds, by name. */
  async categoryCounts(): Promise<{ category: string; papers: number }[]> {
    const rows = await this.db
      .selectFrom('paper_categories')
      .select(['category', (eb) => eb.fn.countAll<number | string>().as('n')])
      .groupBy('category')
      .orderBy('category')
      .execute();
    return rows.map((row) => ({ category: row.category, papers: Number(row.n) }));
  }

  /**
   * One page of papers, newest first by first-version time (unknown times last), optionally in one
   * category: keyset pagination on (sort key, id), so a paper inserted between pages neither repeats
   * nor shifts a paper already seen. The sort key is `published_at`, or '' when unknown.
   */
  async newestPage(query: NewestPageQuery): Promise<{ paper: PaperView; sortKey: string }[]> {
    const sortKey = sql<string>`coalesce(papers.published_at, '')`;
    let select = this.db.selectFrom('papers').selectAll('papers').select(sortKey.as('sort_key'));
    if (query.category !== undefined) {
      const category = query.category;
      select = select.where((eb) =>
        eb.exists(
          eb
            .selectFrom('paper_categories')
            .select('paper_categories.paper_id')
            .whereRef('paper_categories.paper_id', '=', 'papers.id')
            .where('paper_categories.category', '=', category),
        ),
      );
    }
    if (query.after) {
      const { sortKey: key, id } = query.after;
      select = select.where((eb) =>
        eb.or([eb(sortKey, '<', key), eb.and([eb(sortKey, '=', key), eb('papers.id', '<', id)])]),
      );
    }
    const rows = await select
      .orderBy(sortKey, 'desc')
      .orderBy('papers.id', 'desc')
      .limit(query.limit)
      .execute();
    return rows.map(({ sort_key, ...row }) => ({ paper: paperFromRow(row), sortKey: sort_key }));
  }

  /** Every paper with its versions, by id, a page at a time: the export order is stable. */
  async *pages(pageSize = 1000): AsyncGenerator<(StoredPaper & { upvotes: number })[]> {
    let after = '';
    for (;;) {
      const rows = await this.db
        .selectFrom('papers')
        .selectAll()
        .where('id', '>', after)
        .orderBy('id')
        .limit(pageSize)
        .execute();
      if (rows.length === 0) return;
      const byPaper = await versionsByPaper(
        this.db,
        rows.map((r) => r.id),
      );
      yield rows.map((row) => ({
        ...storedPaper(row, byPaper.get(row.id) ?? []),
        upvotes: Number(row.upvotes),
      }));
      after = rows.at(-1)!.id;
    }
  }
}

/** Folds records into the store inside the caller's transaction. */
export async function upsertPapersIn(
  trx: Db,
  records: readonly PaperRecord[],
  now: Date,
): Promise<UpsertCounts> {
  const counts: UpsertCounts = { new: 0, updated: 0, unchanged: 0 };
  if (records.length === 0) return counts;
  const stamp = now.toISOString();
  const existing = await loadStored(trx, [...new Set(records.map((r) => r.paper.id))]);
  const outcomes = new Map<string, { merged: StoredPaper; outcome: MergeOutcome }>();
  for (const record of records) {
    const id = record.paper.id;
    const previous = outcomes.get(id);
    const base = previous?.merged ?? existing.get(id) ?? null;
    const result = mergePaper(base, record);
    // Within one batch a paper that was new stays new; one that changed stays changed.
    const outcome = previous && previous.outcome !== 'unchanged' ? previous.outcome : result.outcome;
    outcomes.set(id, { merged: result.merged, outcome });
  }
  const inserts = [...outcomes.values()].filter((o) => o.outcome === 'new').map((o) => o.merged);
  const updates = [...outcomes.values()].filter((o) => o.outcome === 'updated').map((o) => o.merged);
  counts.new = inserts.length;
  counts.updated = updates.length;
  counts.unchanged = outcomes.size - inserts.length - updates.length;

  await insertRows(
    trx,
    { name: 'papers', columns: NEW_PAPER_COLUMNS },
    inserts.map((s) => ({ ...paperToRow(s.paper), created_at: stamp, modified_at: stamp })),
    (db, rows) => db.insertInto('papers').values(rows),
  );
  for (const s of updates) {
    await trx
      .updateTable('papers')
      .set({ ...paperToRow(s.paper), modified_at: stamp })
      .where('id', '=', s.paper.id)
      .execute();
  }
  if (updates.length > 0) {
    await trx
      .deleteFrom('paper_categories')
      .where(
        'paper_id',
        'in',
        updates.map((s) => s.paper.id),
      )
      .execute();
  }
  const changed = [...inserts, ...updates];
  const categoryRows = changed.flatMap((s) =>
    s.paper.categories.map((category) => ({ paper_id: s.paper.id, category })),
  );
  await insertRows(
    trx,
    { name: 'paper_categories', columns: ['paper_id', 'category'] },
    categoryRows,
    (db, rows) => db.insertInto('paper_categories').values(rows),
  );
  const versionRows = changed.flatMap((s) => s.versions.map((v) => versionToRow(s.paper.id, v)));
  await insertRows(trx, { name: 'paper_versions', columns: VERSION_COLUMNS }, versionRows, (db, rows) =>
    db
      .insertInto('paper_versions')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['paper_id', 'version']).doUpdateSet({
          submitted_at: (eb) => eb.ref('excluded.submitted_at'),
          size: (eb) => eb.ref('excluded.size'),
          title: (eb) => eb.ref('excluded.title'),
          abstract: (eb) => eb.ref('excluded.abstract'),
        }),
      ),
  );
  return counts;
}

/**
 * Raises the imported upvote counts of papers (from the Hugging Face feed); never lowers one.
 * `upvotes` is the imported count plus members' upvotes here (src/community/upvote-store.ts), so it
 * moves by as much as `imported_upvotes` rises.
 */
export async function raiseUpvotesIn(trx: Db, counts: ReadonlyMap<string, number>): Promise<void> {
  for (const [id, upvotes] of counts) {
    await sql`update papers set upvotes = upvotes + ${upvotes} - imported_upvotes, imported_upvotes = ${upvotes}
      where id = ${id} and imported_upvotes < ${upvotes}`.execute(trx);
  }
}

/** The versions of these papers, oldest first, by paper id. */
async function versionsByPaper(db: Db, paperIds: readonly string[]) {
  const versions = await db
    .selectFrom('paper_versions')
    .selectAll()
    .where('paper_id', 'in', paperIds)
    .orderBy('paper_id')
    .orderBy('version')
    .execute();
  return groupBy(versions, (v) => v.paper_id);
}

async function loadStored(db: Db, ids: readonly string[]): Promise<Map<string, StoredPaper>> {
  const result = new Map<string, StoredPaper>();
  for (const chunk of chunks(ids, ID_LIST_CHUNK)) {
    const rows = await db.selectFrom('papers').selectAll().where('id', 'in', chunk).execute();
    if (rows.length === 0) continue;
    const byPaper = await versionsByPaper(
      db,
      rows.map((r) => r.id),
    );
    for (const row of rows) result.set(row.id, storedPaper(row, byPaper.get(row.id) ?? []));
  }
  return result;
}

/** Every paper's id, title and abstract, by id, a page at a time (for search's training and describing). */
export async function* paperTextPages(
  db: Db,
  pageSize: number,
): AsyncGenerator<{ id: string; title: string; abstract: string }[]> {
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom('papers')
      .select(['id', 'title', 'abstract'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) return;
    yield rows;
    after = rows.at(-1)!.id;
  }
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
