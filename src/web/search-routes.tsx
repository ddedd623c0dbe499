import type { FastifyInstance } from 'fastify';
import { AppError } from '../domain/errors.ts';
import {
  parseSearchQuery,
  parseSearchWithFilters,
  SEARCH_SORTS,
  type SearchFilters,
  type SearchSort,
} from '../domain/search-query.ts';
import { matchStems } from '../search/highlight.ts';
import { MAX_OFFSET, SEARCH_MODES, type SearchMode, type SearchService } from '../search/search-service.ts';
import { RESULTS_PER_PAGE, SearchPage } from './pages/search-page.tsx';
import { renderPage } from './render.ts';
import { sendHtml } from './reply.ts';

export interface SearchRouteDeps {
  readonly search: SearchService;
  /** Whether search by meaning is ready (its model loads after the server starts): the page then offers three modes. */
  readonly meaning: () => boolean;
}

const PER_PAGE = RESULTS_PER_PAGE;

interface SearchQuerystring {
  q?: string;
  mode?: string;
  page?: string;
  sort?: string;
  category?: string;
  from?: string;
  to?: string;
}

/**
 * `/search?q=…&mode=…&sort=…&category=…&from=…&to=…&page=…`: a bad query or filter is a 400 page that
 * says why, with the form to fix it. `/search/suggest?q=…` answers title suggestions as JSON.
 */
export function registerSearchRoutes(app: FastifyInstance, deps: SearchRouteDeps): void {
  app.get<{ Querystring: SearchQuerystring }>('/search', async (request, reply) => {
    const query = request.query;
    const text = field(query.q);
    const filters: SearchFilters = {
      category: field(query.category),
      from: field(query.from),
      to: field(query.to),
    };
    const modes: readonly SearchMode[] = deps.meaning() ? SEARCH_MODES : ['keyword'];
    const mode = modes.find((m) => m === query.mode) ?? deps.search.defaultMode;
    const sort: SearchSort = SEARCH_SORTS.find((s) => s === query.sort) ?? 'relevance';
    const page = Math.min(Math.max(1, Math.trunc(Number(query.page)) || 1), MAX_OFFSET / PER_PAGE + 1);
    const base = { text, mode, modes, sort, filters, page, hits: [], stems: [], hasMore: false };
    const searched = text !== '' || filters.category !== '' || filters.from !== '' || filters.to !== '';
    if (!searched) return sendHtml(reply, renderPage(<SearchPage {...base} />));
    try {
      const results = await deps.search.search(text, {
        mode,
        sort,
        filters,
        limit: PER_PAGE,
        offset: (page - 1) * PER_PAGE,
      });
      return sendHtml(
        reply,
        renderPage(
          <SearchPage
            {...base}
            hits={results.hits}
            stems={matchStems(results.query)}
            hasMore={results.hasMore}
          />,
        ),
      );
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'bad_request') throw error;
      const parsed = parseSearchWithFilters(text, filters);
      return sendHtml(
        reply,
        renderPage(<SearchPage {...base} error={parsed.ok ? error.message : parsed.reason} />),
        400,
      );
    }
  });

  // Suggestions as the reader types (src/web/assets/suggest.js). Anything typed answers 200 with a list,
  // possibly empty: a half-typed query is not an error.
  app.get<{ Querystring: { q?: string } }>('/search/suggest', async (request, reply) => {
    const typed = field(request.query.q).slice(0, 200);
    const ok = typed !== '' && parseSearchQuery(typed).ok;
    const suggestions = ok ? await deps.search.suggestTitles(typed) : [];
    return reply
      .header('cache-control', 'public, max-age=60')
      .send({ suggestions: suggestions.map((s) => ({ id: s.id, title: s.title, url: `/papers/${s.id}` })) });
  });
}

/** A query-string field as text: repeated fields (`?q=a&q=b`) take the first; anything else is ''. */
function field(value: unknown): string {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim() : '';
}
