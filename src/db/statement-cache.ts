import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Statements kept prepared; the least recently used beyond this are dropped. */
const DEFAULT_CAPACITY = 500;

/**
 * better-sqlite3 as Kysely's SQLite dialect sees it, with each statement prepared once and reused.
 * Kysely prepares every query it runs; for the same SQL text over and over (ingest batches, page
 * queries) the SQLite parse and plan then cost more than the work itself.
 */
export function cachingStatements(
  database: BetterSqlite3.Database,
  capacity = DEFAULT_CAPACITY,
): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string): SqliteStatement {
      const cached = statements.get(sql);
      // A statement still being iterated (a stream not yet finished) cannot run again meanwhile.
      if (cached !== undefined && !cached.busy) {
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      const statement = database.prepare(sql);
      if (cached === undefined) {
        statements.set(sql, statement);
        if (statements.size > capacity) statements.delete(statements.keys().next().value!);
      }
      return statement;
    },
  };
}
