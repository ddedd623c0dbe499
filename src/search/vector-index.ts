/**
 * The in-process vector index: an exact scan over unit vectors in one Float32Array (dot product =
 * cosine), keeping the top k in a small min-heap. Exact, and fast enough while the corpus is small.
 */
import type { ScoredPaper } from './keyword-index.ts';

export class ExactVectorIndex {
  private ids: string[] = [];
  private readonly slots = new Map<string, number>();
  private vectors: Float32Array;

  constructor(
    readonly dimension: number,
    capacity = 1024,
  ) {
    this.vectors = new Float32Array(dimension * capacity);
  }

  get size(): number {
    return this.ids.length;
  }

  /** Adds a paper's vector, or replaces it. */
  set(paperId: string, vector: Float32Array): void {
    if (vector.length !== this.dimension) {
      throw new Error(`vector of ${vector.length} values in an index of dimension ${this.dimension}`);
    }
    let slot = this.slots.get(paperId);
    if (slot === undefined) {
      slot = this.ids.length;
      if ((slot + 1) * this.dimension > this.vectors.length) this.grow();
      this.ids.push(paperId);
      this.slots.set(paperId, slot);
    }
    this.vectors.set(vector, slot * this.dimension);
  }

  /** A paper's vector (a view into the index: do not change it), or null when it has none. */
  get(paperId: string): Float32Array | null {
    const slot = this.slots.get(paperId);
    return slot === undefined
      ? null
      : this.vectors.subarray(slot * this.dimension, (slot + 1) * this.dimension);
  }

  /** The k papers whose vectors are nearest the query's, nearest first. */
  nearest(query: Float32Array, k: number): ScoredPaper[] {
    const dim = this.dimension;
    const heapIds = new Int32Array(Math.max(k, 1));
    const heapScores = new Float32Array(Math.max(k, 1));
    let size = 0;
    const vectors = this.vectors;
    for (let slot = 0; slot < this.ids.length; slot++) {
      let dot = 0;
      const base = slot * dim;
      for (let j = 0; j < dim; j++) dot += vectors[base + j]! * query[j]!;
      if (size < k) {
        heapIds[size] = slot;
        heapScores[size] = dot;
        size++;
        siftUp(heapIds, heapScores, size - 1);
      } else if (k > 0 && dot > heapScores[0]!) {
        heapIds[0] = slot;
        heapScores[0] = dot;
        siftDown(heapIds, heapScores, size);
      }
    }
    const found: ScoredPaper[] = [];
    for (let i = 0; i < size; i++) found.push({ paperId: this.ids[heapIds[i]!]!, score: heapScores[i]! });
    return found.sort((a, b) => b.score - a.score || (a.paperId < b.paperId ? -1 : 1));
  }

  private grow(): void {
    const bigger = new Float32Array(Math.max(this.vectors.length * 2, this.dimension * 1024));
    bigger.set(this.vectors);
    this.vectors = bigger;
  }
}

function siftUp(ids: Int32Array, scores: Float32Array, at: number): void {
  let i = at;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (scores[parent]! <= scores[i]!) return;
    swap(ids, scores, i, parent);
    i = parent;
  }
}

function siftDown(ids: Int32Array, scores: Float32Array, size: number): void {
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    const right = left + 1;
    let smallest = i;
    if (left < size && scores[left]! < scores[smallest]!) smallest = left;
    if (right < size && scores[right]! < scores[smallest]!) smallest = right;
    if (smallest === i) return;
    swap(ids, scores, i, smallest);
    i = smallest;
  }
}

function swap(ids: Int32Array, scores: Float32Array, a: number, b: number): void {
  const id = ids[a]!;
  ids[a] = ids[b]!;
  ids[b] = id;
  const score = scores[a]!;
  scores[a] = scores[b]!;
  scores[b] = score;
}
