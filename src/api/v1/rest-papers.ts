/** The use cases behind `/api/v1`: read from the ports, answer in the shapes of schemas.ts. */
import { parseArxivId } from '../../domain/arxiv-id.ts';
import { BadRequestError, NotFoundError } from '../../domain/errors.ts';
import type { Period } from '../../domain/period.ts';
import type { PaperView } from '../../papers/paper-rows.ts';
import type { PaperSearch } from '../paper-search.ts';
import { decodePapersCursor, decodeSearchCursor, encodeCursor } from './cursor.ts';
import { entryJson, paperJson, periodJson } from './json.ts';
import type { ListingPages, RestListingReader, RestPaperReader } from './ports.ts';
import type { Listing, PaperDetails, PaperPage, SearchPage, Versions } from './schemas.ts';

/** How deep a search can be paged: the search port ranks from the top on every page. */
export const MAX_SEARCH_DEPTH = 1000;

export class RestPapers {
  constructor(
    private readonly papers: RestPaperReader,
    private readonly listings: RestListingReader,
    private readonly listingPages: ListingPages,
    private readonly paperSearch: PaperSearch,
  ) {}

  async paper(input: string): Promise<PaperDetails> {
    const paper = await this.find(input);
    const entry = await this.listings.listingOf(paper.id);
    return { ...paperJson(paper), listing: entry ? entryJson(entry) : null };
  }

  async versions(input: string): Promise<Versions> {
    const paper = await this.find(input);
    const versions = await this.papers.getVersions(paper.id);
    return {
      paperId: paper.id,
      latestVersion: paper.latestVersion,
      versions: versions.map((v) => ({
        version: v.version,
        submittedAt: v.submittedAt,
        title: v.title,
        abstract: v.abstract,
        size: v.size,
      })),
    };
  }

  async listing(period: Period): Promise<Listing> {
    const page = await this.listingPages.page(period);
    return {
      period: periodJson(page.period),
      previous: page.previous ? periodJson(page.previous) : null,
      next: page.next ? periodJson(page.next) : null,
      papers: page.items.map(({ paper, ...entry }) => ({ entry: entryJson(entry), paper: paperJson(paper) })),
    };
  }

  async latestListing(): Promise<Listing> {
    const day = await this.listingPages.latestDay();
    if (!day) throw new NotFoundError('no listing has any papers yet');
    return this.listing({ kind: 'day', day });
  }

  /** Newest papers first, a page at a time; the cursor carries the last paper's (sort key, id). */
  async newest(query: { category?: string; cursor?: string; limit: number }): Promise<PaperPage> {
    const category = query.category ?? null;
    const after = query.cursor !== undefined ? decodePapersCursor(query.cursor, category) : undefined;
    const rows = await this.papers.newestPage({
      ...(category !== null ? { category } : {}),
      ...(after ? { after: { sortKey: after.sortKey, id: after.id } } : {}),
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      papers: page.map((row) => paperJson(row.paper)),
      nextCursor:
        rows.length > query.limit && last
          ? encodeCursor({ kind: 'papers', category, sortKey: last.sortKey, id: last.paper.id })
          : null,
    };
  }

  /** Best matches first through the PaperSearch port; the cursor carries how many came before. */
  async search(query: { q: string; cursor?: string; limit: number }): Promise<SearchPage> {
    const q = query.q.trim();
    if (q === '') throw new BadRequestError('q is required: the words to search for');
    const offset = query.cursor !== undefined ? decodeSearchCursor(query.cursor, q).offset : 0;
    if (offset >= MAX_SEARCH_DEPTH) return { query: q, papers: [], nextCursor: null };
    const depth = Math.min(offset + query.limit + 1, MAX_SEARCH_DEPTH);
    const result = await this.paperSearch.search(q, depth);
    const ids = result.ids.slice(offset, offset + query.limit);
    const found = await this.papers.getPapers(ids);
    const more = result.ids.length > offset + query.limit;
    return {
      query: q,
      papers: ids.flatMap((id) => {
        const paper = found.get(id);
        return paper ? [paperJson(paper)] : [];
      }),
      nextCursor: more ? encodeCursor({ kind: 'search', query: q, offset: offset + query.limit }) : null,
    };
  }

  /** Any id form; an id that cannot be an arXiv id is a bad request, an unknown one not found. */
  private async find(input: string): Promise<PaperView> {
    const parsed = parseArxivId(input);
    if (!parsed.ok) throw new BadRequestError(parsed.reason);
    const paper = await this.papers.getPaper(parsed.value.id);
    if (!paper) throw new NotFoundError(`no paper ${parsed.value.id} here`);
    return paper;
  }
}
