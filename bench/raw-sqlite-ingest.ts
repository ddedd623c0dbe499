/**
 * The floor of what SQLite can do with the corpus: each line JSON.parse'd and inserted with raw
 * better-sqlite3 prepared statements, one transaction per batch, into the same tables and with the same
 * pragmas as the store — no normalising, merging or Kysely. Only the fields the corpus carries.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import BetterSqlite3 from 'better-sqlite3';
import { SQLITE_PRAGMAS } from '../src/db/connect.ts';

export interface RawCounts {
  readonly read: number;
  readonly inserted: number;
}

interface PaperRow {
  readonly id: string;
  readonly title: string;
  readonly abstract: string;
  readonly authors: string;
  readonly primaryCategory: string | null;
  readonly categories: readonly string[];
  readonly publishedAt: string | null;
  readonly codeUrls: string;
}

/** Reads `corpus` into the migrated, empty SQLite store in `dbFile`. */
export async function rawIngest(corpus: string, dbFile: string, batchSize: number): Promise<RawCounts> {
  const db = new BetterSqlite3(dbFile);
  for (const pragma of SQLITE_PRAGMAS) db.pragma(pragma);
  const insertPaper = db.prepare(
    `INSERT INTO papers (id, title, abstract, authors, primary_category, categories, published_at,
       updated_at, code_urls, created_at, modified_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertCategory = db.prepare('INSERT INTO paper_categories (paper_id, category) VALUES (?, ?)');
  const writeBatch = db.transaction((rows: readonly PaperRow[]) => {
    const stamp = new Date().toISOString();
    for (const r of rows) {
      const categories = JSON.stringify(r.categories);
      insertPaper.run(
        r.id,
        r.title,
        r.abstract,
        r.authors,
        r.primaryCategory,
        categories,
        r.publishedAt,
        r.publishedAt,
        r.codeUrls,
        stamp,
        stamp,
      );
      for (const category of r.categories) insertCategory.run(r.id, category);
    }
  });

  let read = 0;
  let inserted = 0;
  let batch: PaperRow[] = [];
  const lines = readline.createInterface({ input: fs.createReadStream(corpus, 'utf8'), crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      if (line === '') continue;
      read++;
      const row = toRow(JSON.parse(line));
      if (!row) continue;
      batch.push(row);
      if (batch.length >= batchSize) {
        writeBatch(batch);
        inserted += batch.length;
        batch = [];
      }
    }
    writeBatch(batch);
    inserted += batch.length;
  } finally {
    db.close();
  }
  return { read, inserted };
}

function toRow(value: unknown): PaperRow | null {
  if (typeof value !== 'object' || value === null) return null;
  const o = value as Record<string, unknown>;
  const id = text(o.arxiv_id) ?? text(o.id);
  const title = text(o.title);
  if (!id || !title) return null;
  const primaryCategory = text(o.primary_category);
  return {
    id,
    title,
    abstract: text(o.abstract) ?? '',
    authors: JSON.stringify(list(o.authors)),
    primaryCategory,
    categories: [...new Set([...(primaryCategory ? [primaryCategory] : []), ...list(o.categories)])],
    publishedAt: text(o.published),
    codeUrls: JSON.stringify(list(o.code_urls)),
  };
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function list(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
