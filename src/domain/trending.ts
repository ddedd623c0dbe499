/**
 * The trending score, the one documented function that ranks "trending":
 *
 *   score = (upvotes + STAR_WEIGHT · stars gained in the window) / (age in hours + AGE_OFFSET_HOURS)^GRAVITY
 *
 * `age` counts from when the paper reached a listing. The constants live here and only here; the SQL
 * version (src/trending/trending-store.ts) reads them from this module and is tested against this function.
 */
export const TRENDING = {
  /** What one GitHub star gained in the window is worth, in upvotes. */
  starWeight: 0.1,
  /** How fast age pulls a paper down (Hacker News uses 1.8). */
  gravity: 1.8,
  /** Keeps a brand-new paper's denominator away from zero. */
  ageOffsetHours: 2,
} as const;

export interface TrendingInputs {
  readonly upvotes: number;
  readonly starsGained: number;
  /** Hours since the paper reached a listing; negative ages (clock skew) count as 0. */
  readonly ageHours: number;
}

export interface TrendingParts extends TrendingInputs {
  readonly points: number;
  readonly decay: number;
  readonly score: number;
}

/** The score with the parts it is made of, for showing on the paper page. */
export function trendingParts(inputs: TrendingInputs, constants = TRENDING): TrendingParts {
  const points = inputs.upvotes + constants.starWeight * Math.max(0, inputs.starsGained);
  const decay = (Math.max(0, inputs.ageHours) + constants.ageOffsetHours) ** constants.gravity;
  return { ...inputs, points, decay, score: points / decay };
}

export function trendingScore(inputs: TrendingInputs, constants = TRENDING): number {
  return trendingParts(inputs, constants).score;
}

export type TrendingWindow = 'day' | 'week' | 'month';

export const TRENDING_WINDOW_HOURS: Record<TrendingWindow, number> = {
  day: 24,
  week: 24 * 7,
  month: 24 * 30,
};
