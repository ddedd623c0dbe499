/**
 * Our REST API, mounted at `/api/v1` in its own Fastify scope: the read routes, the OpenAPI 3.1
 * document built from their schemas (`/api/v1/openapi.json`), a docs page (`/api/v1/docs`), ETags and
 * Cache-Control on reads, CORS for GET and HEAD only, and the community routes (src/api/v1/community-routes.ts)
 * whose writes need an API token. Errors go through src/http/errors.ts, which answers
 * `{"error":{"code","message"}}` for every `/api/` URL. Rate limits are set around it (src/api/rate-limit.ts).
 */
import cors, { type FastifyCorsOptions } from '@fastify/cors';
import swagger from '@fastify/swagger';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ApiGuard } from '../bearer-auth.ts';
import { BEARER_SCHEME, registerCommunityRoutes } from './community-routes.ts';
import { type ApiDocument, DOCS_CSS, renderDocsPage } from './docs-page.ts';
import { conditionalGet } from './http-caching.ts';
import { API_PREFIX } from './json.ts';
import type { RestCommunity } from './rest-community.ts';
import type { RestPapers } from './rest-papers.ts';
import { registerRestRoutes } from './routes.ts';
import { validationError } from './validation-errors.ts';

const DESCRIPTION = `Read papers, listings, search results, trending papers and comments of this Paperpulse; upvote, comment, submit and subscribe with an API token. Everything here is JSON.

Writes need an API token, made on your profile page and sent as "Authorization: Bearer <token>".

Errors are {"error": {"code", "message"}} with a stable code: bad_request (400: a parameter is not valid; the message names it), unauthorized (401: no valid API token), forbidden (403), not_found (404), conflict (409), rate_limited (429, with Retry-After: every address and every token has a budget of requests a minute), internal (500).

Lists that can be long are paged with cursors: pass a page's nextCursor as cursor to get the next page; nextCursor is null on the last one. Cursors are opaque and belong to the query that gave them.

Every successful read carries an ETag and Cache-Control: public, max-age=60; send If-None-Match to get 304 Not Modified when nothing changed. Reads may be made from any origin (CORS for GET and HEAD).`;

/** Browsers may read from any origin; anything but a read gets no CORS headers at all. */
function corsFor(request: FastifyRequest, done: (error: Error | null, options?: FastifyCorsOptions) => void) {
  const read = request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS';
  done(null, read ? { origin: '*', methods: ['GET', 'HEAD'], maxAge: 600 } : { origin: false });
}

/** The community routes and who may write through them. */
export interface RestWrites {
  readonly community: RestCommunity;
  readonly guard: ApiGuard;
}

export async function registerRestApi(
  app: FastifyInstance,
  rest: RestPapers,
  writes: RestWrites,
): Promise<void> {
  await app.register(
    async (scope) => {
      await scope.register(swagger, {
        openapi: {
          openapi: '3.1.0',
          info: { title: 'Paperpulse API', version: '1', description: DESCRIPTION },
          tags: [
            { name: 'papers', description: 'Papers and their versions' },
            { name: 'listings', description: 'The papers featured on a day, a week or a month' },
            { name: 'search', description: 'Papers by the words in them' },
            { name: 'community', description: 'Trending papers, comments, upvotes and submissions' },
            { name: 'subscriptions', description: 'Digest subscriptions' },
          ],
          components: {
            securitySchemes: {
              [BEARER_SCHEME]: {
                type: 'http',
                scheme: 'bearer',
                description: 'An API token from your profile page',
              },
            },
          },
        },
      });
      await scope.register(cors, { delegator: corsFor });
      scope.setSchemaErrorFormatter(validationError);
      scope.addHook('onSend', conditionalGet);
      // Helmet's same-origin default would stop other sites embedding what CORS lets them read.
      scope.addHook('onRequest', async (_request, reply) => {
        reply.header('cross-origin-resource-policy', 'cross-origin');
      });

      registerRestRoutes(scope, rest);
      registerCommunityRoutes(scope, writes.community, writes.guard);

      scope.get('/openapi.json', { schema: { hide: true } }, () => scope.swagger());
      let docsPage: string | undefined;
      scope.get('/docs', { schema: { hide: true } }, (_request, reply) => {
        docsPage ??= renderDocsPage(scope.swagger() as unknown as ApiDocument, `${API_PREFIX}/docs.css`);
        return reply.type('text/html; charset=utf-8').send(docsPage);
      });
      scope.get('/docs.css', { schema: { hide: true } }, (_request, reply) =>
        reply.type('text/css; charset=utf-8').send(DOCS_CSS),
      );
    },
    { prefix: API_PREFIX },
  );
}
