/** What each feed and BibTeX export holds: listings by period, categories and searches. */

import type { PaperSearch } from '../api/paper-search.ts';
import type { ListingReader, PaperReader } from '../api/ports.ts';
import { addDays, formatDay, formatPeriod, type Period, parseUtcDay, periodRange } from '../domain/period.ts';
import { daysOfPeriodOrLatest, periodPath } from '../listings/listing-service.ts';
import type { PaperView } from '../papers/paper-rows.ts';
import {
  type FeedDocument,
  type FeedEntry,
  feedUrlsAt,
  listedEntry,
  newestDate,
  unlistedEntry,
} from './feed-document.ts';

/** Most entries a feed carries; readers poll, so the newest are enough. */
export const FEED_SIZE = 100;
/** The latest-listing feed covers the week up to the latest day, so a reader that skips a day misses nothing. */
const LATEST_FEED_DAYS = 7;

export interface FeedSettings {
  readonly publicUrl: string;
  /** The site's name in feed titles. */
  readonly siteName: string;
}

export class FeedService {
  constructor(
    private readonly papers: PaperReader,
    private readonly listings: ListingReader,
    private readonly paperSearch: PaperSearch,
    private readonly settings: FeedSettings,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The daily listing: the papers of the week up to the latest day with papers, newest first. */
  async latestListing(): Promise<FeedDocument> {
    const latest = await this.listings.latestDayOnOrBefore();
    const entries = latest
      ? await this.listedBetween(formatDay(addDays(parseUtcDay(latest), 1 - LATEST_FEED_DAYS)), latest)
      : [];
    return this.document(
      'Daily papers',
      'The papers featured on the daily listing.',
      '/papers',
      '/papers/feed',
      entries,
    );
  }

  async periodListing(period: Period): Promise<FeedDocument> {
    const { from, to } = periodRange(period);
    const path = periodPath(period);
    const name = { day: 'Papers of', week: 'Papers of week', month: 'Papers of' }[period.kind];
    return this.document(
      `${name} ${formatPeriod(period)}`,
      `The papers featured from ${from} to ${to}.`,
      path,
      `${path}/feed`,
      await this.listedBetween(from, to),
    );
  }

  async category(category: string): Promise<FeedDocument> {
    const papers = await this.papers.newestInCategory(category, FEED_SIZE);
    const { publicUrl } = this.settings;
    return {
      ...(await this.document(
        `New in ${category}`,
        `The newest papers in the arXiv category ${category}.`,
        '',
        `/category/${encodeURIComponent(category)}/feed`,
        papers.map((paper) => unlistedEntry(paper, publicUrl)),
      )),
      pageUrl: `https://arxiv.org/list/${encodeURIComponent(category)}/new`,
    };
  }

  async search(q: string): Promise<FeedDocument> {
    const papers = await this.searchPapers(q);
    const entries = await this.listings.entriesFor(papers.map((p) => p.id));
    const { publicUrl } = this.settings;
    const query = `q=${encodeURIComponent(q)}`;
    return {
      ...(await this.document(
        `Search: ${q}`,
        `Papers matching “${q}”.`,
        `/search?${query}`,
        '/search/feed',
        papers.map((paper) => {
          const entry = entries.get(paper.id);
          return entry ? listedEntry(paper, entry, publicUrl) : unlistedEntry(paper, publicUrl);
        }),
      )),
      feedUrls: feedUrlsAt(publicUrl, '/search/feed', query),
    };
  }

  /** The papers of a period's listing (the latest day's when null), for BibTeX. */
  async listingPapers(period: Period | null): Promise<PaperView[]> {
    const range = await daysOfPeriodOrLatest(this.listings, period);
    if (!range) return [];
    const items = await this.listings.pageBetween({
      fromDay: range.from,
      toDay: range.to,
      order: 'top',
      limit: 1000,
      offset: 0,
    });
    return items.map((item) => item.paper);
  }

  /** The best matches of a search, in rank order. */
  async searchPapers(q: string): Promise<PaperView[]> {
    const { ids } = await this.paperSearch.search(q, FEED_SIZE);
    const papers = await this.papers.getPapers(ids);
    return ids.flatMap((id) => papers.get(id) ?? []);
  }

  private async listedBetween(from: string, to: string): Promise<FeedEntry[]> {
    const items = await this.listings.pageBetween({
      fromDay: from,
      toDay: to,
      order: 'recent',
      limit: FEED_SIZE,
      offset: 0,
    });
    return items.map((item) => listedEntry(item.paper, item, this.settings.publicUrl));
  }

  private async document(
    title: string,
    description: string,
    pagePath: string,
    feedPath: string,
    entries: FeedEntry[],
  ): Promise<FeedDocument> {
    const { publicUrl, siteName } = this.settings;
    return {
      title: `${title} · ${siteName}`,
      description,
      pageUrl: `${publicUrl}${pagePath}`,
      feedUrls: feedUrlsAt(publicUrl, feedPath),
      updated: newestDate(entries, this.now()),
      entries,
    };
  }
}
