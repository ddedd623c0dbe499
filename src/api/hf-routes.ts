import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BadRequestError, NotFoundError } from '../domain/errors.ts';
import { toHttpError } from '../http/errors.ts';
import {
  DEFAULT_LIMIT,
  integer,
  MAX_LIMIT,
  parseDailyPapersQuery,
  type RawQuery,
  single,
} from './daily-papers-query.ts';
import type { HfPapers } from './hf-papers.ts';

/**
 * The Hugging Face Papers API, spoken as huggingface_hub and other clients expect it, errors included:
 * `{ "error": "…" }` with the status toHttpError picks for the typed error.
 *
 * - `GET /api/daily_papers?date|week|month&submitter&sort&p&limit`
 * - `GET /api/papers/search?q&limit`
 * - `GET /api/papers/{id}` (any id form, old-style ids with their slash)
 * - `GET /api/arxiv/{id}/repos`
 */
export async function registerHfApi(app: FastifyInstance, hf: HfPapers): Promise<void> {
  await app.register(async (scope) => {
    scope.setErrorHandler(hfErrorHandler);
    scope.get('/api/daily_papers', (request) => hf.dailyPapers(parseDailyPapersQuery(queryOf(request))));
    scope.get('/api/papers/search', (request) => {
      const query = queryOf(request);
      const q = single(query, 'q')?.trim() ?? '';
      if (q === '') throw new BadRequestError('q is required: the words to search for');
      return hf.search(q.slice(0, 500), integer(query, 'limit', DEFAULT_LIMIT, 1, MAX_LIMIT));
    });
    scope.get<{ Params: { '*': string } }>('/api/papers/*', (request) => hf.paper(request.params['*']));
    scope.get<{ Params: { '*': string } }>('/api/arxiv/*', (request) => {
      const id = /^(.+)\/repos$/.exec(request.params['*'])?.[1];
      if (!id) throw new NotFoundError(`Nothing lives at ${request.url.slice(0, 200)}.`);
      return hf.repos(id);
    });
  });
}

function queryOf(request: FastifyRequest): RawQuery {
  return (request.query ?? {}) as RawQuery;
}

function hfErrorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const http = toHttpError(error);
  if (http.status >= 500) request.log.error({ err: error }, 'request failed');
  return reply.status(http.status).send({ error: http.message });
}
