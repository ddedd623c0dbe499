/**
 * Digest selection: which papers of a period go into one subscriber's digest, and why. Pure: plain data
 * in, plain data out; the caller has already ranked the period's papers (by trending score, or in listing
 * order when trending has nothing), and says which, so reasons say how a paper ranked.
 */
import type { Topics } from '../subscriptions/topics.ts';
import { LIKE_UPVOTED_REASON, likeUpvoted, type UpvotedPaper } from './like-upvoted.ts';
import type { DigestCandidate, DigestRanking } from './paper-source.ts';

export interface DigestEntry {
  readonly paper: DigestCandidate;
  /** Why it is there, in the reader's words: "trending #3 in cs.CL", "matches 'diffusion'". */
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
  readonly ranking: DigestRanking;
  readonly topics: Topics;
  /** Papers the member upvoted, when the subscriber chose "like my upvotes" (else empty). */
  readonly upvoted?: readonly UpvotedPaper[];
  /** How reasons name the period: "Mar 14", "week 11". */
  readonly periodLabel: string;
  readonly limit: number;
}

export function selectDigest(input: SelectionInput): DigestSelection {
  const { candidates, topics, periodLabel, limit } = input;
  const reason = reasonWords(input.ranking, periodLabel);
  const upvoted = input.upvoted ?? [];
  const hasTopics = topics.categories.length > 0 || topics.keywords.length > 0 || upvoted.length > 0;
  if (hasTopics) {
    const categoryRanks = rankWithinCategories(candidates, topics.categories);
    const matchers = topics.keywords.map((keyword) => ({ keyword, pattern: keywordPattern(keyword) }));
    const isLiked = likeUpvoted(upvoted);
    const entries: DigestEntry[] = [];
    for (const paper of candidates) {
      if (entries.length >= limit) break;
      const reasons: string[] = [];
      for (const category of topics.categories) {
        const rank = categoryRanks.get(category)?.get(paper.id);
        if (rank !== undefined) reasons.push(reason.inCategory(rank, category));
      }
      const text = `${paper.title}\n${paper.abstract}`;
      for (const { keyword, pattern } of matchers)
        if (pattern.test(text)) reasons.push(`matches '${keyword}'`);
      if (isLiked(paper)) reasons.push(LIKE_UPVOTED_REASON);
      if (reasons.length > 0) entries.push({ paper, reasons });
    }
    if (entries.length > 0) return { entries, matchedTopics: true };
  }
  return {
    entries: candidates
      .slice(0, limit)
      .map((paper, index) => ({ paper, reasons: [reason.overall(index + 1)] })),
    matchedTopics: !hasTopics,
  };
}

/** How a rank reads: "trending #3 in cs.CL" / "#3 on the listing of Mar 14 in cs.CL". */
function reasonWords(ranking: DigestRanking, periodLabel: string) {
  if (ranking === 'trending') {
    return {
      overall: (rank: number) => `trending #${rank} of ${periodLabel}`,
      inCategory: (rank: number, category: string) => `trending #${rank} in ${category}`,
    };
  }
  return {
    overall: (rank: number) => `#${rank} on the listing of ${periodLabel}`,
    inCategory: (rank: number, category: string) =>
      `#${rank} on the listing of ${periodLabel} in ${category}`,
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
