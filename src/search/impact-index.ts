/**
 * Top-k keyword search without scoring every match (SQLite). FTS5's `ORDER BY bm25()` scores every row
 * that matches, so a broad word ("cells", in most papers) costs as much as the corpus is large. This
 * index keeps, for every term, the IMPACT_LIST_LENGTH papers where the term weighs most (its bm25
 * share before IDF: field-weighted frequency, damped by length) — an impact-ordered candidate set —
 * and answers a query of plain words from those lists:
 *
 * - a paper's score is the sum over the query's terms of IDF × impact, exactly FTS5's bm25 with our
 *   field weights (same k1, b, document frequencies, lengths and average length);
 * - a paper absent from a term's list has an impact there of at most that list's last (its bound), so
 *   candidates are scored exactly (impacts known from the lists, the rest from the paper's text) in
 *   order of their upper bound, until no other paper — seen or unseen — could still enter the top k.
 *
 * When that cannot be proved from the lists, or the store changed since the build, `topK` answers null
 * and the caller asks FTS5. Built in the background after start (like the vector index).
 */
import { sql } from 'kysely';
import type { Db } from '../db/schema.ts';
import { Fts5Terms, fts5Words } from './fts5-terms.ts';
import type { FieldWeights } from './keyword-index.ts';

export const IMPACT_LIST_LENGTH = 4096;
const K1 = 1.2;
const B = 0.75;
const PAGE = 2000;
const FETCH_BATCH = 32;
const EPSILON = 1e-9;
/** Papers scored from their text before a query is handed to FTS5. */
const MAX_SCORED = 512;

export interface ImpactHit {
  readonly rowid: number;
  readonly score: number;
}

interface PaperColumns {
  readonly rowid: number;
  readonly title: string;
  readonly authors: string;
  readonly abstract: string;
  readonly categories: string;
}

/** One term's best papers: a min-heap while building, then sorted best first. */
class TermList {
  constructor(private readonly capacity: number) {}

  rowids = new Int32Array(4);
  impacts = new Float64Array(4);
  size = 0;
  papers = 0;

  add(rowid: number, impact: number): void {
    this.papers++;
    if (this.size < this.capacity) {
      if (this.size === this.rowids.length) this.grow();
      this.rowids[this.size] = rowid;
      this.impacts[this.size] = impact;
      this.siftUp(this.size++);
    } else if (impact > this.impacts[0]!) {
      this.rowids[0] = rowid;
      this.impacts[0] = impact;
      this.siftDown();
    }
  }

  /** Best first (ties: smaller rowid first, as FTS5 orders); shrinks the arrays to their size. */
  seal(): void {
    const order = Array.from({ length: this.size }, (_, i) => i).sort(
      (a, b) => this.impacts[b]! - this.impacts[a]! || this.rowids[a]! - this.rowids[b]!,
    );
    this.rowids = Int32Array.from(order, (i) => this.rowids[i]!);
    this.impacts = Float64Array.from(order, (i) => this.impacts[i]!);
  }

  /** The most a paper outside the list can weigh for this term: 0 when the list holds every paper. */
  get bound(): number {
    return this.size < this.papers ? this.impacts[this.size - 1]! : 0;
  }

  private grow(): void {
    const size = Math.min(this.rowids.length * 2, this.capacity);
    const rowids = new Int32Array(size);
    const impacts = new Float64Array(size);
    rowids.set(this.rowids);
    impacts.set(this.impacts);
    this.rowids = rowids;
    this.impacts = impacts;
  }

  private siftUp(at: number): void {
    let i = at;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.impacts[parent]! <= this.impacts[i]!) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(): void {
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.size && this.impacts[l]! < this.impacts[m]!) m = l;
      if (r < this.size && this.impacts[r]! < this.impacts[m]!) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }

  private swap(a: number, b: number): void {
    const r = this.rowids[a]!;
    this.rowids[a] = this.rowids[b]!;
    this.rowids[b] = r;
    const x = this.impacts[a]!;
    this.impacts[a] = this.impacts[b]!;
    this.impacts[b] = x;
  }
}

export class ImpactIndex {
  private lists = new Map<string, TermList>();
  private papers = 0;
  private averageLength = 1;
  private builtThrough = -1;
  /** Each paper's length in tokens (all columns), by rowid. */
  private lengths = new Int32Array(0);
  private fresh = false;
  private readonly terms: Fts5Terms;

  constructor(
    private readonly db: Db,
    private readonly weights: FieldWeights,
    /** Papers kept per term: longer lists answer more queries and take more memory. */
    private readonly listLength = IMPACT_LIST_LENGTH,
  ) {
    this.terms = new Fts5Terms(db);
  }

  get ready(): boolean {
    return this.fresh;
  }

  /** Stops answering until the next build (the papers changed). */
  invalidate(): void {
    this.fresh = false;
  }

  private building: Promise<void> | null = null;
  private again = false;

  /**
   * After the papers changed: answers stop at once, and the index is built again in the background
   * (once more after a build in progress). Does nothing for an index never built (not serving).
   */
  rebuildInBackground(onError: (error: unknown) => void): void {
    if (this.builtThrough < 0) return;
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

  /** Reads every paper once and keeps each term's best papers. */
  async build(onProgress?: (done: number) => void): Promise<void> {
    this.fresh = false;
    const stats = await this.ftsStats();
    const lists = new Map<string, TermList>();
    let lengths = new Int32Array(PAGE);
    let after = -1;
    let done = 0;
    for (;;) {
      const rows = await sql<PaperColumns>`
        SELECT rowid, title, authors, abstract, categories FROM papers
        WHERE rowid > ${after} ORDER BY rowid LIMIT ${PAGE}`.execute(this.db);
      if (rows.rows.length === 0) break;
      const words = rows.rows.map((row) => this.columnWords(row));
      await this.terms.resolve(words.flat(2));
      for (const [i, row] of rows.rows.entries()) {
        const { frequencies, length } = this.frequencies(words[i]!);
        const rowid = Number(row.rowid);
        if (rowid >= lengths.length) {
          const bigger = new Int32Array(Math.max(rowid + 1, lengths.length * 2));
          bigger.set(lengths);
          lengths = bigger;
        }
        lengths[rowid] = length;
        for (const [term, f] of frequencies) {
          let list = lists.get(term);
          if (!list) {
            list = new TermList(this.listLength);
            lists.set(term, list);
          }
          list.add(Number(row.rowid), impact(f, length, stats.averageLength));
        }
      }
      after = Number(rows.rows.at(-1)!.rowid);
      done += rows.rows.length;
      onProgress?.(done);
    }
    for (const list of lists.values()) list.seal();
    this.lists = lists;
    this.papers = stats.papers;
    this.averageLength = stats.averageLength;
    this.builtThrough = after;
    this.lengths = lengths;
    this.fresh = true;
  }

  /**
   * The k best papers for any of these words (as FTS5 ranks `"w1" OR "w2"` with bm25 and our field
   * weights), best first; null when the lists cannot prove the answer or the store changed.
   */
  async topK(words: readonly string[], k: number): Promise<ImpactHit[] | null> {
    if (!this.fresh || words.length === 0 || k <= 0) return null;
    const last = await sql<{ m: number | null }>`SELECT max(rowid) AS m FROM papers`.execute(this.db);
    if (Number(last.rows[0]?.m ?? -1) !== this.builtThrough) return null;
    await this.terms.resolve(words);
    const phrases = words.map((w) => {
      const term = this.terms.stemOf(w) ?? w;
      const list = this.lists.get(term);
      return { term, list, idf: idf(this.papers, list?.papers ?? 0) };
    });
    // Lower bounds from the lists; which phrases each candidate is known for.
    const known = new Map<number, { score: number; seen: number }>();
    phrases.forEach(({ list, idf: w }, p) => {
      if (!list) return;
      for (let j = 0; j < list.size; j++) {
        const rowid = list.rowids[j]!;
        const entry = known.get(rowid) ?? { score: 0, seen: 0 };
        entry.score += w * list.impacts[j]!;
        entry.seen |= 1 << p;
        known.set(rowid, entry);
      }
    });
    const unseenBound = phrases.reduce((sum, p) => sum + p.idf * (p.list?.bound ?? 0), 0);
    const candidates = [...known].map(([rowid, { score, seen }]) => {
      let upper = score;
      phrases.forEach((p, i) => {
        if (!(seen & (1 << i))) upper += p.idf * (p.list?.bound ?? 0);
      });
      return { rowid, lower: score, upper };
    });
    candidates.sort((a, b) => b.upper - a.upper || a.rowid - b.rowid);
    // The k-th best can score at most the k-th highest upper bound: if an unseen paper could beat
    // that, no scoring here can prove the answer.
    const kthUpper = candidates[k - 1]?.upper ?? 0;
    if (unseenBound > EPSILON && unseenBound >= kthUpper - EPSILON) return null;

    // The k-th highest lower bound: the true k-th score is at least this, so a candidate whose upper
    // bound is below it is never scored.
    const floor =
      [...candidates.map((c) => c.lower)].sort((a, b) => b - a)[k - 1] ?? Number.NEGATIVE_INFINITY;
    // Where even the k-th best lower bound is below what an unseen paper could score, proving the
    // answer would mean scoring nearly every candidate, and it mostly fails: FTS5 answers sooner.
    if (unseenBound > floor) return null;
    const exact: ImpactHit[] = [];
    const kth = () => Math.max(floor, exact.length < k ? Number.NEGATIVE_INFINITY : exact[k - 1]!.score);
    let at = 0;
    let scored = 0;
    while (at < candidates.length && candidates[at]!.upper >= kth() - EPSILON) {
      if (scored > MAX_SCORED) return null;
      const batch: typeof candidates = [];
      while (
        at < candidates.length &&
        batch.length < FETCH_BATCH &&
        candidates[at]!.upper >= kth() - EPSILON
      ) {
        const c = candidates[at++]!;
        if (c.upper - c.lower <= EPSILON) insert(exact, { rowid: c.rowid, score: c.lower }, k);
        else batch.push(c);
      }
      scored += batch.length;
      if (batch.length > 0)
        for (const hit of await this.score(
          batch.map((c) => c.rowid),
          phrases,
        ))
          insert(exact, hit, k);
      if (unseenBound > EPSILON && bestPossibleKth(exact, candidates, at, k) <= unseenBound + EPSILON)
        return null;
    }
    // Papers in no list could still beat the k-th: FTS5 must answer.
    if (unseenBound > EPSILON && (exact.length < k || unseenBound >= kth() - EPSILON)) return null;
    return exact;
  }

  /** Exact scores of these papers, from their text. */
  private async score(
    rowids: readonly number[],
    phrases: readonly { term: string; idf: number }[],
  ): Promise<ImpactHit[]> {
    const rows = await sql<PaperColumns>`
      SELECT rowid, title, authors, abstract, categories FROM papers
      WHERE rowid IN (${sql.join(rowids)})`.execute(this.db);
    const weights = [
      this.weights.title,
      this.weights.authors,
      this.weights.abstract,
      this.weights.categories,
    ];
    // Each term as the words it is made of, found where a token starts and ends (as unicode61 cuts).
    const patterns = phrases.map(
      (p) =>
        new RegExp(
          `(?<![\\p{L}\\p{N}\\p{Co}])(?:${this.terms.wordsOf(p.term).map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}\\p{Co}])`,
          'gu',
        ),
    );
    const out: ImpactHit[] = [];
    for (const row of rows.rows) {
      const columns = [row.title, row.authors, row.abstract, row.categories].map((c) => c.toLowerCase());
      const length = this.lengths[Number(row.rowid)] ?? 0;
      let score = 0;
      phrases.forEach((p, i) => {
        let f = 0;
        columns.forEach((text, c) => {
          f += (text.match(patterns[i]!)?.length ?? 0) * weights[c]!;
        });
        if (f > 0) score += p.idf * impact(f, length, this.averageLength);
      });
      out.push({ rowid: Number(row.rowid), score });
    }
    return out;
  }

  private columnWords(row: PaperColumns): string[][] {
    return [fts5Words(row.title), fts5Words(row.authors), fts5Words(row.abstract), fts5Words(row.categories)];
  }

  /** Field-weighted term frequencies of one paper, and its length in tokens (all columns). */
  private frequencies(columns: readonly (readonly string[])[]): {
    frequencies: Map<string, number>;
    length: number;
  } {
    const weights = [
      this.weights.title,
      this.weights.authors,
      this.weights.abstract,
      this.weights.categories,
    ];
    const frequencies = new Map<string, number>();
    let length = 0;
    columns.forEach((words, c) => {
      length += words.length;
      for (const word of words) {
        const term = this.terms.stemOf(word) ?? word;
        frequencies.set(term, (frequencies.get(term) ?? 0) + weights[c]!);
      }
    });
    return { frequencies, length };
  }

  /** FTS5's own row count and average row length (its averages record), as bm25() reads them. */
  private async ftsStats(): Promise<{ papers: number; averageLength: number }> {
    const row = await sql<{ block: Uint8Array }>`SELECT block FROM papers_fts_data WHERE id = 1`.execute(
      this.db,
    );
    const block = row.rows[0]?.block;
    if (!block) return { papers: 0, averageLength: 1 };
    const values: number[] = [];
    for (let at = 0; at < block.length; ) {
      const [value, next] = readVarint(block, at);
      values.push(value);
      at = next;
    }
    const [papers = 0, ...columns] = values;
    const tokens = columns.reduce((a, b) => a + b, 0);
    return { papers, averageLength: papers > 0 ? tokens / papers : 1 };
  }
}

function escapeRegExp(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** bm25's per-term share before IDF: weighted frequency f, saturated (k1) and damped by length (b). */
function impact(f: number, length: number, averageLength: number): number {
  return (f * (K1 + 1)) / (f + K1 * (1 - B + (B * length) / averageLength));
}

/**
 * The highest the k-th score can still end up: the k-th largest of the exact scores so far and the
 * upper bounds of the candidates not yet scored (from `at` on, sorted by upper bound).
 */
function bestPossibleKth(
  exact: readonly ImpactHit[],
  candidates: readonly { upper: number }[],
  at: number,
  k: number,
): number {
  const values = [...exact.map((h) => h.score), ...candidates.slice(at, at + k).map((c) => c.upper)];
  return values.sort((a, b) => b - a)[k - 1] ?? Number.NEGATIVE_INFINITY;
}

/** FTS5's IDF: log((N - n + 0.5) / (n + 0.5)), and 1e-6 where that is not positive. */
function idf(papers: number, withTerm: number): number {
  const value = Math.log((papers - withTerm + 0.5) / (withTerm + 0.5));
  return value > 0 ? value : 1e-6;
}

/** Keeps `hits` sorted best first (ties: smaller rowid) and at most k long. */
function insert(hits: ImpactHit[], hit: ImpactHit, k: number): void {
  let i = hits.length;
  while (
    i > 0 &&
    (hits[i - 1]!.score < hit.score || (hits[i - 1]!.score === hit.score && hits[i - 1]!.rowid > hit.rowid))
  )
    i--;
  if (i >= k) return;
  hits.splice(i, 0, hit);
  if (hits.length > k) hits.pop();
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
