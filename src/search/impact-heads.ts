/**
 * Each broad term's heaviest papers: for every term in more than HEAD papers, the HEAD papers where it
 * weighs most (its bm25 share before IDF), heaviest first (ties: smaller rowid first). A one-word
 * query reads its top k from here; a longer query scores these papers first, so that its walk starts
 * from a k-th score close to the final one.
 */
import { PostingCursor, type Postings } from './impact-postings.ts';

export const HEAD = 128;

export class TermHeads {
  constructor(
    /** Term id → its first entry; the entry after the last term is the entry count. */
    readonly start: Uint32Array,
    readonly rowids: Int32Array,
    readonly weights: Float64Array,
  ) {}

  static build(
    postings: Postings,
    weightOf: (code: number, rowid: number) => number,
    size = HEAD,
  ): TermHeads {
    const terms = postings.termPapers.length;
    const start = new Uint32Array(terms + 1);
    let entries = 0;
    for (let id = 0; id < terms; id++) {
      start[id] = entries;
      if (postings.termPapers[id]! > size) entries += size;
    }
    start[terms] = entries;
    const rowids = new Int32Array(entries);
    const weights = new Float64Array(entries);
    // A min-heap on (weight, then larger rowid) of the best so far: its root is the one to drop.
    const heapRowids = new Int32Array(size);
    const heapWeights = new Float64Array(size);
    const worse = (a: number, b: number) =>
      heapWeights[a]! < heapWeights[b]! ||
      (heapWeights[a] === heapWeights[b] && heapRowids[a]! > heapRowids[b]!);
    const swap = (a: number, b: number) => {
      const r = heapRowids[a]!;
      heapRowids[a] = heapRowids[b]!;
      heapRowids[b] = r;
      const w = heapWeights[a]!;
      heapWeights[a] = heapWeights[b]!;
      heapWeights[b] = w;
    };
    for (let id = 0; id < terms; id++) {
      if (start[id + 1] === start[id]) continue;
      let filled = 0;
      for (
        const cursor = new PostingCursor(postings, id);
        cursor.doc !== Number.POSITIVE_INFINITY;
        cursor.next()
      ) {
        const weight = weightOf(cursor.code, cursor.doc);
        if (filled < size) {
          heapRowids[filled] = cursor.doc;
          heapWeights[filled] = weight;
          for (let i = filled++; i > 0 && worse(i, (i - 1) >> 1); i = (i - 1) >> 1) swap(i, (i - 1) >> 1);
        } else if (weight > heapWeights[0]!) {
          // Rowids arrive ascending: an equal weight later loses its tie, so only a heavier one enters.
          heapRowids[0] = cursor.doc;
          heapWeights[0] = weight;
          for (let i = 0; ; ) {
            const l = 2 * i + 1;
            let m = i;
            if (l < size && worse(l, m)) m = l;
            if (l + 1 < size && worse(l + 1, m)) m = l + 1;
            if (m === i) break;
            swap(i, m);
            i = m;
          }
        }
      }
      const order = Array.from({ length: size }, (_, i) => i).sort(
        (a, b) => heapWeights[b]! - heapWeights[a]! || heapRowids[a]! - heapRowids[b]!,
      );
      order.forEach((from, i) => {
        rowids[start[id]! + i] = heapRowids[from]!;
        weights[start[id]! + i] = heapWeights[from]!;
      });
    }
    return new TermHeads(start, rowids, weights);
  }

  /** How many heaviest papers the term has here (0: it is in too few papers to need them). */
  size(termId: number): number {
    return this.start[termId + 1]! - this.start[termId]!;
  }

  get bytes(): number {
    return this.start.byteLength + this.rowids.byteLength + this.weights.byteLength;
  }
}
