/**
 * When a trending window ends: now, or the end of the latest listing day when that is earlier, so a
 * store that has not been fed lately still shows its last trending papers (as the trending page does).
 * Pure.
 */
export function trendingWindowEnd(latestDay: string | null, now: Date): Date {
  if (!latestDay) return now;
  const end = new Date(Date.parse(`${latestDay}T00:00:00Z`) + 86_400_000);
  return end < now ? end : now;
}
