import path from 'node:path';
import zlib from 'node:zlib';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { HfPapers } from '../api/hf-papers.ts';
import type { PaperReader } from '../api/ports.ts';
import { type ApiDeps, registerApis } from '../api/register-apis.ts';
import type { RestPapers } from '../api/v1/rest-papers.ts';
import type { CommunityFeeds } from '../feeds/community-feeds.ts';
import { registerFeedRoutes } from '../feeds/feed-routes.ts';
import type { FeedService } from '../feeds/feed-service.ts';
import { registerPaperExports } from '../feeds/paper-export-routes.ts';
import { registerPages, renderErrorPage, type WebDeps } from '../web/routes.tsx';
import { registerCsrfProtection } from './csrf.ts';
import { errorHandler } from './errors.ts';

export interface ServerDeps extends WebDeps {
  readonly logger: FastifyBaseLogger;
  /** The Hugging Face-compatible API (src/api). */
  readonly hfPapers: HfPapers;
  /** Our REST API at /api/v1 (src/api/v1). */
  readonly restPapers: RestPapers;
  /** The APIs' community routes, bearer tokens and rate limits (src/api/register-apis.ts). */
  readonly api: Omit<ApiDeps, 'hfPapers' | 'restPapers'>;
  /** What the Markdown and BibTeX exports of a paper read (src/feeds). */
  readonly paperReader: PaperReader;
  /** RSS, Atom and JSON feeds, OPML and BibTeX of listings and searches (src/feeds). */
  readonly feeds: FeedService;
  /** Trending and members' submissions feeds (src/feeds/community-feeds.ts). */
  readonly communityFeeds: CommunityFeeds;
}

const assetsDir = path.resolve(import.meta.dirname, '../web/assets');

const handleError = errorHandler(renderErrorPage);

/** The HTTP server with every route; `listen` is left to the caller (tests use `inject`). */
export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger,
    // One line per request is noise at our request rates; errors are still logged by the error handler.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 256 * 1024,
    routerOptions: { maxParamLength: 300 },
    trustProxy: true,
    // A malformed address (a broken %-escape) gets the same 400 page or JSON error as any bad request.
    frameworkErrors: (error, request, reply) =>
      handleError(Object.assign(error, { statusCode: 400 }), request, reply),
  });
  await app.register(helmet, {
    // Helmet's default, no-referrer, makes Chromium send `Origin: null` with same-site form POSTs, which
    // the CSRF Origin check must refuse; same-origin keeps the origin on our own requests only.
    referrerPolicy: { policy: 'same-origin' },
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  // Before every route, so each gets it. Pages, feeds and API answers of 1 KB or more go out as brotli or
  // gzip when the request accepts it (with Vary: Accept-Encoding). The listing pages opt out: the page
  // cache compresses each render once (src/web/page-cache.ts). A reply that already has a
  // Content-Encoding is left alone, and request bodies are never decompressed.
  await app.register(compress, {
    encodings: ['br', 'gzip'],
    threshold: 1024,
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
    zlibOptions: { level: 6 },
    globalDecompression: false,
  });
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  await app.register(cookie);
  registerCsrfProtection(app, { publicUrl: deps.publicUrl });
  await app.register(fastifyStatic, {
    root: assetsDir,
    prefix: '/assets/',
    maxAge: '1h',
    index: false,
  });
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) => {
    const message = `Nothing lives at ${request.url.slice(0, 200)}.`;
    reply.status(404);
    if (request.url.startsWith('/api/')) return reply.send({ error: { code: 'not_found', message } });
    return reply.type('text/html; charset=utf-8').send(renderErrorPage({ status: 404, message }));
  });
  app.get('/healthz', async () => ({ ok: true }));
  // Before the pages: the API's and exports' routes share prefixes with the pages' wildcards.
  await registerApis(app, { ...deps.api, hfPapers: deps.hfPapers, restPapers: deps.restPapers });
  registerPaperExports(app, { papers: deps.paperReader, publicUrl: deps.publicUrl });
  registerFeedRoutes(app, {
    feeds: deps.feeds,
    communityFeeds: deps.communityFeeds,
    papers: deps.paperReader,
    publicUrl: deps.publicUrl,
    siteName: 'Paperpulse',
  });
  registerPages(app, deps);
  return app;
}
