/**
 * Tunes the LSA term vectors on the papers themselves with the inverse cloze task (Lee, Chang & Toutanova
 * 2019): a sentence of a paper should land nearer the rest of that paper than the rest of any other paper
 * in its batch (contrastive loss, in-batch negatives, both directions). The sentence's own words are taken
 * out of the rest, so what is learnt is which words go together, not which words repeat: that is what
 * search by meaning adds to search by keyword. Adam, updating only the rows a batch touches.
 */
import { sentencesOf } from '../../domain/summary.ts';
import { seededRandom } from './linear-algebra.ts';

export interface TuningOptions {
  /** Passes over the sentence pairs (0: no tuning). */
  readonly epochs: number;
  /** At most this many sentence pairs (a seeded random choice), to bound the time. */
  readonly maxPairs: number;
  readonly batchSize: number;
  readonly temperature: number;
  readonly learningRate: number;
  readonly seed: number;
}

/**
 * Chosen on SciFact train (see DEFAULT_LSA_OPTIONS); temperature 0.07 / 0.15: meaning 0.675 / 0.653 against
 * 0.676 (0.05 was 0.008 worse in numpy). A pass over 50k pairs with subwords takes about a minute.
 */
export const DEFAULT_TUNING: TuningOptions = {
  epochs: 1,
  maxPairs: 50_000,
  batchSize: 128,
  temperature: 0.1,
  learningRate: 1e-3,
  seed: 11,
};

/** A weighed bag of terms: rows of the term-vector matrix and their weights. */
export interface SparseText {
  readonly rows: Int32Array;
  readonly weights: Float32Array;
}

/** A sentence of a paper and the rest of it without the sentence's words. */
export interface ClozePair {
  readonly paper: number;
  readonly sentence: SparseText;
  readonly rest: SparseText;
}

const MIN_SENTENCE_TERMS = 3;
const MIN_REST_TERMS = 5;

/** Each paper's sentences with the rest of it, as `weigh` (the model's TF-IDF) sees them. */
export function clozePairs(
  texts: readonly string[],
  termsOf: (text: string) => string[],
  weigh: (terms: readonly string[]) => SparseText,
): ClozePair[] {
  const pairs: ClozePair[] = [];
  texts.forEach((text, paper) => {
    const sentences = sentencesOf(text).map(termsOf);
    sentences.forEach((sentence, i) => {
      if (sentence.length < MIN_SENTENCE_TERMS) return;
      const own = new Set(sentence);
      const rest = sentences.flatMap((other, j) => (j === i ? [] : other.filter((t) => !own.has(t))));
      if (rest.length < MIN_REST_TERMS) return;
      const weighed = { sentence: weigh(sentence), rest: weigh(rest) };
      if (weighed.sentence.rows.length > 0 && weighed.rest.rows.length > 0) pairs.push({ paper, ...weighed });
    });
  });
  return pairs;
}

/**
 * Tunes `termVectors` (terms × dimension, row-major) in place on the pairs. Returns the mean loss of each
 * epoch (it falls as the model learns).
 */
export function tuneTermVectors(
  termVectors: Float32Array,
  dimension: number,
  allPairs: readonly ClozePair[],
  options: TuningOptions,
): number[] {
  const random = seededRandom(options.seed);
  const pairs = shuffle([...allPairs], random).slice(0, options.maxPairs);
  const adam = new LazyAdam(termVectors, dimension, options.learningRate);
  const losses: number[] = [];
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffle(pairs, random);
    let loss = 0;
    let batches = 0;
    for (let start = 0; start + 2 <= pairs.length; start += options.batchSize) {
      const batch = pairs.slice(start, start + options.batchSize);
      loss += contrastiveStep(termVectors, dimension, batch, options.temperature, adam);
      batches++;
    }
    losses.push(batches > 0 ? loss / batches : 0);
  }
  return losses;
}

/** One batch: the loss, and its gradient applied. */
function contrastiveStep(
  w: Float32Array,
  k: number,
  batch: readonly ClozePair[],
  temperature: number,
  adam: LazyAdam,
): number {
  const n = batch.length;
  const queries = encode(
    w,
    k,
    batch.map((p) => p.sentence),
  );
  const keys = encode(
    w,
    k,
    batch.map((p) => p.rest),
  );

  const logits = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      // Another sentence pair of the same paper is no negative.
      if (i !== j && batch[i]!.paper === batch[j]!.paper) {
        logits[i * n + j] = Number.NEGATIVE_INFINITY;
        continue;
      }
      let dot = 0;
      for (let c = 0; c < k; c++) dot += queries.unit[i * k + c]! * keys.unit[j * k + c]!;
      logits[i * n + j] = dot / temperature;
    }
  }
  // d loss / d logits, for the sentence → rest softmax (rows) and the rest → sentence one (columns).
  const grad = new Float64Array(n * n);
  let loss = 0;
  loss += softmaxGradient(logits, grad, n, (i, j) => i * n + j);
  loss += softmaxGradient(logits, grad, n, (i, j) => j * n + i);

  const dQueries = new Float64Array(n * k);
  const dKeys = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const g = grad[i * n + j]! / temperature;
      if (g === 0) continue;
      for (let c = 0; c < k; c++) {
        dQueries[i * k + c]! += g * keys.unit[j * k + c]!;
        dKeys[j * k + c]! += g * queries.unit[i * k + c]!;
      }
    }
  }
  adam.begin();
  accumulate(
    adam,
    k,
    batch.map((p) => p.sentence),
    queries,
    dQueries,
  );
  accumulate(
    adam,
    k,
    batch.map((p) => p.rest),
    keys,
    dKeys,
  );
  adam.step();
  return loss / 2;
}

interface Encoded {
  /** Unit-length vectors, n × k. */
  readonly unit: Float64Array;
  readonly norms: Float64Array;
}

function encode(w: Float32Array, k: number, texts: readonly SparseText[]): Encoded {
  const unit = new Float64Array(texts.length * k);
  const norms = new Float64Array(texts.length);
  texts.forEach((text, i) => {
    const out = i * k;
    for (let e = 0; e < text.rows.length; e++) {
      const row = text.rows[e]! * k;
      const weight = text.weights[e]!;
      for (let c = 0; c < k; c++) unit[out + c]! += weight * w[row + c]!;
    }
    let norm = 0;
    for (let c = 0; c < k; c++) norm += unit[out + c]! ** 2;
    norm = Math.sqrt(norm) || 1;
    norms[i] = norm;
    for (let c = 0; c < k; c++) unit[out + c]! /= norm;
  });
  return { unit, norms };
}

/**
 * Cross-entropy of each softmax over `at(i, ·)` with i the right answer; adds (p - 1[j = i]) / n into
 * `grad` at the same places. Returns the summed loss / n.
 */
function softmaxGradient(
  logits: Float64Array,
  grad: Float64Array,
  n: number,
  at: (i: number, j: number) => number,
): number {
  let loss = 0;
  for (let i = 0; i < n; i++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < n; j++) max = Math.max(max, logits[at(i, j)]!);
    let sum = 0;
    for (let j = 0; j < n; j++) sum += Math.exp(logits[at(i, j)]! - max);
    loss += -(logits[at(i, i)]! - max - Math.log(sum));
    for (let j = 0; j < n; j++) {
      const p = Math.exp(logits[at(i, j)]! - max) / sum;
      grad[at(i, j)]! += (p - (i === j ? 1 : 0)) / n;
    }
  }
  return loss / n;
}

/** Back through the normalisation and the weighed sum, into the rows the texts use. */
function accumulate(
  adam: LazyAdam,
  k: number,
  texts: readonly SparseText[],
  encoded: Encoded,
  dUnit: Float64Array,
): void {
  const d = new Float64Array(k);
  texts.forEach((text, i) => {
    const base = i * k;
    let along = 0;
    for (let c = 0; c < k; c++) along += encoded.unit[base + c]! * dUnit[base + c]!;
    for (let c = 0; c < k; c++)
      d[c] = (dUnit[base + c]! - encoded.unit[base + c]! * along) / encoded.norms[i]!;
    for (let e = 0; e < text.rows.length; e++) adam.addGradient(text.rows[e]!, text.weights[e]!, d);
  });
}

/** Adam (Kingma & Ba 2015) whose moments and updates touch only the rows with a gradient this step. */
class LazyAdam {
  private readonly first: Float32Array;
  private readonly second: Float32Array;
  private readonly slotOf: Int32Array;
  private touched: number[] = [];
  private gradients = new Float64Array(0);
  private steps = 0;

  constructor(
    private readonly w: Float32Array,
    private readonly k: number,
    private readonly learningRate: number,
  ) {
    this.first = new Float32Array(w.length);
    this.second = new Float32Array(w.length);
    this.slotOf = new Int32Array(w.length / k).fill(-1);
  }

  begin(): void {
    for (const row of this.touched) this.slotOf[row] = -1;
    this.touched = [];
  }

  addGradient(row: number, weight: number, d: Float64Array): void {
    let slot = this.slotOf[row]!;
    if (slot < 0) {
      slot = this.touched.length;
      this.slotOf[row] = slot;
      this.touched.push(row);
      if ((slot + 1) * this.k > this.gradients.length) this.grow((slot + 1) * this.k);
      this.gradients.fill(0, slot * this.k, (slot + 1) * this.k);
    }
    const base = slot * this.k;
    for (let c = 0; c < this.k; c++) this.gradients[base + c]! += weight * d[c]!;
  }

  step(): void {
    this.steps++;
    const b1 = 0.9;
    const b2 = 0.999;
    const c1 = 1 - b1 ** this.steps;
    const c2 = 1 - b2 ** this.steps;
    for (let slot = 0; slot < this.touched.length; slot++) {
      const row = this.touched[slot]! * this.k;
      for (let c = 0; c < this.k; c++) {
        const g = this.gradients[slot * this.k + c]!;
        const m = b1 * this.first[row + c]! + (1 - b1) * g;
        const v = b2 * this.second[row + c]! + (1 - b2) * g * g;
        this.first[row + c] = m;
        this.second[row + c] = v;
        this.w[row + c]! -= (this.learningRate * (m / c1)) / (Math.sqrt(v / c2) + 1e-8);
      }
    }
  }

  private grow(size: number): void {
    const grown = new Float64Array(Math.max(size, this.gradients.length * 2));
    grown.set(this.gradients);
    this.gradients = grown;
  }
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
