/**
 * Ranks the papers of a digest period by the trending score (src/domain/trending.ts), as of the end of the
 * period, so a digest and its web copy rank the same whenever they are made. Pure: `asOf` is passed in.
 */
import { parseUtcDay } from '../domain/period.ts';
import { trendingScore } from '../domain/trending.ts';
import type { DigestCandidate, RankedCandidates } from './paper-source.ts';

export interface TrendingInput {
  readonly paper: DigestCandidate;
  /** When the paper reached the listing (ISO 8601). */
  readonly listedAt: string;
  /** GitHub stars its repositories gained during the period. */
  readonly starsGained: number;
}

/** The instant a period's ranking is taken at: the start of the day after its last day (UTC). */
export function periodEnd(toDay: string): Date {
  return new Date(parseUtcDay(toDay).getTime() + 86_400_000);
}

/**
 * The papers by trending score, best first (ties keep the listing order they came in). When no paper
 * scores above zero — nobody upvoted or starred anything — trending says nothing, and the listing order
 * stands, marked as such.
 */
export function rankByTrending(
  inputs: readonly TrendingInput[],
  asOf: Date,
  limit: number,
): RankedCandidates {
  const scored = inputs.map((input, order) => ({
    paper: input.paper,
    order,
    score: trendingScore({
      upvotes: input.paper.upvotes,
      starsGained: input.starsGained,
      ageHours: (asOf.getTime() - Date.parse(input.listedAt)) / 3_600_000,
    }),
  }));
  if (!scored.some((s) => s.score > 0)) {
    return { ranking: 'listing', papers: inputs.slice(0, limit).map((i) => i.paper) };
  }
  scored.sort((a, b) => b.score - a.score || a.order - b.order);
  return { ranking: 'trending', papers: scored.slice(0, limit).map((s) => s.paper) };
}
