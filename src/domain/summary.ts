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
  return shorten(best, maxChars);
}

/** The index of the sentence with the highest TextRank; ties go to the earlier sentence. */
export function mostCentral(sentences: readonly string[]): number {
  const words = sentences.map((s) => new Set(stems(s)));
  const eligible = sentences.map((s) => s.split(' ').length >= MIN_WORDS);
  const anyEligible = eligible.some(Boolean);
  const n = sentences.length;
  const similarity = (i: number, j: number) => {
    const a = words[i]!;
    const b = words[j]!;
    if (a.size < 2 || b.size < 2) return 0;
    let shared = 0;
    for (const w of a) if (b.has(w)) shared++;
    return shared / (Math.log(a.size) + Math.log(b.size));
  };
  const weights = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i === j ? 0 : similarity(i, j))),
  );
  const outSums = weights.map((row) => row.reduce((s, w) => s + w, 0));
  let rank = new Array<number>(n).fill(1 / n);
  for (let step = 0; step < ITERATIONS; step++) {
    rank = rank.map((_, i) => {
      let incoming = 0;
      for (let j = 0; j < n; j++) {
        if (outSums[j]! > 0) incoming += (weights[j]![i]! / outSums[j]!) * rank[j]!;
      }
      return (1 - DAMPING) / n + DAMPING * incoming;
    });
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

/** Crude stems, so "merging" and "merges" count as one word when comparing sentences. */
function stems(sentence: string): string[] {
  return keyWords(sentence).map((w) => (w.length > 5 ? w.slice(0, 5) : w));
}

function shorten(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > maxChars / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:–-]+$/, '')}…`;
}
