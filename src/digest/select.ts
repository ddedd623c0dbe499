/**
 * Digest selection: which papers of a period go into one subscriber's digest, and why. Pure: plain data
 * in, plain data out; the caller has already ranked the period's papers (listing order or trending).
 */
import type { Topics } from '../subscriptions/topics.ts';
import type { DigestCandidate } from './paper-source.ts';

export interface DigestEntry {
  readonly paper: DigestCandidate;
  /** Why it is there, in the reader's words: "#3 on the listing of Mar 14 in cs.CL", "matches 'diffusion'". */
  readonly reasons: readonly string[];
}

export interface DigestSelection {
  readonly entries: readonly DigestEntry[];
  /** False when the subscriber has topics and nothing matched them, so the top papers stand in. */
  readonly matchedTopics: boolean;
}

export interface SelectionInput {
  /** The period's papers, best first. */
  readonly candidates: readonly DigestCandidate[];
  readonly topics: Topics;
  /** How reasons name the period: "Mar 14", "week 11". */
  readonly periodLabel: string;
  readonly limit: number;
}

export function selectDigest(input: SelectionInput): DigestSelection {
  const { candidates, topics, periodLabel, limit } = input;
  const overall = (index: number) => `#${index + 1} on the listing of ${periodLabel}`;
  const hasTopics = topics.categories.length > 0 || topics.keywords.length > 0;
  if (hasTopics) {
    const categoryRanks = rankWithinCategories(candidates, topics.categories);
    const matchers = topics.keywords.map((keyword) => ({ keyword, pattern: keywordPattern(keyword) }));
    const entries: DigestEntry[] = [];
    for (const paper of candidates) {
      if (entries.length >= limit) break;
      const reasons: string[] = [];
      for (const category of topics.categories) {
        const rank = categoryRanks.get(category)?.get(paper.id);
        if (rank !== undefined) reasons.push(`${overall(rank - 1)} in ${category}`);
      }
      const text = `${paper.title}\n${paper.abstract}`;
      for (const { keyword, pattern } of matchers)
        if (pattern.test(text)) reasons.push(`matches '${keyword}'`);
      if (reasons.length > 0) entries.push({ paper, reasons });
    }
    if (entries.length > 0) return { entries, matchedTopics: true };
  }
  return {
    entries: candidates.slice(0, limit).map((paper, index) => ({ paper, reasons: [overall(index)] })),
    matchedTopics: !hasTopics,
  };
}

/** Each paper's rank among the candidates of each category, 1 first. */
function rankWithinCategories(candidates: readonly DigestCandidate[], categories: readonly string[]) {
  const ranks = new Map<string, Map<string, number>>();
  for (const category of categories) {
    const inCategory = new Map<string, number>();
    for (const paper of candidates) {
      if (paper.categories.includes(category)) inCategory.set(paper.id, inCategory.size + 1);
    }
    ranks.set(category, inCategory);
  }
  return ranks;
}

/** A keyword matches at the start of a word, any case: "diffusion" finds "Diffusion-based", not "undiffusion". */
function keywordPattern(keyword: string): RegExp {
  const escaped = keyword.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}`, 'iu');
}
