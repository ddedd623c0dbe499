/**
 * Search benchmark: `node --import tsx bench/search.ts [--n 100000] [--passes 3] [--hybrid] [--peers] [--title-first]`.
 * One SQLite store of the synthetic corpus (cached beside it), the 200 queries of gen-papers --queries,
 * run one at a time: our keyword search (exact-id/title rule, FTS5 bm25 with field weights, join to
 * papers) beside plain FTS5 (the same MATCH expression, `ORDER BY bm25()` LIMIT 10, nothing else), the
 * title-first top-k experiment, hybrid search (--hybrid), and MiniSearch and Orama on the same corpus,
 * each in its own process (--peers; bench/search-peer.ts). Prints p50/p95/p99 latency and queries/s,
 * index build time, size and peak memory; the last line is one JSON object with every figure.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { parseSearchQuery, type SearchQuery } from '../src/domain/search-query.ts';
import { createApp, ingestInput } from '../src/main.ts';
import { fts5Match, keywordTerms } from '../src/search/keyword-terms.ts';
import { startMeaningSearch } from '../src/search/reindex.ts';
import { CACHE_DIR, ensureCorpus, GENERATOR, SEED } from './corpus.ts';
import { type LatencyFigures, latencyFigures, round } from './search-figures.ts';
import { benchConfig, storeBytes } from './store-files.ts';

/** Matches above which a query counts as broad for the title-first experiment. */
const BROAD = 5000;

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '100000' },
    passes: { type: 'string', default: '3' },
    hybrid: { type: 'boolean', default: false },
    peers: { type: 'boolean', default: false },
    'title-first': { type: 'boolean', default: false },
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
  await ingestInput(app, corpus, 'jsonl');
  figures.ingestWithIndexSeconds = round((performance.now() - started) / 1000);
}
figures.storeMegabytes = round(storeBytes(dbFile) / 1e6);
figures.ftsIndexMegabytes = await ftsBytes();

const parsed: SearchQuery[] = queries.map((text) => {
  const result = parseSearchQuery(text);
  if (!result.ok) throw new Error(`${text}: ${result.reason}`);
  return result.query;
});

// The posting lists keyword search answers plain-word queries from (src/search/impact-index.ts).
{
  global.gc?.();
  const before = process.memoryUsage();
  const started = performance.now();
  await app.impacts?.build();
  figures.impactIndexBuildSeconds = round((performance.now() - started) / 1000);
  global.gc?.();
  const after = process.memoryUsage();
  // Its typed arrays live outside the JS heap (arrayBuffers); the heap holds its term and stem maps.
  figures.impactIndexMegabytes = round((app.impacts?.memoryBytes ?? 0) / 1e6);
  figures.impactIndexHeapMegabytes = round((after.heapUsed - before.heapUsed) / 1e6);
  figures.impactIndexArrayBufferMegabytes = round((after.arrayBuffers - before.arrayBuffers) / 1e6);
}
figures.impactIndexAnswered = await indexAnswered();

const targets: Record<string, (q: SearchQuery) => Promise<unknown>> = {
  keyword: (q) => app.search.rank(q, 'keyword', { limit: 10, offset: 0 }),
  'plain fts5 bm25()': (q) =>
    sql`SELECT rowid FROM papers_fts WHERE papers_fts MATCH ${fts5Match(keywordTerms(q))}
        ORDER BY bm25(papers_fts) LIMIT 10`.execute(app.database.db),
};
if (values['title-first']) {
  // Experiment (not in the product): on broad queries, score only the rows that match in the title.
  targets['title-first top-k'] = (q) => titleFirst(q);
  figures.titleFirstOverlapAt10 = await titleFirstOverlap();
}
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
  const result = latencyFigures(latencies, broad, seconds);
  figures[name] = result;
  printLine(name, result);
}
figures.peakRssMegabytes = round(process.resourceUsage().maxRSS / 1024);
await app.close();
if (values.peers) {
  for (const engine of ['minisearch', 'orama']) {
    const child = spawnSync(
      process.execPath,
      [
        '--max-old-space-size=16000',
        '--expose-gc',
        '--import',
        'tsx',
        path.join(import.meta.dirname, 'search-peer.ts'),
        ...['--engine', engine, '--corpus', corpus, '--queries', queriesFile, '--passes', String(passes)],
      ],
      { encoding: 'utf8', maxBuffer: 1e7 },
    );
    const last = child.stdout.trim().split('\n').at(-1) ?? '';
    if (child.status !== 0 || !last.startsWith('{')) {
      figures[engine] = { failed: (child.stderr || `exit ${child.status}`).trim().split('\n').at(-1) };
      console.log(`${engine.padEnd(20)} failed: ${String((figures[engine] as { failed: string }).failed)}`);
      continue;
    }
    const result = JSON.parse(last) as LatencyFigures & Record<string, unknown>;
    figures[engine] = result;
    printLine(engine, result);
    console.log(
      `${''.padEnd(20)} built in ${String(result.buildSeconds)} s, index ${String(result.indexHeapMegabytes)} MB of heap, ` +
        `peak ${String(result.peakRssMegabytes)} MB`,
    );
  }
}
console.log(
  `ours: ingest with index ${String(figures.ingestWithIndexSeconds ?? 'cached')} s, store ${String(figures.storeMegabytes)} MB ` +
    `(FTS5 index ${String(figures.ftsIndexMegabytes)} MB), peak ${String(figures.peakRssMegabytes)} MB; ` +
    `title-first overlap@10 with plain ${String(figures.titleFirstOverlapAt10)}; impact index built in ` +
    `${String(figures.impactIndexBuildSeconds)} s (${String(figures.impactIndexMegabytes)} MB of postings; ` +
    `heap +${String(figures.impactIndexHeapMegabytes)} MB, array buffers +${String(figures.impactIndexArrayBufferMegabytes)} MB), ` +
    `answered ${String(figures.impactIndexAnswered)} of ${parsed.length} queries`,
);
console.log(JSON.stringify(figures));

function printLine(name: string, result: LatencyFigures): void {
  console.log(
    `${name.padEnd(20)} p50 ${result.p50} ms  p95 ${result.p95} ms  p99 ${result.p99} ms  ` +
      `one-word p50 ${result.broadP50} ms  ${result.qps} queries/s`,
  );
}

/** How many of the queries the impact index answers (the rest go to FTS5). */
async function indexAnswered(): Promise<number> {
  let answered = 0;
  for (const q of parsed) {
    const words = keywordTerms(q).optional.map((t) => t.text);
    if ((await app.impacts?.topK(words, 10)) ?? null) answered++;
  }
  return answered;
}

/** Broad queries (over BROAD matches) score only their title matches: `expr AND (title : expr)`. */
async function titleFirst(q: SearchQuery): Promise<number[]> {
  const match = fts5Match(keywordTerms(q));
  if (match === null) return [];
  const count = await sql<{ n: number }>`
    SELECT count(*) AS n FROM (SELECT 1 FROM papers_fts WHERE papers_fts MATCH ${match} LIMIT ${BROAD + 1})`.execute(
    app.database.db,
  );
  const broadQuery = Number(count.rows[0]?.n) > BROAD && !match.includes(' : ');
  const expr = broadQuery ? `(${match}) AND (title : (${match}))` : match;
  const rows = await sql<{ rowid: number }>`
    SELECT rowid FROM papers_fts WHERE papers_fts MATCH ${expr} AND rank MATCH 'bm25(3, 2, 1, 0.5)'
    ORDER BY rank LIMIT 10`.execute(app.database.db);
  return rows.rows.map((r) => r.rowid);
}

/** How many of plain FTS5's top 10 (same weights) the title-first method also returns, on average. */
async function titleFirstOverlap(): Promise<number> {
  let sum = 0;
  for (const q of parsed) {
    const plain = await sql<{ rowid: number }>`
      SELECT rowid FROM papers_fts WHERE papers_fts MATCH ${fts5Match(keywordTerms(q))}
        AND rank MATCH 'bm25(3, 2, 1, 0.5)' ORDER BY rank LIMIT 10`.execute(app.database.db);
    const ours = new Set(await titleFirst(q));
    const top = plain.rows.map((r) => r.rowid);
    sum += top.length === 0 ? 1 : top.filter((id) => ours.has(id)).length / top.length;
  }
  return round(sum / parsed.length);
}

async function ftsBytes(): Promise<number | null> {
  try {
    const row = await sql<{ bytes: number }>`
      SELECT sum(pgsize) AS bytes FROM dbstat WHERE name LIKE 'papers_fts%'`.execute(app.database.db);
    return round(Number(row.rows[0]?.bytes ?? 0) / 1e6);
  } catch {
    return null; // SQLite built without dbstat
  }
}
