/**
 * Describing papers, pure: key phrases and the one-line summary of each, and the word counts the key
 * phrases are weighed by. Run on the main thread and in describe-worker.ts alike.
 */
import { type DocumentFrequencies, extractKeyphrases, keyWords } from '../domain/keyphrases.ts';
import { oneLineSummary } from '../domain/summary.ts';
import type { PaperKeywords } from './keyword-store.ts';

export interface PaperText {
  readonly id: string;
  readonly title: string;
  readonly abstract: string;
}

export function describe(paper: PaperText, frequencies: DocumentFrequencies): PaperKeywords {
  return {
    keywords: extractKeyphrases(paper.title, paper.abstract, frequencies),
    summary: oneLineSummary(paper.abstract),
  };
}

/**
 * How many of these papers use each word (each paper counts a word once). Its keys are every word
 * `describe` asks the frequencies about for these papers.
 */
export function countWords(papers: readonly PaperText[]): Map<string, number> {
  // One lookup per word: each entry remembers the last paper that counted it.
  const seen = new Map<string, { papers: number; last: number }>();
  for (let i = 0; i < papers.length; i++) {
    const p = papers[i]!;
    for (const word of keyWords(`${p.title} ${p.abstract}`)) {
      const entry = seen.get(word);
      if (entry === undefined) seen.set(word, { papers: 1, last: i });
      else if (entry.last !== i) {
        entry.papers++;
        entry.last = i;
      }
    }
  }
  const counts = new Map<string, number>();
  for (const [word, entry] of seen) counts.set(word, entry.papers);
  return counts;
}

/** The counts of two sets of papers added up. */
export function addCounts(a: Map<string, number>, b: ReadonlyMap<string, number>): Map<string, number> {
  for (const [word, n] of b) a.set(word, (a.get(word) ?? 0) + n);
  return a;
}
