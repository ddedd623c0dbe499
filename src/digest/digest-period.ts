/** Digest periods: a daily digest is one listing day, a weekly one an ISO week. Pure: `now` is passed in. */
import {
  addDays,
  dayInZone,
  formatDay,
  formatPeriod,
  isoWeekOf,
  parseDay,
  parseUtcDay,
  parseWeek,
  periodRange,
} from '../domain/period.ts';
import type { Frequency } from '../subscriptions/schema.ts';

export interface DigestPeriod {
  /** Which subscribers: the daily or the weekly list. */
  readonly list: Frequency;
  /** `2025-03-14` or `2025-W11`. */
  readonly key: string;
  readonly from: string;
  readonly to: string;
  /** How the digest names it: `Mar 14`, `week 11`. */
  readonly label: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2025-03-14` (a daily digest) or `2025-W11` (a weekly one); null when it is neither. */
export function parseDigestPeriod(text: string): DigestPeriod | null {
  const day = parseDay(text);
  if (day?.kind === 'day') {
    const [, month, date] = day.day.split('-').map(Number) as [number, number, number];
    return { list: 'daily', key: day.day, from: day.day, to: day.day, label: `${MONTHS[month - 1]} ${date}` };
  }
  const week = parseWeek(text);
  if (week?.kind === 'week') {
    const { from, to } = periodRange(week);
    return { list: 'weekly', key: formatPeriod(week), from, to, label: `week ${week.week}` };
  }
  return null;
}

/**
 * arXiv announces new papers Sunday to Thursday evenings (US Eastern), so listings — and daily digests —
 * fall on Monday to Friday.
 */
export function isAnnouncementDay(day: string): boolean {
  const weekday = parseUtcDay(day).getUTCDay();
  return weekday >= 1 && weekday <= 5;
}

/** Today's daily period in the digest time zone, or null on a day without an announcement. */
export function dailyPeriodAt(now: Date, timeZone: string): DigestPeriod | null {
  const today = dayInZone(now, timeZone);
  return isAnnouncementDay(today) ? parseDigestPeriod(today) : null;
}

/** The last complete ISO week before `now` in the digest time zone (sent on Mondays). */
export function previousWeekAt(now: Date, timeZone: string): DigestPeriod {
  const lastWeek = addDays(parseUtcDay(dayInZone(now, timeZone)), -7);
  const { year, week } = isoWeekOf(lastWeek);
  return parseDigestPeriod(`${year}-W${String(week).padStart(2, '0')}`) as DigestPeriod;
}

export function isMonday(now: Date, timeZone: string): boolean {
  return parseUtcDay(dayInZone(now, timeZone)).getUTCDay() === 1;
}

export function dayOf(date: Date): string {
  return formatDay(date);
}
