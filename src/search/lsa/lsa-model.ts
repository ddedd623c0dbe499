/**
 * The built-in model: latent semantic analysis. TF-IDF vectors of the papers in the store, reduced by a
 * randomized truncated SVD (Halko, Martinsson & Tropp 2011) to `dimension` latent topics; a text's vector
 * is its TF-IDF vector projected on them (Uᵀd, scaled by σ^-exponent), unit length; the term vectors are then
 * tuned on the papers' own sentences (cloze-tuning.ts), together with vectors for the words' pieces
 * (subwords.ts), which also give a word outside the vocabulary a vector. No download: it learns from the
 * store, and is retrained as the corpus grows (`paperpulse reindex`).
 */
import { wordsOf } from '../../domain/search-query.ts';
import { STOPWORDS } from '../stopwords.ts';
import { clozePairs, DEFAULT_TUNING, type TuningOptions, tuneTermVectors } from './cloze-tuning.ts';
import { SUBWORD_BUCKETS, subwordBuckets } from './subwords.ts';
import { truncatedSvd } from './truncated-svd.ts';

export interface LsaModel {
  readonly dimension: number;
  /** Term → row of `termVectors`. */
  readonly vocabulary: ReadonlyMap<string, number>;
  readonly idf: Float32Array;
  /**
   * vocabulary.size × dimension, row-major: each term's direction in the latent space, its subwords'
   * share (subwordWeight / their count × their vectors) already added.
   */
  readonly termVectors: Float32Array;
  /** Subword buckets × dimension (subwords.ts): what a word outside the vocabulary is made of. */
  readonly subwordVectors: Float32Array;
  /** How much a word's subwords weigh beside the word itself; 0: the model has no subwords. */
  readonly subwordWeight: number;
  readonly trainedOn: number;
}

export interface LsaOptions {
  readonly dimension: number;
  /** Terms in fewer papers than this are left out (typos, one-off symbols). */
  readonly minDocumentFrequency: number;
  readonly maxVocabulary: number;
  /** How strongly the leading (broadest) topics are damped: the term vectors are U·σ^-exponent. */
  readonly exponent: number;
  readonly powerIterations: number;
  readonly seed: number;
  /** The inverse-cloze tuning of the term vectors after the SVD (cloze-tuning.ts). */
  readonly tuning: TuningOptions;
  /** How much a word's subwords weigh beside the word, learnt by the tuning (0: none). */
  readonly subwordWeight: number;
}

/**
 * Chosen on SciFact train (`paperpulse eval beir`, nDCG@10). Meaning alone: 256 dimensions 0.520,
 * 128 dimensions (exponent 0.5) 0.455, 512 dimensions 0.56 (no better in hybrid, and slower to train).
 * Tuned (one pass, ~50k sentence pairs): 0.602; with subwords (4-grams, weight 3): 0.676, recall@100 0.942
 * against 0.904, hybrid 0.728 against 0.718. Subword weight 2 / 4: 0.674 / 0.676 (hybrid 0.728 / 0.727);
 * 3-, 4- and 5-grams 0.675, the first 5 and 7 letters 0.668, 2^17 buckets no better than 2^16. Also
 * measured (numpy, same data), none better in hybrid: two passes, separate query and paper vectors, the
 * closest papers as hard negatives, word pairs as terms, 512 dimensions with subwords (meaning 0.678).
 */
export const DEFAULT_LSA_OPTIONS: LsaOptions = {
  dimension: 256,
  minDocumentFrequency: 2,
  maxVocabulary: 60_000,
  exponent: 0,
  powerIterations: 2,
  seed: 7,
  tuning: DEFAULT_TUNING,
  subwordWeight: 3,
};

/** The terms the model sees: words of two or more letters, stopwords and bare numbers out, plurals folded. */
export function lsaTerms(text: string): string[] {
  const terms: string[] = [];
  for (const word of wordsOf(text)) {
    if (word.length < 2 || STOPWORDS.has(word) || /^\d+$/.test(word)) continue;
    terms.push(word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word);
  }
  return terms;
}

export function trainLsa(texts: readonly string[], options: LsaOptions = DEFAULT_LSA_OPTIONS): LsaModel {
  const { vocabulary, idf } = buildVocabulary(texts, options);
  const docs = texts.map((text) =>
    weigh(lsaTerms(text), { vocabulary, idf, trainedOn: texts.length, subwordWeight: 0 }),
  );
  const { u, values, dimension } = truncatedSvd(docs, vocabulary.size, options);
  const subwordWeight = options.tuning.epochs > 0 ? options.subwordWeight : 0;
  // The term rows, then (with subwords) a row per subword bucket, starting at zero: the tuning learns them.
  const buckets = subwordWeight > 0 ? SUBWORD_BUCKETS : 0;
  const rows = new Float32Array((vocabulary.size + buckets) * dimension);
  for (let k = 0; k < dimension; k++) {
    const scale = Math.max(values[k]!, 1e-12) ** (-options.exponent / 2);
    for (let t = 0; t < vocabulary.size; t++) rows[t * dimension + k] = u[t * dimension + k]! * scale;
  }
  const untuned = { dimension, vocabulary, idf, subwordWeight, trainedOn: texts.length };
  if (options.tuning.epochs > 0) {
    const pieces = new Map<string, Int32Array>();
    const piecesOf = (term: string) => {
      const known = pieces.get(term);
      if (known) return known;
      const found = subwordBuckets(term, buckets);
      pieces.set(term, found);
      return found;
    };
    const shape = { ...untuned, piecesOf };
    const pairs = clozePairs(texts, lsaTerms, (terms) => sparseText(weighWithSubwords(terms, shape)));
    tuneTermVectors(rows, dimension, pairs, options.tuning);
  }
  const termVectors = rows.slice(0, vocabulary.size * dimension);
  const subwordVectors = rows.slice(vocabulary.size * dimension);
  const model = { ...untuned, termVectors, subwordVectors };
  for (const [term, t] of vocabulary) addSubwords(model, term, subwordWeight, termVectors, t * dimension);
  return model;
}

/** A text's unit-length vector in the model's space (all zeros when it has no term the model can place). */
export function embedLsa(model: LsaModel, text: string): Float32Array {
  const out = new Float32Array(model.dimension);
  const k = model.dimension;
  for (const { term, row, weight } of termWeights(lsaTerms(text), model)) {
    if (row !== undefined) {
      for (let j = 0; j < k; j++) out[j]! += weight * model.termVectors[row * k + j]!;
    } else {
      addSubwords(model, term, weight * model.subwordWeight, out, 0);
    }
  }
  let norm = 0;
  for (let j = 0; j < k; j++) norm += out[j]! ** 2;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let j = 0; j < k; j++) out[j]! /= norm;
  return out;
}

/** Adds `weight` × the mean of the term's subword vectors into `out` at `at`. */
function addSubwords(
  model: Pick<LsaModel, 'dimension' | 'subwordVectors'>,
  term: string,
  weight: number,
  out: Float32Array,
  at: number,
): void {
  const k = model.dimension;
  const buckets = model.subwordVectors.length / k;
  if (weight === 0 || buckets === 0) return;
  const pieces = subwordBuckets(term, buckets);
  const share = weight / pieces.length;
  for (const b of pieces)
    for (let j = 0; j < k; j++) out[at + j]! += share * model.subwordVectors[b * k + j]!;
}

interface ModelShape {
  readonly vocabulary: ReadonlyMap<string, number>;
  readonly idf: Float32Array;
  readonly trainedOn: number;
  readonly subwordWeight: number;
}

/**
 * A text's distinct terms, sublinear TF × IDF, with their rows (undefined outside the vocabulary, where a
 * term weighs as if it were in one paper). Not normalised: only the direction of a text's vector counts.
 */
function termWeights(terms: readonly string[], model: ModelShape) {
  const tf = new Map<string, number>();
  for (const term of terms) tf.set(term, (tf.get(term) ?? 0) + 1);
  const unknownIdf = Math.log((model.trainedOn + 1) / 1.5);
  return [...tf].flatMap(([term, n]) => {
    const row = model.vocabulary.get(term);
    if (row === undefined && model.subwordWeight === 0) return [];
    return [{ term, row, weight: (1 + Math.log(n)) * (row === undefined ? unknownIdf : model.idf[row]!) }];
  });
}

/** termWeights as rows of the tuning's matrix: the terms' own rows, then their subwords' after them. */
function weighWithSubwords(
  terms: readonly string[],
  model: ModelShape & { piecesOf: (term: string) => Int32Array },
) {
  const rows = new Map<number, number>();
  const add = (row: number, weight: number) => rows.set(row, (rows.get(row) ?? 0) + weight);
  for (const { term, row, weight } of termWeights(terms, model)) {
    if (row !== undefined) add(row, weight);
    if (model.subwordWeight === 0) continue;
    const pieces = model.piecesOf(term);
    for (const b of pieces) add(model.vocabulary.size + b, (model.subwordWeight * weight) / pieces.length);
  }
  return [...rows];
}

function buildVocabulary(texts: readonly string[], options: LsaOptions) {
  const df = new Map<string, number>();
  for (const text of texts) for (const term of new Set(lsaTerms(text))) df.set(term, (df.get(term) ?? 0) + 1);
  const kept = [...df]
    .filter(([, n]) => n >= options.minDocumentFrequency && n < texts.length)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, options.maxVocabulary);
  const vocabulary = new Map(kept.map(([term], i) => [term, i]));
  const idf = Float32Array.from(kept, ([, n]) => Math.log((texts.length + 1) / (n + 0.5)));
  return { vocabulary, idf };
}

function sparseText(weighed: readonly (readonly [number, number])[]) {
  const rows = new Int32Array(weighed.length);
  const weights = new Float32Array(weighed.length);
  for (let i = 0; i < weighed.length; i++) {
    rows[i] = weighed[i]![0];
    weights[i] = weighed[i]![1];
  }
  return { rows, weights };
}

/** The terms in the vocabulary, weighed as termWeights, unit length: [term row, weight] pairs. */
function weigh(terms: readonly string[], model: ModelShape): [number, number][] {
  const weighted = termWeights(terms, { ...model, subwordWeight: 0 });
  const norm = Math.sqrt(weighted.reduce((s, { weight }) => s + weight * weight, 0)) || 1;
  return weighted.map(({ row, weight }) => [row!, weight / norm]);
}
