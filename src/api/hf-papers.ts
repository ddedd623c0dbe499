/** The use cases behind the Hugging Face-compatible routes: fetch from the store, reshape with hf-json. */

import { parseArxivId } from '../domain/arxiv-id.ts';
import { NotFoundError } from '../domain/errors.ts';
import { daysOfPeriodOrLatest } from '../listings/listing-service.ts';
import type { PaperView } from '../papers/paper-rows.ts';
import type { KeywordLookup } from '../search/related-papers.ts';
import type { DailyPapersQuery } from './daily-papers-query.ts';
import { type HfDailyItem, type HfItem, type HfPaper, hfDailyItem, hfItem, hfPaper } from './hf-json.ts';
import { type HighlightSegment, highlight } from './highlight.ts';
import type { PaperSearch } from './paper-search.ts';
import type { CommentCounter, ListingReader, PaperReader } from './ports.ts';

export interface HfPaperDetails extends HfPaper {
  readonly linkedModels: readonly { id: string }[];
  readonly numTotalModels: number;
  readonly linkedDatasets: readonly { id: string }[];
  readonly numTotalDatasets: number;
  readonly linkedSpaces: readonly { id: string }[];
  readonly numTotalSpaces: number;
}

export interface HfSearchItem extends HfItem {
  readonly upvoted: boolean;
  readonly highlightedTitle: readonly HighlightSegment[];
  readonly highlightedSummary: readonly HighlightSegment[];
}

export interface HfRepos {
  readonly models: readonly { id: string }[];
  readonly datasets: readonly { id: string }[];
  readonly spaces: readonly { id: string }[];
}

export class HfPapers {
  constructor(
    private readonly papers: PaperReader,
    private readonly listings: ListingReader,
    private readonly paperSearch: PaperSearch,
    private readonly comments: CommentCounter = { counts: async () => new Map() },
    private readonly keywords: KeywordLookup = { get: async () => new Map() },
  ) {}

  /** A page of a day's, week's or month's listing (the latest day when none is asked for). */
  async dailyPapers(query: DailyPapersQuery): Promise<HfDailyItem[]> {
    const range = await daysOfPeriodOrLatest(this.listings, query.period ?? null);
    if (!range) return [];
    const items = await this.listings.pageBetween({
      fromDay: range.from,
      toDay: range.to,
      ...(query.submitter !== undefined ? { submitter: query.submitter } : {}),
      order: query.sort === 'trending' ? 'top' : 'recent',
      limit: query.limit,
      offset: query.page * query.limit,
    });
    const ids = items.map((item) => item.paper.id);
    const [counts, described] = await Promise.all([this.comments.counts(ids), this.keywords.get(ids)]);
    return items.map((item) =>
      hfDailyItem(item, {
        numComments: counts.get(item.paper.id) ?? 0,
        described: described.get(item.paper.id) ?? null,
      }),
    );
  }

  /** The paper by any id form, flat, with the models, data sets and Spaces linked to it (none yet). */
  async paper(input: string): Promise<HfPaperDetails> {
    const paper = await this.find(input);
    const [entry, described] = await Promise.all([
      this.listings.listingOf(paper.id),
      this.keywords.get([paper.id]),
    ]);
    return {
      ...hfPaper(paper, entry, described.get(paper.id) ?? null),
      linkedModels: [],
      numTotalModels: 0,
      linkedDatasets: [],
      numTotalDatasets: 0,
      linkedSpaces: [],
      numTotalSpaces: 0,
    };
  }

  async repos(input: string): Promise<HfRepos> {
    await this.find(input);
    return { models: [], datasets: [], spaces: [] };
  }

  async search(q: string, limit: number): Promise<HfSearchItem[]> {
    const result = await this.paperSearch.search(q, limit);
    const [papers, entries, counts, described] = await Promise.all([
      this.papers.getPapers(result.ids),
      this.listings.entriesFor(result.ids),
      this.comments.counts(result.ids),
      this.keywords.get(result.ids),
    ]);
    return result.ids.flatMap((id) => {
      const paper = papers.get(id);
      if (!paper) return [];
      return [
        {
          ...hfItem(paper, entries.get(id) ?? null, {
            numComments: counts.get(id) ?? 0,
            described: described.get(id) ?? null,
          }),
          upvoted: false,
          highlightedTitle: highlight(paper.title, result.terms),
          highlightedSummary: highlight(paper.abstract, result.terms),
        },
      ];
    });
  }

  private async find(input: string): Promise<PaperView> {
    const parsed = parseArxivId(input);
    if (!parsed.ok) throw new NotFoundError(`no paper "${input.slice(0, 60)}": ${parsed.reason}`);
    const paper = await this.papers.getPaper(parsed.value.id);
    if (!paper) throw new NotFoundError(`no paper ${parsed.value.id} here`);
    return paper;
  }
}
