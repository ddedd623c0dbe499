/**
 * Checks the top-k lists against plain FTS5 on a benchmark store (bench/search.ts makes it):
 * `node --import tsx bench/search-topk-check.ts [100000]`. For each of the 200 queries: whether the
 * lists answered, whether their top 10 is FTS5 bm25()'s top 10, and how long they took.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/connect.ts';
import { parseSearchQuery } from '../src/domain/search-query.ts';
import { ImpactIndex } from '../src/search/impact-index.ts';
import { DEFAULT_FIELD_WEIGHTS } from '../src/search/keyword-index.ts';
import { fts5Match, keywordTerms } from '../src/search/keyword-terms.ts';
import { CACHE_DIR } from './corpus.ts';

const n = process.argv[2] ?? '100000';
const database = await openDatabase({ kind: 'sqlite', url: path.join(CACHE_DIR, `search-${n}.db`) });
const impacts = new ImpactIndex(database.db, DEFAULT_FIELD_WEIGHTS);
let t = performance.now();
await impacts.build();
console.log(
  'build s',
  ((performance.now() - t) / 1000).toFixed(1),
  'heap MB',
  (process.memoryUsage().heapUsed / 1e6).toFixed(0),
);
const qs = fs
  .readFileSync(path.join(CACHE_DIR, 'queries.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l).text as string);
let same = 0,
  fallbacks = 0,
  total = 0;
const lat: number[] = [];
const bad: string[] = [];
const slow: string[] = [];
for (const q of qs) {
  const r = parseSearchQuery(q);
  if (!r.ok) continue;
  const terms = keywordTerms(r.query);
  const words = terms.optional.map((x) => x.text);
  t = performance.now();
  const hits = await impacts.topK(words, 10);
  const ms = performance.now() - t;
  lat.push(ms);
  total++;
  if (ms > 20) slow.push(`${ms.toFixed(1)} ${hits ? 'ok' : 'fallback'} ${q}`);
  if (!hits) {
    fallbacks++;
    continue;
  }
  const plain = await sql<{
    rowid: number;
    s: number;
  }>`SELECT rowid, -rank AS s FROM papers_fts WHERE papers_fts MATCH ${fts5Match(terms)} AND rank MATCH 'bm25(3.000, 2.000, 1.000, 0.500)' ORDER BY rank, rowid LIMIT 10`.execute(
    database.db,
  );
  const a = plain.rows.map((x) => Number(x.rowid)).join(',');
  const b = hits.map((x) => x.rowid).join(',');
  if (a === b) same++;
  else if (bad.length < 3)
    bad.push(
      `${q}\n  plain ${a} ${plain.rows.map((x) => x.s.toFixed(4))}\n  ours  ${b} ${hits.map((x) => x.score.toFixed(4))}`,
    );
}
lat.sort((x, y) => x - y);
console.log({
  total,
  same,
  fallbacks,
  p50: lat[Math.floor(lat.length * 0.5)],
  p99: lat[Math.floor(lat.length * 0.99)],
});
console.log(bad.join('\n'));
console.log(slow.join('\n'));
await database.close();
