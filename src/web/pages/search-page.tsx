import type { SearchFilters, SearchSort } from '../../domain/search-query.ts';
import { excerptAround, highlight, type Segment } from '../../search/highlight.ts';
import type { SearchHit, SearchMode } from '../../search/search-service.ts';
import { arxivAbsUrl, shortAuthors } from '../format.ts';
import { Layout } from './layout.tsx';

/** Hits on one page of results. */
export const RESULTS_PER_PAGE = 20;

/** Characters of the abstract shown around its first match. */
const EXCERPT_CHARS = 300;

export interface SearchPageProps {
  /** The text as typed ('' before a search). */
  readonly text: string;
  readonly mode: SearchMode;
  readonly sort: SearchSort;
  /** The filter fields as typed. */
  readonly filters: SearchFilters;
  /** Whether search by meaning is on (the mode choice is shown only then). */
  readonly modes: readonly SearchMode[];
  readonly hits: readonly SearchHit[];
  /** Stems to mark in titles and abstracts. */
  readonly stems: readonly string[];
  readonly page: number;
  readonly hasMore: boolean;
  /** Why the query could not be run (shown with a 400). */
  readonly error?: string;
}

/** `/search?q=…`: the search box, the hits with their matches marked, and pages. Works without JavaScript. */
export function SearchPage(props: SearchPageProps) {
  const { text, hits, error, page } = props;
  const title = text ? `${text} · Search · Paperpulse` : 'Search · Paperpulse';
  return (
    <Layout title={title} noindex={text !== ''}>
      <section class="search" aria-labelledby="search-heading">
        <h1 id="search-heading">Search papers</h1>
        <SearchForm {...props} />
        <p class="search-help">
          Words, <code>"a phrase"</code>, <code>token*</code>, <code>author:lecun</code>,{' '}
          <code>cat:cs.CL</code>, <code>after:2024-01-01</code>, <code>before:2025-01-01</code>; an arXiv id
          or an exact title goes straight to that paper.
        </p>
        {error ? (
          <p class="search-error" role="alert">
            {error}
          </p>
        ) : null}
        {searched(props) && !error ? (
          hits.length === 0 ? (
            <p>No papers match {page > 1 ? 'on this page' : text ? `“${text}”` : 'these filters'}.</p>
          ) : (
            <ol class="cards search-hits" start={(page - 1) * RESULTS_PER_PAGE + 1}>
              {hits.map((hit) => (
                <SearchHitCard key={hit.paper.id} hit={hit} stems={props.stems} />
              ))}
            </ol>
          )
        ) : null}
        <Pages {...props} />
      </section>
    </Layout>
  );
}

const SORT_LABELS: Record<SearchSort, string> = {
  relevance: 'relevance',
  newest: 'newest first',
  upvotes: 'most upvoted',
};

function SearchForm({ text, mode, modes, sort, filters }: SearchPageProps) {
  return (
    <search>
      {/* suggest.js fills the datalist with matching titles as the reader types; without it, nothing changes. */}
      <script src="/assets/suggest.js" defer></script>
      <form class="search-form" action="/search" method="get">
        <label for="search-q" class="vh">
          Search papers
        </label>
        <input
          id="search-q"
          type="search"
          name="q"
          value={text}
          maxLength={500}
          autocomplete="off"
          list="search-suggestions"
          data-suggest="/search/suggest"
        />
        <datalist id="search-suggestions"></datalist>
        {modes.length > 1 ? (
          <>
            <label for="search-mode">Rank by</label>
            <select id="search-mode" name="mode">
              {modes.map((m) => (
                <option key={m} value={m} selected={m === mode}>
                  {m === 'keyword' ? 'keywords' : m === 'meaning' ? 'meaning' : 'keywords and meaning'}
                </option>
              ))}
            </select>
          </>
        ) : null}
        <button type="submit">Search</button>
        <fieldset class="search-filters">
          <legend>Filters</legend>
          <label for="search-category">Category</label>{' '}
          <input
            id="search-category"
            name="category"
            value={filters.category ?? ''}
            placeholder="cs.CL"
            size={10}
            maxLength={40}
          />{' '}
          <label for="search-from">From</label>{' '}
          <input id="search-from" type="date" name="from" value={filters.from ?? ''} />{' '}
          <label for="search-to">To</label>{' '}
          <input id="search-to" type="date" name="to" value={filters.to ?? ''} />{' '}
          <label for="search-sort">Sort by</label>{' '}
          <select id="search-sort" name="sort">
            {(Object.keys(SORT_LABELS) as SearchSort[]).map((s) => (
              <option key={s} value={s} selected={s === sort}>
                {SORT_LABELS[s]}
              </option>
            ))}
          </select>
        </fieldset>
      </form>
    </search>
  );
}

function SearchHitCard({ hit, stems }: { hit: SearchHit; stems: readonly string[] }) {
  const { paper } = hit;
  const authors = shortAuthors(paper.authors);
  return (
    <li class="card">
      <h2>
        <a href={`/papers/${paper.id}`}>
          <Marked segments={highlight(paper.title, stems)} />
        </a>
      </h2>
      {paper.authors.length > 0 ? (
        <p class="authors">
          {authors.names.join(', ')}
          {authors.more > 0 ? ` and ${authors.more} more` : ''}
        </p>
      ) : null}
      {paper.abstract ? (
        <p class="abstract">
          <Marked segments={highlight(excerptAround(paper.abstract, stems, EXCERPT_CHARS), stems)} />
        </p>
      ) : null}
      <p class="links">
        <a href={arxivAbsUrl(paper.id)}>arXiv {paper.id}</a>
        {paper.categories.length > 0 ? <span> {paper.categories.join(' · ')}</span> : null}
        {paper.publishedAt ? <span> {paper.publishedAt.slice(0, 10)}</span> : null}
      </p>
    </li>
  );
}

function Marked({ segments }: { segments: readonly Segment[] }) {
  return <>{segments.map((s, i) => (s.match ? <mark key={i}>{s.text}</mark> : s.text))}</>;
}

/** The address of a page of these results: the query, mode, sort and filters kept, empty ones left out. */
export function resultsHref(
  props: Pick<SearchPageProps, 'text' | 'mode' | 'sort' | 'filters'>,
  page: number,
) {
  const { text, mode, sort, filters } = props;
  const fields: [string, string][] = [
    ['q', text],
    ['mode', mode],
    ['sort', sort === 'relevance' ? '' : sort],
    ['category', filters.category ?? ''],
    ['from', filters.from ?? ''],
    ['to', filters.to ?? ''],
    ['page', String(page)],
  ];
  return `/search?${new URLSearchParams(fields.filter(([, v]) => v !== '')).toString()}`;
}

function searched({ text, filters }: SearchPageProps): boolean {
  return text !== '' || Boolean(filters.category || filters.from || filters.to);
}

function Pages(props: SearchPageProps) {
  const { page, hasMore, hits } = props;
  if (!searched(props) || (page === 1 && !hasMore)) return null;
  const href = (p: number) => resultsHref(props, p);
  return (
    <nav class="period-nav" aria-label="Result pages">
      {page > 1 ? (
        <a rel="prev" href={href(page - 1)}>
          Previous
        </a>
      ) : null}
      <span>Page {page}</span>
      {hasMore && hits.length > 0 ? (
        <a rel="next" href={href(page + 1)}>
          Next
        </a>
      ) : null}
    </nav>
  );
}
