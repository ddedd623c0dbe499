import type { ListingItem, ListingStore } from '../listings/listing-store.ts';
import type { DigestCandidate, DigestPaperSource, RankedCandidates } from './paper-source.ts';

/** The listing's own order (most upvoted, then latest day, then position): the fallback ranking. */
export class ListingPaperSource implements DigestPaperSource {
  constructor(private readonly listings: ListingStore) {}

  async rankedPapers(fromDay: string, toDay: string, limit: number): Promise<RankedCandidates> {
    const items = await this.listings.itemsBetween(fromDay, toDay, limit);
    return { ranking: 'listing', papers: items.map(candidateOf) };
  }
}

export function candidateOf(item: ListingItem): DigestCandidate {
  return {
    id: item.paper.id,
    title: item.paper.title,
    authors: item.paper.authors,
    abstract: item.paper.abstract,
    categories: item.paper.categories,
    day: item.day,
    upvotes: item.paper.upvotes,
  };
}
