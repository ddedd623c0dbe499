import { type Period, parseUtcDay, periodRange } from '../domain/period.ts';
import type { ListingPage } from '../listings/listing-service.ts';

const DAY_MS = 86_400_000;

/**
 * Of the nearest earlier and later periods with papers, the closer one to this page's period
 * (the earlier one on a tie), or null when there is neither.
 */
export function nearestWithPapers(
  page: Pick<ListingPage, 'from' | 'to' | 'previous' | 'next'>,
): Period | null {
  const { previous, next } = page;
  if (!previous || !next) return previous ?? next;
  const before = parseUtcDay(page.from).getTime() - parseUtcDay(periodRange(previous).to).getTime();
  const after = parseUtcDay(periodRange(next).from).getTime() - parseUtcDay(page.to).getTime();
  return Math.round(after / DAY_MS) < Math.round(before / DAY_MS) ? next : previous;
}
