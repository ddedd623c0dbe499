/**
 * The per-member comment limit: at most `perHour` comments in any hour, and `perHourFirstDay` while
 * the account is less than a day old (new accounts are where spam comes from). Pure: the caller reads
 * the times of the member's comments in the last hour and passes `now`.
 */
export interface CommentLimits {
  readonly perHour: number;
  readonly perHourFirstDay: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface LimitVerdict {
  readonly limit: number;
  /** The account is less than a day old, so the stricter limit applies. */
  readonly firstDay: boolean;
  /** Null when one more comment is allowed; otherwise whole seconds until it is. */
  readonly retryAfterSeconds: number | null;
}

/** `recent`: ISO times of the member's comments in the hour before `now` (any order). */
export function commentLimitVerdict(
  limits: CommentLimits,
  memberCreatedAt: string,
  recent: readonly string[],
  now: Date,
): LimitVerdict {
  const firstDay = now.getTime() - Date.parse(memberCreatedAt) < DAY_MS;
  const limit = firstDay ? limits.perHourFirstDay : limits.perHour;
  const inWindow = recent.map(Date.parse).filter((t) => t > now.getTime() - HOUR_MS);
  if (inWindow.length < limit) return { limit, firstDay, retryAfterSeconds: null };
  // The comment that frees a place is the limit-th newest one: it leaves the window first.
  const sorted = inWindow.sort((a, b) => b - a);
  const freeing = sorted[limit - 1] ?? now.getTime();
  return {
    limit,
    firstDay,
    retryAfterSeconds: Math.max(1, Math.ceil((freeing + HOUR_MS - now.getTime()) / 1000)),
  };
}

export function commentWindowStart(now: Date): string {
  return new Date(now.getTime() - HOUR_MS).toISOString();
}
