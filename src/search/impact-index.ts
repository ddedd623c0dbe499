/**
 * Top-k keyword search without scoring every match (SQLite). FTS5's `ORDER BY bm25()` scores every row
 * that matches, so a broad word ("cells", in most papers) costs as much as the corpus is large. This
 * index holds every term's full posting list in memory (impact-postings.ts: compact blocks, each with
 * the most its postings weigh) and answers a query of plain words by walking only the postings that
 * could still change its top k (impact-topk.ts). A paper's score is exactly FTS5's bm25 with our field
 * weights: the same k1 and b, the same document frequencies, the same lengths (FTS5's own docsize
 * record) and average length (its averages record), the shares added in the same order.
 *
 * The index covers the rows FTS5 has indexed (papers_fts_docsize) with their text from `papers`. When
 * FTS5 or the papers changed since the build, `topK` answers null and the caller asks FTS5. Built in
 * the background after start (like the vector index), and again after each import.
 */
import { sql } from 'kysely';
import type { Db } from '../db/schema.ts';
import { Fts5Terms, fts5Words } from './fts5-terms.ts';
import { TermHeads } from './impact-heads.ts';
import { BLOCK, type Postings, PostingsBuilder } from './impact-postings.ts';
import { Accumulator, type ImpactHit, impactTopK, type Weighing } from './impact-topk.ts';
import type { FieldWeights } from './keyword-index.ts';
import { KeywordIndexQueue } from './keyword-index-queue.ts';

export type { ImpactHit } from './impact-topk.ts';

const K1 = 1.2;
const B = 0.75;
const PAGE = 2000;

interface PaperColumns {
  readonly rowid: number;
  readonly sz: Uint8Array;
  readonly title: string | null;
  readonly authors: string | null;
  readonly abstract: string | null;
  readonly categories: string | null;
}

/** What the index was built from: the highest paper rowid and FTS5's averages record. */
interface Stamp {
  readonly lastRowid: number;
  readonly averages: Uint8Array | null;
}

interface Built {
  readonly postings: Postings;
  readonly weighing: Weighing;
  readonly heads: TermHeads;
  /** FTS5's row count, the N of its IDF. */
  readonly papers: number;
  readonly stamp: Stamp;
}

export class ImpactIndex {
  private built: Built | null = null;
  /** Made at the first query that needs it, the size of the built index's rowid range. */
  private accumulator: Accumulator | null = null;
  private fresh = false;
  private readonly terms: Fts5Terms;
  /** The column weights as bm25() receives them (keyword-index passes them with three decimals). */
  private readonly columnWeights: readonly number[];

  constructor(
    private readonly db: Db,
    weights: FieldWeights,
    private readonly options: {
      /** Postings per block (impact-postings.ts). */
      readonly blockSize?: number;
      /** When a query walks paper by paper rather than adding up term at a time (impact-topk.ts). */
      readonly walkShare?: number;
      /** The app's queue of papers not yet in FTS5 (one per app, so its runs are shared). */
      readonly queue?: KeywordIndexQueue;
    } = {},
  ) {
    this.terms = new Fts5Terms(db);
    this.columnWeights = [weights.title, weights.authors, weights.abstract, weights.categories].map((w) =>
      Number(Number(w).toFixed(3)),
    );
  }

  get ready(): boolean {
    return this.fresh;
  }

  /** Bytes held by the posting lists and the per-paper length damping. */
  get memoryBytes(): number {
    if (!this.built) return 0;
    const { postings, weighing, heads } = this.built;
    const scratch = this.accumulator
      ? this.accumulator.scores.byteLength + this.accumulator.query.byteLength
      : 0;
    return (
      postings.bytes + heads.bytes + weighing.norms.byteLength + weighing.frequencies.byteLength + scratch
    );
  }

  /** Stops answering until the next build (the papers changed). */
  invalidate(): void {
    this.fresh = false;
  }

  private building: Promise<void> | null = null;
  private again = false;
  private started = false;

  /**
   * After the papers changed: answers stop at once, and the index is built again in the background
   * (once more after a build in progress). Does nothing for an index never built (not serving).
   */
  rebuildInBackground(onError: (error: unknown) => void): void {
    if (!this.started) return;
    this.fresh = false;
    if (this.building) {
      this.again = true;
      return;
    }
    this.building = this.build()
      .catch(onError)
      .finally(() => {
        this.building = null;
        if (this.again) {
          this.again = false;
          this.rebuildInBackground(onError);
        }
      });
  }

  /** Reads every indexed paper once and builds every term's posting list. */
  async build(onProgress?: (done: number) => void): Promise<void> {
    this.fresh = false;
    this.started = true;
    // Papers an import left queued go into FTS5 first: the index covers what FTS5 has indexed.
    await (this.options.queue ?? new KeywordIndexQueue(this.db, 'sqlite')).indexQueued();
    // The old lists answer nothing from here on: let them go before the new ones take memory.
    this.built = null;
    this.accumulator = null;
    const stamp = await this.stamp();
    const { papers, averageLength } = ftsAverages(stamp.averages);
    const builder = new PostingsBuilder(this.options.blockSize ?? BLOCK);
    const termIds = new Map<string, number>();
    /** Each word seen → its term's id: one look-up per token. Dropped after the build. */
    const wordTerms = new Map<string, number>();
    const codes = new Map<number, number>();
    const frequencies: number[] = [];
    // One paper's field-weighted frequency per term id, and which term ids it has touched.
    let frequency = new Float64Array(1024);
    let touchedBy = new Int32Array(1024).fill(-1);
    const touched: number[] = [];
    let tokens = new Int32Array(1 << 16);
    let norms = new Float64Array(PAGE);
    let after = -1;
    let done = 0;
    for (;;) {
      const rows = await sql<PaperColumns>`
        SELECT d.id AS rowid, d.sz, p.title, p.authors, p.abstract, p.categories
        FROM papers_fts_docsize d JOIN papers p ON p.rowid = d.id
        WHERE d.id > ${after} ORDER BY d.id LIMIT ${PAGE}`.execute(this.db);
      if (rows.rows.length === 0) break;
      // The page's tokens as term ids; ends[4 × row + column] is where that column's tokens stop.
      let count = 0;
      const ends = new Int32Array(rows.rows.length * 4);
      const unknownAt: number[] = [];
      const unknownWords: string[] = [];
      rows.rows.forEach((row, r) => {
        [row.title, row.authors, row.abstract, row.categories].forEach((text, c) => {
          for (const word of fts5Words(text ?? '')) {
            if (count === tokens.length) tokens = grown(tokens, count * 2);
            const id = wordTerms.get(word);
            if (id === undefined) {
              unknownAt.push(count);
              unknownWords.push(word);
            }
            tokens[count++] = id ?? -1;
          }
          ends[4 * r + c] = count;
        });
      });
      if (unknownAt.length > 0) {
        const list = [...new Set(unknownWords)];
        const stems = await this.terms.stem(list);
        list.forEach((word, i) => {
          let id = termIds.get(stems[i]!);
          if (id === undefined) {
            id = termIds.size;
            termIds.set(stems[i]!, id);
          }
          wordTerms.set(word, id);
        });
        unknownAt.forEach((at, i) => {
          tokens[at] = wordTerms.get(unknownWords[i]!)!;
        });
        if (termIds.size > frequency.length) {
          frequency = new Float64Array(termIds.size * 2);
          touchedBy = grown(touchedBy, termIds.size * 2, -1);
        }
      }
      let at = 0;
      for (const [i, row] of rows.rows.entries()) {
        const rowid = Number(row.rowid);
        if (rowid >= norms.length) norms = grown(norms, Math.max(rowid + 1, norms.length * 2));
        const norm = K1 * (1 - B + (B * tokenCount(row.sz)) / averageLength);
        norms[rowid] = norm;
        // Each occurrence adds its column's weight, in column order, as bm25() adds them.
        touched.length = 0;
        for (let c = 0; c < 4; c++) {
          const weight = this.columnWeights[c]!;
          for (const end = ends[4 * i + c]!; at < end; at++) {
            const id = tokens[at]!;
            if (touchedBy[id] !== rowid) {
              touchedBy[id] = rowid;
              frequency[id] = 0;
              touched.push(id);
            }
            frequency[id] = frequency[id]! + weight;
          }
        }
        for (const id of touched) {
          const f = frequency[id]!;
          let code = codes.get(f);
          if (code === undefined) {
            code = frequencies.length;
            codes.set(f, code);
            frequencies.push(f);
          }
          builder.add(id, rowid, code, (f * (K1 + 1)) / (f + norm));
        }
      }
      after = Number(rows.rows.at(-1)!.rowid);
      done += rows.rows.length;
      onProgress?.(done);
    }
    const postings = builder.seal(termIds);
    const weighing = { frequencies: Float64Array.from(frequencies), norms };
    const heads = TermHeads.build(postings, (code, rowid) => {
      const f = weighing.frequencies[code]!;
      return (f * (K1 + 1)) / (f + norms[rowid]!);
    });
    this.built = { postings, weighing, heads, papers, stamp };
    // Papers written while it was built: stale already (the writer asks for another build).
    this.fresh = sameStamp(stamp, await this.stamp());
  }

  /**
   * The k best papers for any of these words (as FTS5 ranks `"w1" OR "w2"` with bm25 and our field
   * weights), best first; null when the index is not built or the store changed since.
   */
  async topK(words: readonly string[], k: number): Promise<ImpactHit[] | null> {
    const built = this.built;
    if (!this.fresh || !built || words.length === 0 || k <= 0) return null;
    if (!sameStamp(built.stamp, await this.stamp())) return null;
    await this.terms.resolve(words);
    const terms = words.map((w) => {
      const term = this.terms.stemOf(w) ?? w;
      return { termId: built.postings.termId(term), idf: idf(built.papers, built.postings.papers(term)) };
    });
    return impactTopK(
      built.postings,
      built.weighing,
      built.heads,
      terms,
      k,
      () => {
        const papers = built.weighing.norms.length;
        if (this.accumulator?.scores.length !== papers) this.accumulator = new Accumulator(papers);
        return this.accumulator;
      },
      this.options.walkShare,
    );
  }

  private async stamp(): Promise<Stamp> {
    const row = await sql<{ last: number | null; averages: Uint8Array | null }>`
      SELECT (SELECT max(rowid) FROM papers) AS last,
             (SELECT block FROM papers_fts_data WHERE id = 1) AS averages`.execute(this.db);
    return { lastRowid: Number(row.rows[0]?.last ?? -1), averages: row.rows[0]?.averages ?? null };
  }
}

/** A copy of `array` at a larger `size`, the new entries `fill`. */
function grown<T extends Int32Array | Float64Array>(array: T, size: number, fill = 0): T {
  const bigger = new (array.constructor as new (size: number) => T)(size);
  bigger.set(array);
  if (fill !== 0) bigger.fill(fill, array.length);
  return bigger;
}

function sameStamp(a: Stamp, b: Stamp): boolean {
  if (a.lastRowid !== b.lastRowid) return false;
  if (!a.averages || !b.averages) return a.averages === b.averages;
  return Buffer.compare(a.averages, b.averages) === 0;
}

/** FTS5's IDF: log((N - n + 0.5) / (n + 0.5)), and 1e-6 where that is not positive. */
function idf(papers: number, withTerm: number): number {
  const value = Math.log((papers - withTerm + 0.5) / (withTerm + 0.5));
  return value > 0 ? value : 1e-6;
}

/** FTS5's averages record: its row count, then the tokens of each column over all rows. */
function ftsAverages(block: Uint8Array | null): { papers: number; averageLength: number } {
  if (!block) return { papers: 0, averageLength: 1 };
  const [papers = 0, ...columns] = readVarints(block);
  const tokens = columns.reduce((a, b) => a + b, 0);
  return { papers, averageLength: papers > 0 ? tokens / papers : 1 };
}

/** A row's length as bm25() takes it: its docsize record's token counts, all columns. */
function tokenCount(sz: Uint8Array): number {
  return readVarints(sz).reduce((a, b) => a + b, 0);
}

function readVarints(bytes: Uint8Array): number[] {
  const values: number[] = [];
  for (let at = 0; at < bytes.length; ) {
    const [value, next] = readVarint(bytes, at);
    values.push(value);
    at = next;
  }
  return values;
}

/** SQLite's varint: big-endian 7-bit groups, high bit = more; a ninth byte gives 8 bits. */
function readVarint(bytes: Uint8Array, start: number): [number, number] {
  let value = 0;
  for (let i = 0; i < 8; i++) {
    const byte = bytes[start + i]!;
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) return [value, start + i + 1];
  }
  return [value * 256 + bytes[start + 8]!, start + 9];
}
