/** What `/api/v1` reads: the narrow views it needs, owned here and met by the stores and services. */
import type { PaperVersion } from '../../domain/paper.ts';
import type { Period } from '../../domain/period.ts';
import type { ListingItem } from '../../listings/listing-store.ts';
import type { PaperView } from '../../papers/paper-rows.ts';
import type { NewestPageQuery } from '../../papers/paper-store.ts';

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
