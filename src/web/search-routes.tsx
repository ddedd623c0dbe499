import type { FastifyInstance } from 'fastify';
import { AppError } from '../domain/errors.ts';
import { parseSearchQuery } from '../domain/search-query.ts';
import { matchStems } from '../search/highlight.ts';
import { MAX_OFFSET, SEARCH_MODES, type SearchMode, type SearchService } from '../search/search-service.ts';
import { SearchPage } from './pages/search-page.tsx';
import { renderPage } from './render.ts';
import { sendHtml } from './reply.ts';

export interface SearchRouteDeps {
  readonly search: SearchService;
  /** Whether search by meaning is ready (its model loads after the server starts): the page then offers three modes. */
  readonly meaning: () => boolean;
}

const PER_PAGE = 20;

/** `/search?q=…&mode=…&page=…`: a bad query is a 400 page that says why, with the box to fix it. */
export function registerSearchRoutes(app: FastifyInstance, deps: SearchRouteDeps): void {
  app.get<{ Querystring: { q?: string; mode?: string; page?: string } }>(
    '/search',
    async (request, reply) => {
      const text = typeof request.query.q === 'string' ? request.query.q.trim() : '';
      const modes: readonly SearchMode[] = deps.meaning() ? SEARCH_MODES : ['keyword'];
      const asked = request.query.mode;
      const mode = modes.find((m) => m === asked) ?? deps.search.defaultMode;
      const page = Math.min(
        Math.max(1, Math.trunc(Number(request.query.page)) || 1),
        MAX_OFFSET / PER_PAGE + 1,
      );
      const base = { text, mode, modes, page, hits: [], stems: [], hasMore: false };
      if (text === '') return sendHtml(reply, renderPage(<SearchPage {...base} />));
      try {
        const results = await deps.search.search(text, {
          mode,
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
        const parsed = parseSearchQuery(text);
        return sendHtml(
          reply,
          renderPage(<SearchPage {...base} error={parsed.ok ? error.message : parsed.reason} />),
          400,
        );
      }
    },
  );
}
