import type { PaperStore } from '../papers/paper-store.ts';
import { type PaperSearch, type PaperSearchResult, queryTerms } from './paper-search.ts';

/**
 * The interim PaperSearch until src/search lands: every word must appear in the title or the abstract
 * (case-insensitive), ranked by how many words the title holds, then by upvotes. A scan, no index.
 */
export class InterimPaperSearch implements PaperSearch {
  constructor(private readonly papers: PaperStore) {}

  async search(query: string, limit: number): Promise<PaperSearchResult> {
    const terms = queryTerms(query);
    return { ids: await this.papers.idsMatchingAllTerms(terms, limit), terms };
  }
}
