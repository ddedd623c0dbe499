/**
 * The exact top k of an OR query over full posting lists, as FTS5 ranks it with bm25() (MaxScore with
 * block-max skipping). Terms are ordered by the most they can add to a score; while the k-th best
 * score so far is above what the weakest terms could add together, a paper that has none of the
 * other ("essential") terms cannot enter the top k, so only the essential terms' postings are walked
 * and the weak terms are looked up for the papers that could still make it. A stretch of rowids where
 * the essential terms' current blocks together could not reach the k-th score is skipped whole.
 *
 * Where that prunes little (every word in most papers, each paper's score near the others'), walking
 * paper by paper costs far more per posting than adding every posting into one score per paper
 * (term at a time, `accumulate`): when the essential terms hold more than a share of all the query's
 * postings, the query is answered that way instead.
 */
import type { TermHeads } from './impact-heads.ts';
import { PostingCursor, type Postings } from './impact-postings.ts';

export interface ImpactHit {
  readonly rowid: number;
  readonly score: number;
}

/** One query word as FTS5 counts it (a phrase of one term): duplicates stay separate, as in FTS5. */
export interface QueryTerm {
  readonly termId: number | undefined;
  readonly idf: number;
}

/** One score per paper (by rowid) for answering term at a time, kept between queries. */
export class Accumulator {
  readonly scores: Float64Array;
  /** Which query last gave each paper a score (its `scores` entry is stale otherwise). */
  readonly query: Int32Array;
  /** The papers the current query has scored, in the order first scored. */
  readonly scored: Int32Array;
  current = 0;

  constructor(papers: number) {
    this.scores = new Float64Array(papers);
    this.query = new Int32Array(papers);
    this.scored = new Int32Array(papers);
  }
}

/** What turns a posting into its bm25 share before IDF. */
export interface Weighing {
  /** Frequency code → field-weighted frequency. */
  readonly frequencies: Float64Array;
  /** Rowid → k1 × (1 − b + b × length / average length), bm25's length damping. */
  readonly norms: Float64Array;
}

/**
 * Slack for sums of the same shares added in another order (a few units in the last place): scores
 * are compared with bounds only below the k-th score by this share of it. Relative, as a query of
 * words in nearly every paper scores around 1e-6 (FTS5's smallest IDF).
 */
const SLACK = 1e-12;
/** bm25's k1 + 1, as FTS5 computes it. */
const K1_PLUS_1 = 1.2 + 1;
/**
 * The most of a query's postings its essential terms may hold for it to be walked: looking at a paper
 * costs several times what adding one posting does.
 */
export const WALK_SHARE = 1 / 8;
/** Heaviest papers per term, per paper asked for, that the walk's starting k-th score is taken from. */
const SEED_SHARE = 2;
/** Postings below which the walk is always taken: choosing would save too little to matter. */
const WALK_MIN = 1000;

/** `walkShare`: see WALK_SHARE; 0 answers every query term at a time. */
export function impactTopK(
  postings: Postings,
  weighing: Weighing,
  heads: TermHeads,
  terms: readonly QueryTerm[],
  k: number,
  accumulator: () => Accumulator,
  walkShare = WALK_SHARE,
): ImpactHit[] {
  if (terms.length === 1) {
    const top = fromHead(heads, terms[0]!, k);
    if (top) return top;
  }
  const total = terms.reduce(
    (sum, t) => sum + (t.termId === undefined ? 0 : postings.termPapers[t.termId]!),
    0,
  );
  const budget = walkShare > 0 ? Math.max(WALK_MIN, total * walkShare) : 0;
  return (
    walk(postings, weighing, heads, terms, k, budget) ??
    accumulate(postings, weighing, terms, k, accumulator())
  );
}

/** MaxScore, paper by paper; null when its essential terms hold more than `budget` postings. */
function walk(
  postings: Postings,
  weighing: Weighing,
  heads: TermHeads,
  terms: readonly QueryTerm[],
  k: number,
  budget: number,
): ImpactHit[] | null {
  const { frequencies, norms } = weighing;
  const cursors = terms.map((t) => new PostingCursor(postings, t.termId));
  const upper = terms.map((t) => (t.termId === undefined ? 0 : t.idf * postings.termMax[t.termId]!));
  // Weakest first; below[i] is what the terms before order[i] can add together.
  const order = terms.map((_, i) => i).sort((a, b) => upper[a]! - upper[b]!);
  const below = [0];
  for (const i of order) below.push(below.at(-1)! + upper[i]!);

  const top: ImpactHit[] = [];
  let kth = Number.NEGATIVE_INFINITY;
  // What a bound must reach for its papers to be looked at: from the start, the k-th best score of
  // a few papers that weigh most (the final k-th can only be higher).
  const seeded = seed(postings, weighing, heads, terms, k);
  let floor = seeded - Math.abs(seeded) * SLACK;
  let essential = 0; // order[essential..] are walked; order[..essential] only looked up
  while (essential < order.length && below[essential + 1]! < floor) essential++;
  let walked = 0;
  for (let o = essential; o < order.length; o++) walked += cursors[order[o]!]!.papers;
  if (walked > budget) return null;
  const shares = new Float64Array(terms.length);

  for (;;) {
    let doc = Number.POSITIVE_INFINITY;
    let blocksBound = below[essential]!;
    let stretchEnd = Number.POSITIVE_INFINITY;
    for (let o = essential; o < order.length; o++) {
      const c = cursors[order[o]!]!;
      if (c.doc === Number.POSITIVE_INFINITY) continue;
      if (c.doc < doc) doc = c.doc;
      blocksBound += terms[order[o]!]!.idf * c.blockMax;
      if (c.blockLast < stretchEnd) stretchEnd = c.blockLast;
    }
    if (doc === Number.POSITIVE_INFINITY) break;
    if (blocksBound < floor) {
      for (let o = essential; o < order.length; o++) cursors[order[o]!]!.seek(stretchEnd + 1);
      continue;
    }

    shares.fill(0);
    let partial = 0;
    for (let o = essential; o < order.length; o++) {
      const i = order[o]!;
      const c = cursors[i]!;
      if (c.doc !== doc) continue;
      const f = frequencies[c.code]!;
      shares[i] = terms[i]!.idf * ((f * K1_PLUS_1) / (f + norms[doc]!));
      partial += shares[i]!;
      c.next();
    }
    let possible = true;
    for (let o = essential - 1; o >= 0; o--) {
      if (partial + below[o + 1]! < floor) {
        possible = false;
        break;
      }
      const i = order[o]!;
      const c = cursors[i]!;
      c.seek(doc);
      if (c.doc !== doc) continue;
      const f = frequencies[c.code]!;
      shares[i] = terms[i]!.idf * ((f * K1_PLUS_1) / (f + norms[doc]!));
      partial += shares[i]!;
    }
    if (!possible) continue;
    // bm25() adds the phrases' shares in query order: the same sum, to the last bit.
    let score = 0;
    for (let i = 0; i < terms.length; i++) score += shares[i]!;
    if (top.length === k && !(score > kth)) continue; // later rowids lose ties
    insert(top, { rowid: doc, score }, k);
    if (top.length === k) {
      kth = top[k - 1]!.score;
      floor = Math.max(floor, kth - Math.abs(kth) * SLACK);
      while (essential < order.length && below[essential + 1]! < floor) essential++;
    }
  }
  return top;
}

/**
 * One word's top k from its heaviest papers, when they hold it: the k-th score must beat what any
 * other paper could score. Null when they do not (or the word is in too few papers to have them).
 */
function fromHead(heads: TermHeads, { termId, idf }: QueryTerm, k: number): ImpactHit[] | null {
  if (termId === undefined) return [];
  const size = heads.size(termId);
  if (k > size) return null;
  const first = heads.start[termId]!;
  const kth = idf * heads.weights[first + k - 1]!;
  if (!(kth > idf * heads.weights[first + size - 1]!)) return null;
  // Scores equal after the IDF's rounding are ordered by rowid, as FTS5 orders them.
  const hits: ImpactHit[] = [];
  for (let i = first; i < first + size && idf * heads.weights[i]! >= kth; i++)
    hits.push({ rowid: heads.rowids[i]!, score: idf * heads.weights[i]! });
  return hits.sort((a, b) => b.score - a.score || a.rowid - b.rowid).slice(0, k);
}

/**
 * A score the k-th best reaches for sure: the k-th best exact score of each term's heaviest papers
 * (all its papers for a term in few), or −∞ when they are fewer than k.
 */
function seed(
  postings: Postings,
  weighing: Weighing,
  heads: TermHeads,
  terms: readonly QueryTerm[],
  k: number,
): number {
  const candidates = new Set<number>();
  for (const { termId } of terms) {
    if (termId === undefined) continue;
    if (heads.size(termId) > 0) {
      const end = Math.min(heads.start[termId + 1]!, heads.start[termId]! + SEED_SHARE * k);
      for (let i = heads.start[termId]!; i < end; i++) candidates.add(heads.rowids[i]!);
    } else {
      for (const c = new PostingCursor(postings, termId); c.doc !== Number.POSITIVE_INFINITY; c.next())
        candidates.add(c.doc);
    }
  }
  if (candidates.size < k) return Number.NEGATIVE_INFINITY;
  const { frequencies, norms } = weighing;
  const cursors = terms.map((t) => new PostingCursor(postings, t.termId));
  const scores: number[] = [];
  for (const doc of [...candidates].sort((a, b) => a - b)) {
    let score = 0;
    for (const [i, c] of cursors.entries()) {
      c.seek(doc);
      if (c.doc !== doc) continue;
      const f = frequencies[c.code]!;
      score += terms[i]!.idf * ((f * K1_PLUS_1) / (f + norms[doc]!));
    }
    scores.push(score);
  }
  return scores.sort((a, b) => b - a)[k - 1]!;
}

/**
 * Term at a time: every posting of every query term added into its paper's score, in query order (so
 * each sum is bm25()'s to the last bit), then the k best of the papers scored.
 */
function accumulate(
  postings: Postings,
  weighing: Weighing,
  terms: readonly QueryTerm[],
  k: number,
  accumulator: Accumulator,
): ImpactHit[] {
  const { frequencies, norms } = weighing;
  const { data, blockFirst, blockOffset, termBlocks, termPapers } = postings;
  const { scores, query, scored } = accumulator;
  const current = ++accumulator.current;
  let count = 0;
  for (const { termId, idf } of terms) {
    if (termId === undefined) continue;
    let left = termPapers[termId]!;
    for (let block = termBlocks[termId]!; block < termBlocks[termId + 1]!; block++) {
      let at = blockOffset[block]!;
      let doc = blockFirst[block]!;
      const size = Math.min(left, postings.blockSize);
      left -= size;
      for (let i = 0; i < size; i++) {
        let byte = data[at++]!;
        let gap = byte & 0x7f;
        for (let shift = 128; byte & 0x80; shift *= 128) {
          byte = data[at++]!;
          gap += (byte & 0x7f) * shift;
        }
        doc += gap;
        byte = data[at++]!;
        let code = byte & 0x7f;
        for (let shift = 128; byte & 0x80; shift *= 128) {
          byte = data[at++]!;
          code += (byte & 0x7f) * shift;
        }
        const f = frequencies[code]!;
        const share = idf * ((f * K1_PLUS_1) / (f + norms[doc]!));
        if (query[doc] === current) scores[doc] = scores[doc]! + share;
        else {
          query[doc] = current;
          scores[doc] = share;
          scored[count++] = doc;
        }
      }
    }
  }
  const top: ImpactHit[] = [];
  let kth = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < count; i++) {
    const doc = scored[i]!;
    const score = scores[doc]!;
    if (top.length === k && score < kth) continue;
    insert(top, { rowid: doc, score }, k);
    if (top.length === k) kth = top[k - 1]!.score;
  }
  return top;
}

/** Keeps `hits` best first (ties: smaller rowid first, as FTS5 orders) and at most k long. */
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
