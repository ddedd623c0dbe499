/**
 * One in-memory search library on the benchmark corpus, in its own process so its memory is its own:
 * `node --import tsx bench/search-peer.ts --engine minisearch|orama --corpus FILE --queries FILE [--passes 3]`.
 * Indexes title, authors, abstract and categories with the same field weights as ours (title 3,
 * authors 2, abstract 1, categories 0.5), runs every query for its top 10, and prints one JSON line.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { create, insertMultiple, search as oramaSearch } from '@orama/orama';
import MiniSearch from 'minisearch';
import { latencyFigures } from './search-figures.ts';

const { values } = parseArgs({
  options: {
    engine: { type: 'string' },
    corpus: { type: 'string' },
    queries: { type: 'string' },
    passes: { type: 'string', default: '3' },
  },
});
const engine = values.engine;
if ((engine !== 'minisearch' && engine !== 'orama') || !values.corpus || !values.queries) {
  throw new Error('usage: search-peer.ts --engine minisearch|orama --corpus FILE --queries FILE');
}

interface Doc {
  id: string;
  title: string;
  authors: string;
  abstract: string;
  categories: string;
}

const BOOST = { title: 3, authors: 2, abstract: 1, categories: 0.5 };
const queries = fs
  .readFileSync(values.queries, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => (JSON.parse(line) as { text: string }).text);

const started = performance.now();
const heapBefore = process.memoryUsage().heapUsed;
const run = engine === 'minisearch' ? await buildMiniSearch() : await buildOrama();
const buildSeconds = (performance.now() - started) / 1000;
global.gc?.();
const heapMegabytes = (process.memoryUsage().heapUsed - heapBefore) / 1e6;

for (const q of queries) run(q); // warm-up
const latencies: number[] = [];
const broad: number[] = [];
const t0 = performance.now();
for (let pass = 0; pass < Number(values.passes); pass++) {
  for (const [i, q] of queries.entries()) {
    const t = performance.now();
    await run(q);
    const ms = performance.now() - t;
    latencies.push(ms);
    if (i < 40) broad.push(ms);
  }
}
const seconds = (performance.now() - t0) / 1000;
console.log(
  JSON.stringify({
    engine,
    buildSeconds: Math.round(buildSeconds * 100) / 100,
    indexHeapMegabytes: Math.round(heapMegabytes),
    peakRssMegabytes: Math.round(process.resourceUsage().maxRSS / 1024),
    ...latencyFigures(latencies, broad, seconds),
  }),
);

async function* docs(): AsyncGenerator<Doc[]> {
  const lines = readline.createInterface({ input: fs.createReadStream(values.corpus!), crlfDelay: Infinity });
  let batch: Doc[] = [];
  for await (const line of lines) {
    if (!line) continue;
    const raw = JSON.parse(line) as {
      arxiv_id?: string;
      id?: string;
      title: string;
      abstract?: string;
      authors?: string[];
      categories?: string[];
    };
    batch.push({
      id: raw.arxiv_id ?? raw.id ?? String(batch.length),
      title: raw.title,
      authors: (raw.authors ?? []).join(', '),
      abstract: raw.abstract ?? '',
      categories: (raw.categories ?? []).join(' '),
    });
    if (batch.length === 5000) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

async function buildMiniSearch(): Promise<(q: string) => unknown> {
  const index = new MiniSearch<Doc>({
    fields: ['title', 'authors', 'abstract', 'categories'],
    idField: 'id',
  });
  for await (const batch of docs()) index.addAll(batch);
  // MiniSearch ranks every match (BM25+) and returns them all; the top 10 are sliced off.
  return (q) => index.search(q, { boost: BOOST, combineWith: 'OR' }).slice(0, 10);
}

async function buildOrama(): Promise<(q: string) => unknown> {
  const db = create({
    schema: { title: 'string', authors: 'string', abstract: 'string', categories: 'string' } as const,
  });
  for await (const batch of docs()) await insertMultiple(db, batch, 5000);
  return (q) => oramaSearch(db, { term: q, limit: 10, boost: BOOST });
}
