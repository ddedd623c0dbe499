import type { ListingStore } from '../listings/listing-store.ts';
import type { DigestCandidate, DigestPaperSource } from './paper-source.ts';

/** The interim ranking: the listing's own order (most upvoted, then latest day, then position). */
export class ListingPaperSource implements DigestPaperSource {
  constructor(private readonly listings: ListingStore) {}

  async rankedPapers(fromDay: string, toDay: string, limit: number): Promise<DigestCandidate[]> {
    const items = await this.listings.itemsBetween(fromDay, toDay, limit);
    return items.map((item) => ({
      id: item.paper.id,
      title: item.paper.title,
      authors: item.paper.authors,
      abstract: item.paper.abstract,
      categories: item.paper.categories,
      day: item.day,
      upvotes: item.paper.upvotes,
    }));
  }
}
