import type { PaperSearch, PaperSearchResult } from '../api/paper-search.ts';
import type { SearchService } from './search-service.ts';

/** Serves the API's and feeds' `PaperSearch` port from the search service (keyword, meaning or hybrid). */
export class SearchServicePaperSearch implements PaperSearch {
  constructor(private readonly service: SearchService) {}

  async search(query: string, limit: number): Promise<PaperSearchResult> {
    const results = await this.service.search(query, { limit });
    const terms = results.query.terms.flatMap((term) => (term.kind === 'phrase' ? term.words : [term.text]));
    return { ids: results.hits.map((hit) => hit.paper.id), terms: [...new Set(terms)] };
  }
}
