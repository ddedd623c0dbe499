/** The feeds of community rankings and members: trending papers, and each member's submissions. */
import type { ListingReader } from '../api/ports.ts';
import { trendingWindowEnd } from '../api/trending-end.ts';
import { NotFoundError } from '../domain/errors.ts';
import type { TrendingWindow } from '../domain/trending.ts';
import type { PaperView } from '../papers/paper-rows.ts';
import { type FeedDocument, type FeedEntry, feedUrlsAt, listedEntry, newestDate } from './feed-document.ts';
import { FEED_SIZE, type FeedSettings } from './feed-service.ts';

export interface CommunityFeedPorts {
  readonly listings: ListingReader;
  readonly trending: {
    ranked(window: TrendingWindow, now: Date, limit?: number): Promise<readonly { paper: PaperView }[]>;
  };
  readonly members: {
    byUsername(username: string): Promise<{ username: string; displayName: string } | null>;
  };
}

/** Every listing day there can be: a member's submissions feed spans them all. */
const ALL_DAYS = { fromDay: '0000-01-01', toDay: '9999-12-31' } as const;

export class CommunityFeeds {
  constructor(
    private readonly ports: CommunityFeedPorts,
    private readonly settings: FeedSettings,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Trending papers in the window, highest trending score first, each dated by its listing time. */
  async trending(window: TrendingWindow): Promise<FeedDocument> {
    const at = trendingWindowEnd(await this.ports.listings.latestDayOnOrBefore(), this.now());
    const ranked = await this.ports.trending.ranked(window, at, FEED_SIZE);
    const ids = ranked.map((item) => item.paper.id);
    const listed = await this.ports.listings.entriesFor(ids);
    const entries = ranked.flatMap(({ paper }) => {
      const entry = listed.get(paper.id);
      return entry ? [listedEntry(paper, entry, this.settings.publicUrl)] : [];
    });
    const query = `window=${window}`;
    return this.document(
      `Trending papers (${window})`,
      `The papers with the highest trending score among those listed in the last ${window}.`,
      `/papers/trending?${query}`,
      feedUrlsAt(this.settings.publicUrl, '/papers/trending/feed', query),
      entries,
    );
  }

  /** The papers a member submitted, latest first; an unknown member is a 404. */
  async memberSubmissions(username: string): Promise<FeedDocument> {
    const member = await this.ports.members.byUsername(username);
    if (!member) throw new NotFoundError(`There is no member @${username.slice(0, 40)}.`);
    const items = await this.ports.listings.pageBetween({
      ...ALL_DAYS,
      submitter: member.username,
      order: 'recent',
      limit: FEED_SIZE,
      offset: 0,
    });
    const path = `/members/${encodeURIComponent(member.username)}`;
    return this.document(
      `Submitted by ${member.displayName} (@${member.username})`,
      `The papers @${member.username} put on the daily listing.`,
      path,
      feedUrlsAt(this.settings.publicUrl, `${path}/feed`),
      items.map((item) => listedEntry(item.paper, item, this.settings.publicUrl)),
    );
  }

  private document(
    title: string,
    description: string,
    pagePath: string,
    feedUrls: FeedDocument['feedUrls'],
    entries: FeedEntry[],
  ): FeedDocument {
    const { publicUrl, siteName } = this.settings;
    return {
      title: `${title} · ${siteName}`,
      description,
      pageUrl: `${publicUrl}${pagePath}`,
      feedUrls,
      updated: newestDate(entries, this.now()),
      entries,
    };
  }
}
