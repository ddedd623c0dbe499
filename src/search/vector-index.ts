/**
 * The in-process vector index of one model: every paper's unit vector in one Float32Array (dot product =
 * cosine). Vectors not yet in the graph (fewer than one batch: the newest and the replaced ones) are
 * scanned exactly; each time a batch of them has gathered, they go into an HNSW graph in one insert. A
 * query scores the graph's candidates and the waiting vectors exactly, from the array, so a corpus smaller
 * than one batch is searched exactly and scores never depend on the graph's quantisation. An index filled
 * at once (at start) builds its graph on a worker thread instead (`place`, then `buildGraph`).
 */
import { buildGraphInWorker } from './build-graph-in-worker.ts';
import type { ScoredPaper } from './keyword-index.ts';
import { DEFAULT_GRAPH, type GraphSettings, HnswGraph } from './vector-hnsw-graph.ts';
import { TopK } from './vector-top-k.ts';

export interface VectorIndexSettings {
  /** Waiting vectors that go into the graph together; also the largest corpus scanned exactly. */
  readonly batch: number;
  /** Candidates asked of the graph: at least this many, and at least twice the results wanted. */
  readonly candidates: number;
  readonly graph: GraphSettings;
}

export const DEFAULT_VECTOR_INDEX: VectorIndexSettings = {
  batch: 1024,
  candidates: 300,
  graph: DEFAULT_GRAPH,
};

export class VectorIndex {
  private ids: string[] = [];
  private readonly slots = new Map<string, number>();
  private vectors: Float32Array;
  /** Slots whose vector is not in the graph, and a flag per slot saying so. */
  private waiting: number[] = [];
  private isWaiting: Uint8Array;
  private graph: HnswGraph | null = null;
  private building = false;

  constructor(
    /** The embedding model the vectors come from: an index never holds two models' vectors. */
    readonly model: string,
    readonly dimension: number,
    private readonly settings: VectorIndexSettings = DEFAULT_VECTOR_INDEX,
    /**
     * The papers it is expected to hold: room for them is made at once (beyond it, the room doubles, and
     * each time every vector is copied: at a million, a second and a half).
     */
    expectedSize = 0,
  ) {
    const capacity = Math.max(INITIAL_CAPACITY, expectedSize);
    this.vectors = sharedFloats(dimension * capacity);
    this.isWaiting = new Uint8Array(capacity);
  }

  get size(): number {
    return this.ids.length;
  }

  /** Vectors in the graph (the rest are scanned exactly). */
  get graphSize(): number {
    return this.graph?.size ?? 0;
  }

  /** Adds a paper's vector, or replaces it. */
  set(paperId: string, vector: Float32Array): void {
    this.place(paperId, vector);
    if (this.waiting.length >= this.settings.batch) this.insertWaiting();
  }

  /**
   * Adds or replaces a vector without putting it into the graph: for filling a new index, after which
   * `buildGraph` puts them all in at once. Meanwhile they are scanned exactly.
   */
  place(paperId: string, vector: Float32Array): void {
    if (this.building) throw new Error('the vector index is building its graph: change it afterwards');
    if (vector.length !== this.dimension) {
      throw new Error(`vector of ${vector.length} values in an index of dimension ${this.dimension}`);
    }
    let slot = this.slots.get(paperId);
    if (slot === undefined) {
      slot = this.ids.length;
      if (slot >= this.isWaiting.length) this.grow();
      this.ids.push(paperId);
      this.slots.set(paperId, slot);
      this.wait(slot);
    } else if (this.isWaiting[slot] === 0) {
      this.graph?.remove(slot);
      this.wait(slot);
    }
    this.vectors.set(vector, slot * this.dimension);
  }

  /**
   * Puts the waiting vectors into a graph built on a worker thread, so that this thread keeps answering
   * (searches meanwhile scan them exactly); fewer than a batch stay waiting. The index must not change
   * until it is done. An index that has a graph already inserts them here, as `set` does.
   */
  async buildGraph(onProgress?: (done: number) => void): Promise<void> {
    if (this.building) throw new Error('the vector index is building its graph already');
    if (this.waiting.length < this.settings.batch) return;
    if (this.graph) return this.insertWaiting();
    const slots = Int32Array.from(this.waiting);
    this.building = true;
    try {
      const job = { dimension: this.dimension, settings: this.settings.graph, vectors: this.vectors, slots };
      this.graph = await buildGraphInWorker(job, onProgress);
    } finally {
      this.building = false;
    }
    this.inGraph(slots);
  }

  /** A paper's vector (a view into the index: do not change it), or null when it has none. */
  get(paperId: string): Float32Array | null {
    const slot = this.slots.get(paperId);
    return slot === undefined
      ? null
      : this.vectors.subarray(slot * this.dimension, (slot + 1) * this.dimension);
  }

  /** The k papers whose vectors are nearest the query's, nearest first (the graph's part approximately). */
  nearest(query: Float32Array, k: number): ScoredPaper[] {
    const top = new TopK(k);
    if (this.graph) {
      const wanted = Math.max(this.settings.candidates, 2 * k);
      for (const slot of this.graph.search(query, wanted)) top.offer(slot, this.score(slot, query));
    }
    for (const slot of this.waiting) top.offer(slot, this.score(slot, query));
    return top
      .entries()
      .map(({ slot, score }) => ({ paperId: this.ids[slot]!, score }))
      .sort((a, b) => b.score - a.score || (a.paperId < b.paperId ? -1 : 1));
  }

  private score(slot: number, query: Float32Array): number {
    const dim = this.dimension;
    const vectors = this.vectors;
    const base = slot * dim;
    let dot = 0;
    for (let j = 0; j < dim; j++) dot += vectors[base + j]! * query[j]!;
    return dot;
  }

  private wait(slot: number): void {
    this.isWaiting[slot] = 1;
    this.waiting.push(slot);
  }

  private insertWaiting(): void {
    this.graph ??= new HnswGraph(this.dimension, this.settings.graph);
    const slots = Int32Array.from(this.waiting);
    this.graph.add(slots, this.vectors);
    this.inGraph(slots);
  }

  /** These slots, all that waited, are in the graph now. */
  private inGraph(slots: Int32Array): void {
    for (const slot of slots) this.isWaiting[slot] = 0;
    this.waiting = [];
  }

  private grow(): void {
    const capacity = this.isWaiting.length * 2;
    const vectors = sharedFloats(capacity * this.dimension);
    vectors.set(this.vectors);
    this.vectors = vectors;
    const isWaiting = new Uint8Array(capacity);
    isWaiting.set(this.isWaiting);
    this.isWaiting = isWaiting;
  }
}

const INITIAL_CAPACITY = 1024;

/** Floats in shared memory, which a graph worker reads without a copy. */
function sharedFloats(length: number): Float32Array {
  return new Float32Array(new SharedArrayBuffer(length * Float32Array.BYTES_PER_ELEMENT));
}
