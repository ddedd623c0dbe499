/**
 * Related papers of a paper: its nearest neighbours in the vector index, or, while search by meaning is
 * not ready (or the paper has no vector yet), the best keyword matches of its title and key phrases.
 * Each comes with its reason: the key phrases the two papers share.
 */
import { keyWords, sharedKeyphrases } from '../domain/keyphrases.ts';
import { type SearchQuery, type SearchTerm, wordsOf } from '../domain/search-query.ts';
import type { PaperView } from '../papers/paper-rows.ts';
import type { KeywordIndex, ScoredPaper } from './keyword-index.ts';
import type { PaperKeywords } from './keyword-store.ts';
import type { PaperLookup } from './search-service.ts';

export interface RelatedPaper {
  readonly paper: PaperView;
  /** Why it is related: key phrases both papers have (may be empty for a neighbour by meaning). */
  readonly shared: readonly string[];
  readonly by: 'meaning' | 'keyword';
}

/** The vector side: a paper's nearest neighbours (MeaningIndex.similarTo). */
export interface SimilarPapers {
  similarTo(paperId: string, k: number): ScoredPaper[];
}

export interface KeywordLookup {
  get(ids: readonly string[]): Promise<Map<string, PaperKeywords>>;
}

export const RELATED_COUNT = 5;
const MAX_QUERY_WORDS = 16;

export class RelatedPapers {
  constructor(
    private readonly papers: PaperLookup,
    private readonly keywords: KeywordLookup,
    private readonly keyword: Pick<KeywordIndex, 'search'>,
    private readonly meaning: SimilarPapers | null = null,
  ) {}

  /** Up to k papers related to this one, most related first; empty when the paper is unknown. */
  async of(paperId: string, k = RELATED_COUNT): Promise<RelatedPaper[]> {
    const source = (await this.papers.getPapers([paperId])).get(paperId);
    if (!source) return [];
    const sourceKeywords = (await this.keywords.get([paperId])).get(paperId)?.keywords ?? [];
    const byMeaning = this.meaning?.similarTo(paperId, k) ?? [];
    const by = byMeaning.length > 0 ? 'meaning' : 'keyword';
    const query = similarityQuery(source, sourceKeywords);
    const ranked =
      by === 'meaning'
        ? byMeaning
        : query.terms.length === 0
          ? []
          : (await this.keyword.search(query, { limit: k + 1, offset: 0 })).filter(
              (hit) => hit.paperId !== paperId,
            );
    const ids = ranked.slice(0, k).map((r) => r.paperId);
    const [found, described] = await Promise.all([this.papers.getPapers(ids), this.keywords.get(ids)]);
    const text = (p: PaperView) => `${p.title} ${p.abstract}`;
    return ids.flatMap((id) => {
      const paper = found.get(id);
      if (!paper) return [];
      const shared = sharedKeyphrases(
        { keywords: sourceKeywords, text: text(source) },
        { keywords: described.get(id)?.keywords ?? [], text: text(paper) },
      );
      return [{ paper, shared, by }];
    });
  }
}

/** Any of the content words of the paper's title and key phrases (built here, never parsed from text). */
export function similarityQuery(paper: PaperView, keywords: readonly string[]): SearchQuery {
  const words = [...new Set(wordsOf(keyWords(`${paper.title} ${keywords.join(' ')}`).join(' ')))];
  const terms: SearchTerm[] = words.slice(0, MAX_QUERY_WORDS).map((text) => ({ kind: 'word', text }));
  return { text: '', terms, authors: [], categories: [], after: null, before: null };
}
