import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BadRequestError, NotFoundError, RateLimitedError } from '../domain/errors.ts';
import { toHttpError } from '../http/errors.ts';
import type { ApiGuard } from './bearer-auth.ts';
import {
  DEFAULT_LIMIT,
  integer,
  MAX_LIMIT,
  parseDailyPapersQuery,
  type RawQuery,
  single,
} from './daily-papers-query.ts';
import type { HfPapers } from './hf-papers.ts';
import type { PaperSubmitter } from './ports.ts';

/**
 * The Hugging Face Papers API, spoken as huggingface_hub and other clients expect it, errors included:
 * `{ "error": "…" }` with the status toHttpError picks for the typed error.
 *
 * - `GET /api/daily_papers?date|week|month&submitter&sort&p&limit`
 * - `GET /api/papers/search?q&limit`
 * - `GET /api/papers/{id}` (any id form, old-style ids with their slash)
 * - `GET /api/arxiv/{id}/repos`
 * - `POST /api/papers/submit` `{"paper_id": "…"}` with `Authorization: Bearer <API token>`, under the
 *   submission rules (src/community/submissions.ts): 400, 401, 404, 409 or 429 (with Retry-After).
 */
export interface HfWrites {
  readonly guard: ApiGuard;
  readonly submissions: PaperSubmitter;
}

export async function registerHfApi(app: FastifyInstance, hf: HfPapers, writes: HfWrites): Promise<void> {
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
    // A bearer token, not a cookie, authenticates the submission: no CSRF check.
    scope.post('/api/papers/submit', { config: { csrf: false } }, async (request, reply) => {
      const member = await writes.guard.member(request, reply);
      const paperId = submittedId(request.body);
      const submitted = await writes.submissions.submit(member, paperId, new Date());
      return hf.paper(submitted.paperId);
    });
  });
}

function queryOf(request: FastifyRequest): RawQuery {
  return (request.query ?? {}) as RawQuery;
}

/** `paper_id` (as the Hugging Face site names it; `paperId` too) from a JSON or form body. */
function submittedId(body: unknown): string {
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const value = fields.paper_id ?? fields.paperId;
  if (typeof value !== 'string' || value.trim() === '')
    throw new BadRequestError('paper_id is required: the arXiv id of the paper to submit');
  return value.slice(0, 200);
}

function hfErrorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const http = toHttpError(error);
  if (http.status >= 500) request.log.error({ err: error }, 'request failed');
  if (error instanceof RateLimitedError) reply.header('retry-after', String(error.retryAfterSeconds));
  return reply.status(http.status).send({ error: http.message });
}
