/**
 * Checks the impact index against plain FTS5 on a benchmark store (bench/search.ts makes it):
 * `node --import tsx bench/search-topk-check.ts [100000] [store file]`. Builds the index (time, memory), then for
 * each of the 200 queries: whether it answered, whether its top 10 has FTS5 bm25()'s scores (field
 * weights as keyword search sets them) place by place, and how long it took.
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
const database = await openDatabase({
  kind: 'sqlite',
  url: process.argv[3] ?? path.join(CACHE_DIR, `search-${n}.db`),
});
const impacts = new ImpactIndex(database.db, DEFAULT_FIELD_WEIGHTS);
const before = process.memoryUsage();
let t = performance.now();
await impacts.build();
const memory = process.memoryUsage();
console.log({
  buildSeconds: Math.round((performance.now() - t) / 100) / 10,
  postingsMegabytes: Math.round(impacts.memoryBytes / 1e6),
  heapMegabytes: Math.round((memory.heapUsed - before.heapUsed) / 1e6),
  arrayBufferMegabytes: Math.round((memory.arrayBuffers - before.arrayBuffers) / 1e6),
  rssMegabytes: Math.round(memory.rss / 1e6),
});
const queries = fs
  .readFileSync(path.join(CACHE_DIR, 'queries.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line).text as string);
const { title, authors, abstract, categories } = DEFAULT_FIELD_WEIGHTS;
const weights = `bm25(${[title, authors, abstract, categories].map((w) => w.toFixed(3)).join(', ')})`;
let same = 0;
let unanswered = 0;
const latencies: number[] = [];
const different: string[] = [];
const slow: string[] = [];
for (const text of queries) {
  const parsed = parseSearchQuery(text);
  if (!parsed.ok) continue;
  const terms = keywordTerms(parsed.query);
  const words = terms.optional.map((x) => x.text);
  t = performance.now();
  const hits = await impacts.topK(words, 10);
  const ms = performance.now() - t;
  latencies.push(ms);
  if (ms > 10) slow.push(`${ms.toFixed(1)} ms ${text}`);
  if (!hits) {
    unanswered++;
    continue;
  }
  const plain = await sql<{ rowid: number; score: number }>`
    SELECT rowid, -rank AS score FROM papers_fts WHERE papers_fts MATCH ${fts5Match(terms)}
      AND rank MATCH ${weights} ORDER BY rank, rowid LIMIT 10`.execute(database.db);
  const rounded = (x: number) => x.toFixed(9);
  const expected = plain.rows.map((x) => `${x.rowid}:${rounded(x.score)}`).join(' ');
  const got = hits.map((x) => `${x.rowid}:${rounded(x.score)}`).join(' ');
  // Places must agree on score; papers tied at a score may come in either order.
  const scores = (list: string) => list.replace(/\d+:/g, '');
  if (scores(expected) === scores(got)) same++;
  else if (different.length < 3) different.push(`${text}\n  fts5 ${expected}\n  ours ${got}`);
}
latencies.sort((a, b) => a - b);
const at = (q: number) => Math.round(latencies[Math.floor(latencies.length * q)]! * 100) / 100;
console.log({
  queries: latencies.length,
  sameAsFts5: same,
  unanswered,
  p50: at(0.5),
  p95: at(0.95),
  p99: at(0.99),
  max: Math.round(latencies.at(-1)! * 100) / 100,
});
console.log(different.join('\n'));
console.log(slow.join('\n'));
await database.close();
