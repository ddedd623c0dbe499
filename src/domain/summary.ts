/**
 * A paper's one-line summary, extractive: the most central sentence of its abstract (TextRank: the
 * sentence most like the others, by shared content words), shortened at a word to fit one line. Pure.
 */
import { keyWords } from './keyphrases.ts';

export const SUMMARY_MAX_CHARS = 240;
/** Sentences shorter than this many words ("Code is available.") are not chosen while others exist. */
const MIN_WORDS = 6;
const DAMPING = 0.85;
/** A sentence leaning on the one before ("However, these…") reads badly alone: it counts this much. */
const DEPENDENT = 0.7;
const LEANS_BACK =
  /^(however|moreover|furthermore|additionally|finally|thus|therefore|hence|also|this|these|those|it|they|such|more|in addition|in particular|to this end|as a result)\b/i;
const ITERATIONS = 30;

/** Splits at . ! ? followed by space and a capital, digit or quote; `e.g. this` stays one sentence. */
export function sentencesOf(text: string): string[] {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean === '') return [];
  return clean
    .split(/(?<=[.!?])\s+(?=[\p{Lu}\p{N}"“(])/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The abstract's most central sentence, at most `maxChars` long (cut at a word, with "…"). */
export function oneLineSummary(abstract: string, maxChars = SUMMARY_MAX_CHARS): string {
  const sentences = sentencesOf(abstract);
  if (sentences.length === 0) return '';
  const best = sentences[mostCentral(sentences)]!;
  return shortenAtWord(best, maxChars);
}

/** The index of the sentence with the highest TextRank; ties go to the earlier sentence. */
export function mostCentral(sentences: readonly string[]): number {
  const n = sentences.length;
  // Each sentence's distinct stems, as numbers.
  const ids = new Map<string, number>();
  const lastSentence: number[] = [];
  const words = sentences.map((s, i) => {
    const distinct: number[] = [];
    for (const stem of stems(s)) {
      let id = ids.get(stem);
      if (id === undefined) {
        id = ids.size;
        ids.set(stem, id);
        lastSentence.push(-1);
      }
      if (lastSentence[id] !== i) {
        lastSentence[id] = i;
        distinct.push(id);
      }
    }
    return distinct;
  });
  const logSizes = words.map((w) => Math.log(w.length));
  const eligible = sentences.map((s) => wordCount(s) >= MIN_WORDS);
  const anyEligible = eligible.some(Boolean);
  // weights[i * n + j]: how alike sentences i and j are (symmetric, 0 on the diagonal).
  const weights = new Float64Array(n * n);
  const marked = new Int32Array(ids.size).fill(-1);
  for (let i = 0; i < n; i++) {
    const a = words[i]!;
    if (a.length < 2) continue;
    for (const id of a) marked[id] = i;
    for (let j = i + 1; j < n; j++) {
      const b = words[j]!;
      if (b.length < 2) continue;
      let shared = 0;
      for (const id of b) if (marked[id] === i) shared++;
      weights[i * n + j] = shared / (logSizes[i]! + logSizes[j]!);
      weights[j * n + i] = shared / (logSizes[j]! + logSizes[i]!);
    }
  }
  // share[j * n + i]: the part of sentence j's rank that flows to sentence i at each step.
  const share = new Float64Array(n * n);
  const hasOut: boolean[] = [];
  for (let j = 0; j < n; j++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += weights[j * n + i]!;
    hasOut.push(sum > 0);
    if (sum > 0) for (let i = 0; i < n; i++) share[j * n + i] = weights[j * n + i]! / sum;
  }
  let rank = new Float64Array(n).fill(1 / n);
  let next = new Float64Array(n);
  for (let step = 0; step < ITERATIONS; step++) {
    for (let i = 0; i < n; i++) {
      let incoming = 0;
      for (let j = 0; j < n; j++) {
        if (hasOut[j]) incoming += share[j * n + i]! * rank[j]!;
      }
      next[i] = (1 - DAMPING) / n + DAMPING * incoming;
    }
    [rank, next] = [next, rank];
  }
  let best = -1;
  for (let i = 0; i < n; i++) {
    if (anyEligible && !eligible[i]) continue;
    if (LEANS_BACK.test(sentences[i]!)) rank[i]! *= DEPENDENT;
    // A margin, so a near tie goes to the earlier sentence (abstracts open with what the paper does).
    if (best < 0 || rank[i]! > rank[best]! * 1.0001) best = i;
  }
  return Math.max(best, 0);
}

/** How many pieces `split(' ')` cuts a sentence into. */
function wordCount(sentence: string): number {
  let count = 1;
  for (let at = sentence.indexOf(' '); at >= 0; at = sentence.indexOf(' ', at + 1)) count++;
  return count;
}

/** Crude stems, so "merging" and "merges" count as one word when comparing sentences. */
function stems(sentence: string): string[] {
  return keyWords(sentence).map((w) => (w.length > 5 ? w.slice(0, 5) : w));
}

/** `text` cut to at most `maxChars`, at a word when one ends past half of it, with "…". */
export function shortenAtWord(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > maxChars / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:–-]+$/, '')}…`;
}
