/**
 * Vector index benchmark: `node --expose-gc --import tsx bench/vector-index.ts [--n 100000] [--store]
 * [--passes 3]`. The vectors are seeded synthetic unit vectors round a few hundred topics (dimension 256,
 * like the built-in model's), or with --store the stored model's vectors in the cached search store
 * (search-<n>.db, left by `bench/search.ts --n <n> --hybrid`) and the 200 bench queries embedded by it.
 * The same vectors go into the exact scan and into the graph index; the run reports build time (wall and
 * CPU), memory, recall@10 and @100 of the graph index against the exact scan (with --store, also for
 * papers' own vectors as queries, as related papers ask), and p50/p95/p99 of nearest() for 10 and for
 * 100 papers (hybrid search asks for 100). The last line is one JSON object with every figure.
 * --connectivity, --expansion-add, --expansion-search, --quantization and --candidates try other settings;
 * --build thread builds the graph batch by batch on the main thread, as an import adds papers, instead of
 * on a worker thread as at start.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../src/main.ts';
import { loadLsaEmbedder } from '../src/search/lsa/lsa-embedder.ts';
import type { GraphSettings } from '../src/search/vector-hnsw-graph.ts';
import { DEFAULT_VECTOR_INDEX, VectorIndex, type VectorIndexSettings } from '../src/search/vector-index.ts';
import { CACHE_DIR } from './corpus.ts';
import { percentile, round } from './search-figures.ts';
import { benchConfig } from './store-files.ts';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '100000' },
    store: { type: 'boolean', default: false },
    passes: { type: 'string', default: '3' },
    // The graph's settings, to try others than the defaults.
    connectivity: { type: 'string' },
    'expansion-add': { type: 'string' },
    'expansion-search': { type: 'string' },
    quantization: { type: 'string' },
    candidates: { type: 'string' },
    build: { type: 'string', default: 'worker' },
  },
});
const n = Number(values.n);
const passes = Number(values.passes);
const defaults = DEFAULT_VECTOR_INDEX;
const settings: VectorIndexSettings = {
  ...defaults,
  candidates: Number(values.candidates ?? defaults.candidates),
  graph: {
    connectivity: Number(values.connectivity ?? defaults.graph.connectivity),
    expansionAdd: Number(values['expansion-add'] ?? defaults.graph.expansionAdd),
    expansionSearch: Number(values['expansion-search'] ?? defaults.graph.expansionSearch),
    quantization: (values.quantization ?? defaults.graph.quantization) as GraphSettings['quantization'],
  },
};

const { ids, vectors, queries, dimension } = values.store ? await fromStore() : synthetic(n, 200);
// As related papers ask: the nearest neighbours of 200 papers spread over the store.
const paperQueries = values.store
  ? Array.from({ length: 200 }, (_, i) => {
      const at = Math.floor((i * ids.length) / 200) * dimension;
      return vectors.slice(at, at + dimension);
    })
  : [];
if (values.build !== 'worker' && values.build !== 'thread') throw new Error('--build is worker or thread');
const figures: Record<string, unknown> = {
  build: values.build,
  n: ids.length,
  dimension,
  queries: queries.length,
  passes,
  settings,
};
console.log(`${ids.length.toLocaleString('en-US')} vectors of ${dimension}, ${queries.length} queries`);

// The graph first, so that the memory it takes is measured from the process's start.
const graph = await measureBuild('graph', settings);
const exact = await measureBuild('exact', { ...settings, batch: Number.POSITIVE_INFINITY });
for (const k of [10, 100]) {
  figures[`recallAt${k}`] = recall(queries, k);
  console.log(
    `recall@${k} of the graph index against the exact scan: ${JSON.stringify(figures[`recallAt${k}`])}`,
  );
  if (paperQueries.length > 0) {
    figures[`paperRecallAt${k}`] = recall(paperQueries, k);
    console.log(`  with papers' own vectors as queries: ${JSON.stringify(figures[`paperRecallAt${k}`])}`);
  }
  for (const [name, index] of [
    ['exact', exact],
    ['graph', graph],
  ] as const) {
    const { wall, cpu } = timeQueries(index, k);
    const result = {
      p50: round(percentile(wall, 50)),
      p95: round(percentile(wall, 95)),
      p99: round(percentile(wall, 99)),
      cpuP50: round(percentile(cpu, 50)),
      cpuP99: round(percentile(cpu, 99)),
    };
    figures[`${name}Nearest${k}`] = result;
    console.log(
      `${`${name} nearest ${k}`.padEnd(20)} p50 ${result.p50} ms  p95 ${result.p95} ms  p99 ${result.p99} ms  ` +
        `(CPU time p50 ${result.cpuP50} ms, p99 ${result.cpuP99} ms)`,
    );
  }
}
figures.peakRssMegabytes = round(process.resourceUsage().maxRSS / 1024);
console.log(JSON.stringify(figures));

/**
 * The share of the exact k nearest the graph index finds, and (as the scores of a flat corpus are close)
 * the share of its answers that score within 0.01 of the exact k-th.
 */
function recall(queryVectors: readonly Float32Array[], k: number): { exact: number; within001: number } {
  let found = 0;
  let close = 0;
  for (const q of queryVectors) {
    const truth = exact.nearest(q, k);
    const ids = new Set(truth.map((hit) => hit.paperId));
    const bar = (truth.at(-1)?.score ?? 0) - 0.01;
    const answer = graph.nearest(q, k);
    found += answer.filter((hit) => ids.has(hit.paperId)).length;
    close += answer.filter((hit) => hit.score >= bar).length;
  }
  const share = (x: number) => Math.round((x / (k * queryVectors.length)) * 1000) / 1000;
  return { exact: share(found), within001: share(close) };
}

/**
 * Builds an index of every vector as the bench's --build says: `worker` as at start (placed, then the
 * graph built on a worker thread), `thread` as an import adds papers (batch by batch on this thread).
 * The longest stall is the longest this thread went without running a 5 ms timer: how long a server
 * building the index would leave a request waiting.
 */
async function measureBuild(name: string, indexSettings: VectorIndexSettings): Promise<VectorIndex> {
  global.gc?.();
  const rss = process.memoryUsage().rss;
  const cpu = process.cpuUsage();
  const started = performance.now();
  let lastTick = started;
  let longestStall = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longestStall = Math.max(longestStall, now - lastTick);
    lastTick = now;
  }, 5);
  // As at start, with room made for the papers the store holds.
  const index = new VectorIndex('bench', dimension, indexSettings, ids.length);
  for (const [i, id] of ids.entries()) {
    const vector = vectors.subarray(i * dimension, (i + 1) * dimension);
    if (values.build === 'worker') index.place(id, vector);
    else index.set(id, vector);
    // Yield as the store's pages of vectors do (5,000 a page), so that the timer can run.
    if (i % 5000 === 4999) await new Promise((resolve) => setImmediate(resolve));
  }
  await index.buildGraph();
  const seconds = (performance.now() - started) / 1000;
  clearInterval(ticker);
  longestStall = Math.max(longestStall, performance.now() - lastTick);
  const used = process.cpuUsage(cpu);
  global.gc?.();
  const result = {
    buildSeconds: round(seconds),
    buildCpuSeconds: round((used.user + used.system) / 1e6),
    longestStallMs: round(longestStall),
    // Rough: the index's own copy of the vectors (both indexes hold one) and, for the graph, its native
    // part; the garbage of loading may be returned to the system meanwhile.
    rssGrowthMegabytes: round((process.memoryUsage().rss - rss) / 1e6),
  };
  figures[`${name}Build`] = result;
  console.log(
    `${`${name} build`.padEnd(20)} ${result.buildSeconds} s (${result.buildCpuSeconds} s of CPU), ` +
      `longest stall of this thread ${result.longestStallMs} ms, resident memory +${result.rssGrowthMegabytes} MB`,
  );
  return index;
}

/** Wall and CPU milliseconds of each query (on a shared machine, CPU time is the steadier). */
function timeQueries(index: VectorIndex, k: number): { wall: number[]; cpu: number[] } {
  for (const q of queries) index.nearest(q, k); // warm-up
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let pass = 0; pass < passes; pass++) {
    for (const q of queries) {
      const cpuStart = process.cpuUsage();
      const started = performance.now();
      index.nearest(q, k);
      wall.push(performance.now() - started);
      const used = process.cpuUsage(cpuStart);
      cpu.push((used.user + used.system) / 1000);
    }
  }
  return { wall, cpu };
}

interface VectorSet {
  readonly ids: string[];
  readonly vectors: Float32Array;
  readonly queries: Float32Array[];
  readonly dimension: number;
}

/** Unit vectors round 500 topics: each a topic's direction plus as much noise again, like paper vectors. */
function synthetic(count: number, queryCount: number): VectorSet {
  const dim = 256;
  let state = 7;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const topics = Float32Array.from({ length: 500 * dim }, () => random() - 0.5);
  const draw = (into: Float32Array, at: number) => {
    const topic = Math.floor(random() * 500) * dim;
    let norm = 0;
    for (let j = 0; j < dim; j++) {
      const x = topics[topic + j]! + (random() - 0.5);
      into[at + j] = x;
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    for (let j = 0; j < dim; j++) into[at + j]! /= norm;
  };
  const vectors = new Float32Array(count * dim);
  for (let i = 0; i < count; i++) draw(vectors, i * dim);
  const queries = Array.from({ length: queryCount }, () => {
    const q = new Float32Array(dim);
    draw(q, 0);
    return q;
  });
  return { ids: Array.from({ length: count }, (_, i) => `p${i}`), vectors, queries, dimension: dim };
}

async function fromStore(): Promise<VectorSet> {
  const dbFile = path.join(CACHE_DIR, `search-${n}.db`);
  if (!fs.existsSync(dbFile)) throw new Error(`${dbFile} is missing: run bench/search.ts --n ${n} --hybrid`);
  const app = await createApp(benchConfig(dbFile));
  try {
    const embedder = await loadLsaEmbedder(app.vectors);
    if (!embedder) throw new Error(`${dbFile} has no model: run bench/search.ts --n ${n} --hybrid`);
    const dim = embedder.dimension;
    const ids: string[] = [];
    let vectors = new Float32Array(dim * 1024);
    for await (const page of app.vectors.vectors(embedder.model)) {
      for (const { paperId, vector } of page) {
        if ((ids.length + 1) * dim > vectors.length) {
          const bigger = new Float32Array(vectors.length * 2);
          bigger.set(vectors);
          vectors = bigger;
        }
        vectors.set(vector, ids.length * dim);
        ids.push(paperId);
      }
    }
    const texts = fs
      .readFileSync(path.join(CACHE_DIR, 'queries.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { text: string }).text);
    const queries = await embedder.embed(texts);
    return { ids, vectors: vectors.slice(0, ids.length * dim), queries, dimension: dim };
  } finally {
    await app.close();
  }
}
