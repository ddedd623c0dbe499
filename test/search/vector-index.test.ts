import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_VECTOR_INDEX, VectorIndex } from '../../src/search/vector-index.ts';

const DIMENSION = 32;
/** A small batch, so that a few thousand vectors go through the graph. */
const settings = { ...DEFAULT_VECTOR_INDEX, batch: 256 };

/** Seeded unit vectors around a few dozen topics, like embeddings of papers. */
function randomVectors(count: number, seed: number): Float32Array[] {
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const topics = Array.from({ length: 40 }, () => Array.from({ length: DIMENSION }, () => random() - 0.5));
  return Array.from({ length: count }, () => {
    const topic = topics[Math.floor(random() * topics.length)]!;
    return unit(topic.map((x) => x + 0.6 * (random() - 0.5)));
  });
}

function unit(values: number[]): Float32Array {
  const norm = Math.hypot(...values);
  return Float32Array.from(values, (x) => x / norm);
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let j = 0; j < a.length; j++) sum += a[j]! * b[j]!;
  return sum;
}

function exactNearest(vectors: Map<string, Float32Array>, query: Float32Array, k: number): string[] {
  return [...vectors]
    .map(([id, v]) => ({ id, score: dot(v, query) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, k)
    .map((hit) => hit.id);
}

function recallAt10(index: VectorIndex, vectors: Map<string, Float32Array>, queries: Float32Array[]): number {
  let found = 0;
  for (const query of queries) {
    const truth = new Set(exactNearest(vectors, query, 10));
    found += index.nearest(query, 10).filter((hit) => truth.has(hit.paperId)).length;
  }
  return found / (10 * queries.length);
}

test('the graph finds nearly all of the exact ten nearest, and scores them exactly', () => {
  const index = new VectorIndex('m', DIMENSION, settings);
  const vectors = new Map(randomVectors(5000, 1).map((v, i) => [`p${i}`, v]));
  for (const [id, v] of vectors) index.set(id, v);
  assert.equal(index.size, 5000);
  assert.ok(index.graphSize >= 5000 - settings.batch, `graph holds ${index.graphSize}`);

  const queries = randomVectors(100, 2);
  const recall = recallAt10(index, vectors, queries);
  assert.ok(recall >= 0.95, `recall@10 ${recall}`);
  for (const hit of index.nearest(queries[0]!, 10)) {
    assert.ok(Math.abs(hit.score - dot(vectors.get(hit.paperId)!, queries[0]!)) < 1e-6);
  }
});

test('below one batch the index is an exact scan', () => {
  const index = new VectorIndex('m', DIMENSION, settings);
  const vectors = new Map(randomVectors(200, 3).map((v, i) => [`p${i}`, v]));
  for (const [id, v] of vectors) index.set(id, v);
  assert.equal(index.graphSize, 0);
  for (const query of randomVectors(20, 4)) {
    assert.deepEqual(
      index.nearest(query, 10).map((hit) => hit.paperId),
      exactNearest(vectors, query, 10),
    );
  }
});

test('papers added after the graph was built are found at once', () => {
  const index = new VectorIndex('m', DIMENSION, settings);
  const vectors = randomVectors(1000, 5);
  for (const [i, v] of vectors.entries()) index.set(`p${i}`, v);
  const added = randomVectors(300, 6);
  for (const [i, v] of added.entries()) {
    index.set(`new${i}`, v);
    // Each is its own nearest neighbour, whether it still waits or has gone into the graph.
    assert.equal(index.nearest(v, 1)[0]?.paperId, `new${i}`);
  }
  assert.equal(index.size, 1300);
  assert.ok(index.graphSize >= 1300 - settings.batch);
  for (const [i, v] of added.entries()) assert.equal(index.nearest(v, 1)[0]?.paperId, `new${i}`);
});

test('of 20,000 vectors put into the graph batch by batch, hardly any is lost to search', () => {
  // Inserting on several threads at once lost 3 to 6 of these (a node no search reaches); one thread, none.
  const index = new VectorIndex('m', DIMENSION, settings);
  const vectors = randomVectors(20_000, 5);
  for (const [i, v] of vectors.entries()) index.set(`p${i}`, v);
  assert.ok(index.graphSize >= 20_000 - settings.batch);
  const lost = vectors.filter((v, i) => index.nearest(v, 1)[0]?.paperId !== `p${i}`).length;
  assert.ok(lost <= 1, `${lost} of 20,000 vectors are not found by themselves`);
});

test('a graph built on a worker thread answers as one built here, and this thread keeps going meanwhile', async () => {
  const vectors = randomVectors(5000, 9);
  const here = new VectorIndex('m', DIMENSION, settings);
  const there = new VectorIndex('m', DIMENSION, settings);
  for (const [i, v] of vectors.entries()) {
    here.set(`p${i}`, v);
    there.place(`p${i}`, v);
  }
  assert.equal(there.graphSize, 0);
  const progress: number[] = [];
  let turns = 0;
  const tick = setInterval(() => turns++, 1);
  const building = there.buildGraph((done) => progress.push(done));
  // Meanwhile: searches scan exactly, and the index cannot change under the worker.
  assert.deepEqual(
    there.nearest(vectors[0]!, 10).map((hit) => hit.paperId),
    exactNearest(new Map(vectors.map((v, i) => [`p${i}`, v])), vectors[0]!, 10),
  );
  assert.throws(() => there.set('p1', vectors[2]!), /building its graph/);
  await assert.rejects(there.buildGraph(), /building its graph already/);
  await building;
  clearInterval(tick);

  assert.ok(turns > 0, 'the event loop ran while the graph was built');
  assert.equal(there.graphSize, 5000);
  assert.equal(progress.at(-1), 5000);
  for (const query of randomVectors(50, 10)) {
    assert.deepEqual(there.nearest(query, 10), here.nearest(query, 10));
  }
  there.set('p0', vectors[1]!);
  assert.deepEqual(
    there
      .nearest(vectors[1]!, 2)
      .map((hit) => hit.paperId)
      .sort(),
    ['p0', 'p1'],
  );
});

test('a replaced vector is found where it is now, not where it was', () => {
  const index = new VectorIndex('m', DIMENSION, settings);
  const vectors = randomVectors(2000, 7);
  for (const [i, v] of vectors.entries()) index.set(`p${i}`, v);
  const replacements = randomVectors(600, 8);
  for (let i = 0; i < replacements.length; i++) index.set(`p${i}`, replacements[i]!);
  assert.equal(index.size, 2000);

  for (let i = 0; i < replacements.length; i++) {
    assert.equal(index.nearest(replacements[i]!, 1)[0]?.paperId, `p${i}`);
    const atOldPlace = index.nearest(vectors[i]!, 10).find((hit) => hit.paperId === `p${i}`);
    if (atOldPlace) assert.ok(Math.abs(atOldPlace.score - dot(replacements[i]!, vectors[i]!)) < 1e-6);
  }
  assert.deepEqual([...index.get('p0')!], [...replacements[0]!]);
});

test('an index holds one model: its own dimension, and none of another index’s vectors', () => {
  const small = new VectorIndex('model-a', 4, settings);
  const other = new VectorIndex('model-b', 4, settings);
  small.set('p1', unit([1, 0, 0, 0]));
  other.set('p2', unit([1, 0, 0, 0]));
  assert.throws(() => small.set('p3', unit([1, 0, 0])), /dimension/);
  assert.deepEqual(
    small.nearest(unit([1, 0, 0, 0]), 5).map((hit) => hit.paperId),
    ['p1'],
  );
  assert.equal(other.get('p1'), null);
  assert.equal(small.model, 'model-a');
});
