/** What `/api/v1` reads: the narrow views it needs, owned here and met by the stores and services. */
import type { Member } from '../../accounts/member.ts';
import type { CommentView } from '../../community/comment-thread.ts';
import type { PaperVersion } from '../../domain/paper.ts';
import type { Period } from '../../domain/period.ts';
import type { TrendingWindow } from '../../domain/trending.ts';
import type { ListingItem } from '../../listings/listing-store.ts';
import type { PaperView } from '../../papers/paper-rows.ts';
import type { NewestPageQuery } from '../../papers/paper-store.ts';
import type { SubscribeRequest } from '../../subscriptions/subscription-service.ts';
import type { TrendingItem } from '../../trending/trending-store.ts';

export interface RestPaperReader {
  getPaper(id: string): Promise<PaperView | null>;
  getPapers(ids: readonly string[]): Promise<Map<string, PaperView>>;
  getVersions(id: string): Promise<PaperVersion[]>;
  newestPage(query: NewestPageQuery): Promise<{ paper: PaperView; sortKey: string }[]>;
}

export interface RestListingReader {
  listingOf(paperId: string): Promise<Omit<ListingItem, 'paper'> | null>;
}

/** A period's listing with its neighbours (ListingService). */
export interface ListingPages {
  latestDay(): Promise<string | null>;
  page(period: Period): Promise<{
    readonly period: Period;
    readonly items: readonly ListingItem[];
    readonly previous: Period | null;
    readonly next: Period | null;
  }>;
}

/** What the community routes of `/api/v1` use (src/community, src/trending, src/subscriptions). */
export interface RestCommunityPorts {
  readonly papers: { getPaper(id: string): Promise<PaperView | null> };
  readonly listings: {
    latestDayOnOrBefore(day?: string): Promise<string | null>;
  };
  readonly trending: {
    ranked(window: TrendingWindow, now: Date, limit?: number): Promise<TrendingItem[]>;
  };
  readonly upvotes: {
    set(
      memberId: string,
      paperId: string,
      on: boolean,
      now: Date,
    ): Promise<{ upvoted: boolean; upvotes: number }>;
  };
  readonly comments: {
    post(
      member: Member,
      paperId: string,
      body: string,
      parentId: string | null,
      now: Date,
    ): Promise<{ id: string; paperId: string }>;
    thread(paperId: string, reader: Member | null): Promise<CommentView[]>;
  };
  readonly submissions: {
    submit(member: Member, input: string, now: Date): Promise<{ paperId: string; day: string }>;
  };
  readonly subscriptions: { request(request: SubscribeRequest, now: Date): Promise<void> };
}
