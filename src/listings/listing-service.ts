import {
  addDays,
  formatDay,
  formatPeriod,
  type Period,
  parseUtcDay,
  periodContaining,
  periodRange,
} from '../domain/period.ts';
import type { PaperKeywords } from '../search/keyword-store.ts';
import type { ListingItem, ListingStore } from './listing-store.ts';

/** Where a page's key phrases and summaries come from: papers not yet described are absent. */
export interface PaperDescriptions {
  get(paperIds: readonly string[]): Promise<ReadonlyMap<string, PaperKeywords>>;
}

export interface ListingPage {
  readonly period: Period;
  readonly from: string;
  readonly to: string;
  readonly items: readonly ListingItem[];
  /** The nearest earlier and later periods of the same kind that have papers. */
  readonly previous: Period | null;
  readonly next: Period | null;
}

/** Most papers a single listing page holds; a day rarely has more than a hundred. */
const PAGE_LIMIT = 500;

export class ListingService {
  constructor(
    private readonly listings: ListingStore,
    /** The key phrases and summaries search writes (src/search/keyword-store.ts). */
    private readonly descriptions: PaperDescriptions,
  ) {}

  /** The latest day with papers, or null on an empty store. */
  latestDay(): Promise<string | null> {
    return this.listings.latestDayOnOrBefore();
  }

  async page(period: Period): Promise<ListingPage> {
    const { from, to } = periodRange(period);
    const [items, before, after] = await Promise.all([
      this.listings.itemsBetween(from, to, PAGE_LIMIT),
      this.listings.latestDayOnOrBefore(formatDay(addDays(parseUtcDay(from), -1))),
      this.listings.earliestDayOnOrAfter(formatDay(addDays(parseUtcDay(to), 1))),
    ]);
    return {
      period,
      from,
      to,
      items,
      previous: before ? periodContaining(period.kind, before) : null,
      next: after ? periodContaining(period.kind, after) : null,
    };
  }

  /**
   * The key phrases and one-line summaries of a page's papers, by paper id, for its cards: one query
   * for the whole page. Papers not yet described are absent. Apart from `page()`, since the APIs that
   * read pages do not show them.
   */
  described(page: ListingPage): Promise<ReadonlyMap<string, PaperKeywords>> {
    return this.descriptions.get(page.items.map((item) => item.paper.id));
  }
}

export function periodPath(period: Period): string {
  return `/papers/${period.kind === 'day' ? 'date' : period.kind}/${formatPeriod(period)}`;
}

/** The days of a period, or of the latest day with papers when no period is asked for (null on an empty store). */
export async function daysOfPeriodOrLatest(
  listings: { latestDayOnOrBefore(day?: string): Promise<string | null> },
  period: Period | null,
): Promise<{ from: string; to: string } | null> {
  if (period) return periodRange(period);
  const latest = await listings.latestDayOnOrBefore();
  return latest ? { from: latest, to: latest } : null;
}
