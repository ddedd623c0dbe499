/**
 * Search benchmark: `node --import tsx bench/search.ts [--n 100000] [--passes 3] [--hybrid]`.
 * One SQLite store of the synthetic corpus (cached beside it), the 200 queries of gen-papers --queries,
 * run one at a time: our keyword search (exact-id/title rule, FTS5 bm25 with field weights, join to
 * papers) beside plain FTS5 (the same MATCH expression, `ORDER BY bm25()` LIMIT 10, nothing else).
 * Prints p50/p95/p99 latency and queries/s; the last line is one JSON object with every figure.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { parseSearchQuery, type SearchQuery } from '../src/domain/search-query.ts';
import { createApp, ingestInput } from '../src/main.ts';
import { fts5Match, keywordTerms } from '../src/search/keyword-terms.ts';
import { startMeaningSearch } from '../src/search/reindex.ts';
import { CACHE_DIR, ensureCorpus, GENERATOR, SEED } from './corpus.ts';
import { benchConfig, storeBytes } from './store-files.ts';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '100000' },
    passes: { type: 'string', default: '3' },
    hybrid: { type: 'boolean', default: false },
  },
});
const n = Number(values.n);
const passes = Number(values.passes);

const corpus = await ensureCorpus(n);
if (!corpus) {
  console.log('NOTICE: no corpus and no generator: search benchmark SKIPPED');
  process.exit(0);
}
const queriesFile = path.join(CACHE_DIR, 'queries.jsonl');
if (!fs.existsSync(queriesFile)) {
  // The queries come from the first 5,000 generated titles: the same for every corpus size.
  const scratch = path.join(CACHE_DIR, 'papers-5000-for-queries.jsonl');
  execFileSync(process.execPath, [
    GENERATOR,
    '--n',
    '5000',
    '--seed',
    String(SEED),
    '--out',
    scratch,
    '--queries',
    queriesFile,
  ]);
}
const queries = fs
  .readFileSync(queriesFile, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => (JSON.parse(line) as { text: string }).text);

const dbFile = path.join(CACHE_DIR, `search-${n}.db`);
const fresh = !fs.existsSync(dbFile);
const app = await createApp(benchConfig(dbFile), { schema: 'auto' });
const figures: Record<string, unknown> = { n, queries: queries.length, passes };
if (fresh || (await app.papers.countPapers()) < n) {
  const started = performance.now();
  await ingestInput(app, corpus, 'jsonl', { batchSize: 1000 });
  figures.ingestWithIndexSeconds = round((performance.now() - started) / 1000);
}
figures.storeMegabytes = round(storeBytes(dbFile) / 1e6);
figures.ftsIndexMegabytes = await ftsBytes();

const parsed: SearchQuery[] = queries.map((text) => {
  const result = parseSearchQuery(text);
  if (!result.ok) throw new Error(`${text}: ${result.reason}`);
  return result.query;
});

const targets: Record<string, (q: SearchQuery) => Promise<unknown>> = {
  keyword: (q) => app.search.rank(q, 'keyword', { limit: 10, offset: 0 }),
  'plain fts5 bm25()': (q) =>
    sql`SELECT rowid FROM papers_fts WHERE papers_fts MATCH ${fts5Match(keywordTerms(q))}
        ORDER BY bm25(papers_fts) LIMIT 10`.execute(app.database.db),
};
if (values.hybrid) {
  const started = performance.now();
  await startMeaningSearch(app.meaning, app.vectors);
  figures.meaningReadySeconds = round((performance.now() - started) / 1000);
  targets.hybrid = (q) => app.search.rank(q, 'hybrid', { limit: 10, offset: 0 });
}

for (const [name, run] of Object.entries(targets)) {
  for (const q of parsed) await run(q); // warm-up
  const latencies: number[] = [];
  const broad: number[] = [];
  const started = performance.now();
  for (let pass = 0; pass < passes; pass++) {
    for (const [i, q] of parsed.entries()) {
      const t0 = performance.now();
      await run(q);
      const ms = performance.now() - t0;
      latencies.push(ms);
      if (i < 40) broad.push(ms);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const result = {
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    broadP50: round(percentile(broad, 50)),
    qps: round(latencies.length / seconds),
  };
  figures[name] = result;
  console.log(
    `${name.padEnd(20)} p50 ${result.p50} ms  p95 ${result.p95} ms  p99 ${result.p99} ms  ` +
      `one-word p50 ${result.broadP50} ms  ${result.qps} queries/s`,
  );
}
figures.peakRssMegabytes = round(process.resourceUsage().maxRSS / 1024);
await app.close();
console.log(JSON.stringify(figures));

async function ftsBytes(): Promise<number | null> {
  try {
    const row = await sql<{ bytes: number }>`
      SELECT sum(pgsize) AS bytes FROM dbstat WHERE name LIKE 'papers_fts%'`.execute(app.database.db);
    return round(Number(row.rows[0]?.bytes ?? 0) / 1e6);
  } catch {
    return null; // SQLite built without dbstat
  }
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
