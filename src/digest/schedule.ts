/** When digest runs are due. Pure: `now` is passed in. */

import { type DigestPeriod, dailyPeriodAt, isMonday, previousWeekAt } from './digest-period.ts';

/**
 * The periods whose runs are due at `now`: from `hour` o'clock in the digest time zone, today's daily
 * digest on arXiv announcement days, and on Mondays the weekly digest of the week before.
 */
export function duePeriods(now: Date, timeZone: string, hour: number): DigestPeriod[] {
  if (hourInZone(now, timeZone) < hour) return [];
  const due: DigestPeriod[] = [];
  const daily = dailyPeriodAt(now, timeZone);
  if (daily) due.push(daily);
  if (isMonday(now, timeZone)) due.push(previousWeekAt(now, timeZone));
  return due;
}

export function hourInZone(now: Date, timeZone: string): number {
  const text = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(now);
  return Number(text);
}
