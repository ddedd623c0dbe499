/**
 * The queued step that fills SQLite's keyword index (papers_fts) with the papers an import wrote
 * (migrations/sqlite/0009_keyword_index_queue.sql). Indexing many papers in one INSERT … SELECT costs
 * less than a trigger per paper, and it keeps tokenising out of the import's transactions.
 * On PostgreSQL the tsvector is written with the paper, so there is never anything queued.
 */
import { sql } from 'kysely';
import type { DatabaseKind } from '../config/config.ts';
import type { Db } from '../db/schema.ts';

/** Papers indexed per transaction: large enough to amortise FTS5's segment writes, small enough to yield often. */
const CHUNK = 2000;

export class KeywordIndexQueue {
  /** The indexing in progress, shared by every caller that asks meanwhile. */
  private running: Promise<number> | null = null;

  constructor(
    private readonly db: Db,
    private readonly kind: DatabaseKind,
  ) {}

  /** How many papers wait to be indexed. */
  async pending(): Promise<number> {
    if (this.kind !== 'sqlite') return 0;
    const row = await sql<{ n: number }>`SELECT count(*) AS n FROM keyword_index_queue`.execute(this.db);
    return Number(row.rows[0]?.n ?? 0);
  }

  /**
   * Indexes every queued paper, a chunk per transaction, yielding to the event loop between chunks.
   * Returns how many were indexed. Calls made while one runs wait for it (and then for what was queued since).
   */
  async indexQueued(onProgress?: (indexed: number) => void): Promise<number> {
    if (this.kind !== 'sqlite') return 0;
    while (this.running) await this.running;
    this.running = this.drain(onProgress);
    try {
      return await this.running;
    } finally {
      this.running = null;
    }
  }

  /**
   * Before a keyword search: indexes what is queued when it is little (a paper submitted, a small
   * import), so no such paper is missing from the results. A large queue is a large import whose own
   * step is indexing it: the search does not wait for that, nor for another process's write lock.
   */
  async catchUp(): Promise<void> {
    if (this.kind !== 'sqlite' || this.running) return;
    const queued = await sql<{ n: number }>`
      SELECT count(*) AS n FROM (SELECT 1 FROM keyword_index_queue LIMIT ${CHUNK + 1})`.execute(this.db);
    const n = Number(queued.rows[0]?.n ?? 0);
    if (n === 0 || n > CHUNK) return;
    try {
      await this.indexQueued();
    } catch (error) {
      if (!isBusy(error)) throw error;
    }
  }

  private async drain(onProgress?: (indexed: number) => void): Promise<number> {
    let indexed = 0;
    for (;;) {
      const done = await this.db.transaction().execute(async (trx) => {
        const last = await sql<{ last: number | null; n: number }>`
          SELECT max(paper_rowid) AS last, count(*) AS n
          FROM (SELECT paper_rowid FROM keyword_index_queue ORDER BY paper_rowid LIMIT ${CHUNK})`.execute(
          trx,
        );
        const { last: upTo, n } = last.rows[0] ?? { last: null, n: 0 };
        if (upTo === null) return 0;
        await sql`
          INSERT INTO papers_fts (rowid, title, authors, abstract, categories)
          SELECT p.rowid, p.title, p.authors, p.abstract, p.categories
          FROM keyword_index_queue q JOIN papers p ON p.rowid = q.paper_rowid
          WHERE q.paper_rowid <= ${upTo}`.execute(trx);
        await sql`DELETE FROM keyword_index_queue WHERE paper_rowid <= ${upTo}`.execute(trx);
        return Number(n);
      });
      if (done === 0) return indexed;
      indexed += done;
      onProgress?.(indexed);
      // A macrotask turn, so a serving node answers requests between chunks.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

/** SQLite's "another connection holds the write lock" (after busy_timeout): the search goes on without it. */
function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}
