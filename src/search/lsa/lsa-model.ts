/**
 * The built-in model: latent semantic analysis. TF-IDF vectors of the papers in the store, reduced by a
 * randomized truncated SVD (Halko, Martinsson & Tropp 2011) to `dimension` latent topics; a text's vector
 * is its TF-IDF vector projected on them (Uᵀd, scaled by σ^-exponent), unit length; the term vectors are then
 * tuned on the papers' own sentences (cloze-tuning.ts). No download: it learns from the store, and is
 * retrained as the corpus grows (`paperpulse reindex`).
 */
import { wordsOf } from '../../domain/search-query.ts';
import { STOPWORDS } from '../stopwords.ts';
import { clozePairs, DEFAULT_TUNING, type TuningOptions, tuneTermVectors } from './cloze-tuning.ts';
import { truncatedSvd } from './truncated-svd.ts';

export interface LsaModel {
  readonly dimension: number;
  /** Term → row of `termVectors`. */
  readonly vocabulary: ReadonlyMap<string, number>;
  readonly idf: Float32Array;
  /** vocabulary.size × dimension, row-major: each term's direction in the latent space. */
  readonly termVectors: Float32Array;
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
}

/**
 * Chosen on SciFact train (`paperpulse eval beir`, nDCG@10). Meaning alone: 256 dimensions 0.520,
 * 128 dimensions (exponent 0.5) 0.455, 512 dimensions 0.56 (no better in hybrid, and slower to train).
 * Tuned (one pass, ~50k sentence pairs): 0.602, recall@100 0.904 against 0.918; hybrid 0.7182 against
 * 0.7172. Also measured (numpy, same data), none above 0.725 in hybrid: two passes, temperature 0.02 or
 * 0.1, batches of 512, separate query and paper vectors, the closest papers as hard negatives, word pairs
 * as terms, the sentence's words left in the rest (meaning 0.606 alone).
 */
export const DEFAULT_LSA_OPTIONS: LsaOptions = {
  dimension: 256,
  minDocumentFrequency: 2,
  maxVocabulary: 60_000,
  exponent: 0,
  powerIterations: 2,
  seed: 7,
  tuning: DEFAULT_TUNING,
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
  const docs = texts.map((text) => weigh(lsaTerms(text), vocabulary, idf));
  const { u, values, dimension } = truncatedSvd(docs, vocabulary.size, options);
  const termVectors = new Float32Array(vocabulary.size * dimension);
  for (let k = 0; k < dimension; k++) {
    const scale = Math.max(values[k]!, 1e-12) ** (-options.exponent / 2);
    for (let t = 0; t < vocabulary.size; t++) termVectors[t * dimension + k] = u[t * dimension + k]! * scale;
  }
  if (options.tuning.epochs > 0) {
    const pairs = clozePairs(texts, lsaTerms, (terms) => sparseText(weigh(terms, vocabulary, idf)));
    tuneTermVectors(termVectors, dimension, pairs, options.tuning);
  }
  return { dimension, vocabulary, idf, termVectors, trainedOn: texts.length };
}

/** A text's unit-length vector in the model's space (all zeros when it shares no term with the model). */
export function embedLsa(model: LsaModel, text: string): Float32Array {
  const out = new Float32Array(model.dimension);
  const k = model.dimension;
  for (const [t, w] of weigh(lsaTerms(text), model.vocabulary, model.idf)) {
    for (let j = 0; j < k; j++) out[j]! += w * model.termVectors[t * k + j]!;
  }
  let norm = 0;
  for (let j = 0; j < k; j++) norm += out[j]! ** 2;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let j = 0; j < k; j++) out[j]! /= norm;
  return out;
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
  return {
    rows: Int32Array.from(weighed, ([t]) => t),
    weights: Float32Array.from(weighed, ([, w]) => w),
  };
}

/** Sublinear TF × IDF, unit length: [term row, weight] pairs. */
function weigh(terms: readonly string[], vocabulary: ReadonlyMap<string, number>, idf: Float32Array) {
  const tf = new Map<number, number>();
  for (const term of terms) {
    const t = vocabulary.get(term);
    if (t !== undefined) tf.set(t, (tf.get(t) ?? 0) + 1);
  }
  const weighted: [number, number][] = [...tf].map(([t, n]) => [t, (1 + Math.log(n)) * idf[t]!]);
  const norm = Math.sqrt(weighted.reduce((s, [, w]) => s + w * w, 0)) || 1;
  return weighted.map(([t, w]): [number, number] => [t, w / norm]);
}
