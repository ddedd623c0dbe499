import { excerptAround, highlight, type Segment } from '../../search/highlight.ts';
import type { SearchHit, SearchMode } from '../../search/search-service.ts';
import { arxivAbsUrl, shortAuthors } from '../format.ts';
import { Layout } from './layout.tsx';

/** Characters of the abstract shown around its first match. */
const EXCERPT_CHARS = 300;

export interface SearchPageProps {
  /** The text as typed ('' before a search). */
  readonly text: string;
  readonly mode: SearchMode;
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
        {text && !error ? (
          hits.length === 0 ? (
            <p>No papers match {page > 1 ? 'on this page' : `“${text}”`}.</p>
          ) : (
            <ol class="cards search-hits" start={(page - 1) * hits.length + 1}>
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

function SearchForm({ text, mode, modes }: SearchPageProps) {
  return (
    <search>
      <form class="search-form" action="/search" method="get">
        <label for="search-q" class="vh">
          Search papers
        </label>
        <input id="search-q" type="search" name="q" value={text} maxLength={500} autocomplete="off" />
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

function Pages({ text, mode, page, hasMore, hits }: SearchPageProps) {
  if (!text || (page === 1 && !hasMore)) return null;
  const href = (p: number) => `/search?${new URLSearchParams({ q: text, mode, page: String(p) }).toString()}`;
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
