/** How listings' periods read on pages: headings, titles, navigation labels. */
import { type Period, periodRange } from '../domain/period.ts';
import { formatDayLong, formatDayRange, formatDayShort, formatMonth } from './format.ts';

/** The page heading: `Mar 14`, `Week 11`, `March 2025` (the year and range are shown beside it). */
export function periodHeading(period: Period): string {
  if (period.kind === 'day') return formatDayShort(period.day);
  if (period.kind === 'month') return formatMonth(period.year, period.month);
  return `Week ${period.week}`;
}

/** What follows the heading, muted: the year of a day, the days of a week, nothing for a month. */
export function periodSubheading(period: Period): string | null {
  if (period.kind === 'day') return period.day.slice(0, 4);
  if (period.kind === 'month') return null;
  const { from, to } = periodRange(period);
  return formatDayRange(from, to);
}

/** The period in a sentence or a title: `Mar 14, 2025`, `week 11 of 2025 (Mar 10 – 16, 2025)`, `March 2025`. */
export function periodName(period: Period): string {
  if (period.kind === 'day') return formatDayLong(period.day);
  if (period.kind === 'month') return formatMonth(period.year, period.month);
  const { from, to } = periodRange(period);
  return `week ${period.week} of ${period.year} (${formatDayRange(from, to)})`;
}

/** A link's label for another period: `Mar 13, 2025`, `Week 10 · Mar 3 – 9, 2025`, `February 2025`. */
export function periodLinkLabel(period: Period): string {
  if (period.kind !== 'week') return periodName(period);
  const { from, to } = periodRange(period);
  return `Week ${period.week} · ${formatDayRange(from, to)}`;
}
