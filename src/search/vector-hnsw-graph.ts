/**
 * An approximate nearest-neighbour graph (HNSW, from the usearch native library) over unit vectors,
 * keyed by the caller's slot numbers. It answers candidates only: its copy of each vector may be
 * quantised, so the caller rescores them from its own exact vectors.
 */
import { createRequire } from 'node:module';
import type * as Usearch from 'usearch';

// usearch's CommonJS build: its ES module build looks for its native library through a stack trace, and
// in a worker thread run by tsx (the graph worker) that import never returns.
const { Index, MetricKind, ScalarKind } = createRequire(import.meta.url)('usearch') as typeof Usearch;

export interface GraphSettings {
  /** Neighbours per node (HNSW M): more finds more, at the cost of memory and build time. */
  readonly connectivity: number;
  /** Candidates followed while inserting (efConstruction). */
  readonly expansionAdd: number;
  /** Candidates followed while searching (ef); at least the number of results asked for. */
  readonly expansionSearch: number;
  /** How the graph stores its copy of the vectors: f32, f16 (half the memory) or i8 (a quarter). */
  readonly quantization: 'f32' | 'f16' | 'i8';
}

/**
 * Measured on the 100k benchmark store (bench/vector-index.ts --store): against connectivity 16 with
 * expansionAdd 128 in f32, this builds 3.5 times faster with the same recall, and f16 halves the graph's
 * copy of the vectors.
 */
export const DEFAULT_GRAPH: GraphSettings = {
  connectivity: 32,
  expansionAdd: 64,
  expansionSearch: 64,
  quantization: 'f16',
};

export class HnswGraph {
  private readonly index: Usearch.Index;

  constructor(
    readonly dimension: number,
    settings: GraphSettings = DEFAULT_GRAPH,
  ) {
    this.index = new Index({
      dimensions: dimension,
      metric: MetricKind.IP,
      quantization: QUANTIZATION[settings.quantization],
      connectivity: settings.connectivity,
      expansion_add: settings.expansionAdd,
      expansion_search: settings.expansionSearch,
      multi: false,
    });
  }

  get size(): number {
    return this.index.size();
  }

  /**
   * Inserts the vectors of these slots, in this order (`vectors` holds every slot's: slot s at
   * s × dimension); blocks until done. On one thread: usearch's inserts on several threads at once now and
   * then leave a node that no search reaches (unum-cloud/USearch#735; of 20,000 clustered vectors of
   * dimension 32, 3 to 6 on two threads, 0 to 1 on one). On one thread the graph is also the same every
   * time, and so are search results.
   */
  add(slots: Int32Array, vectors: Float32Array): void {
    if (slots.length === 0) return;
    const dim = this.dimension;
    const rows = new Float32Array(slots.length * dim);
    for (const [i, slot] of slots.entries())
      rows.set(vectors.subarray(slot * dim, (slot + 1) * dim), i * dim);
    this.index.add(
      BigUint64Array.from(slots, (slot) => BigInt(slot)),
      rows,
      1,
    );
  }

  /** Writes the graph to a file, for another thread to load. */
  save(path: string): void {
    this.index.save(path);
  }

  /** A graph that `save` wrote, made with the same dimension and settings. */
  static load(dimension: number, settings: GraphSettings, path: string): HnswGraph {
    const graph = new HnswGraph(dimension, settings);
    graph.index.load(path);
    return graph;
  }

  remove(slot: number): void {
    this.index.remove(BigInt(slot));
  }

  /** Up to `k` slots near the query, roughly nearest first. */
  search(query: Float32Array, k: number): Int32Array {
    if (k <= 0 || this.index.size() === 0) return new Int32Array(0);
    const { keys } = this.index.search(query, k, 1);
    return Int32Array.from(keys, (key) => Number(key));
  }
}

const QUANTIZATION = { f32: ScalarKind.F32, f16: ScalarKind.F16, i8: ScalarKind.I8 } as const;
