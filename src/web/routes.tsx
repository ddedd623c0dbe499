import type { FastifyInstance } from 'fastify';
import type { ListingService } from '../listings/listing-service.ts';
import type { PaperService } from '../papers/paper-service.ts';
import { registerListingRoutes } from './listing-routes.tsx';
import { PageCache } from './page-cache.ts';
import { ErrorPage } from './pages/error-page.tsx';
import { registerPaperRoutes } from './paper-routes.tsx';
import { renderPage } from './render.ts';
import { registerSubscribeRoutes } from './subscribe-routes.tsx';

/** How long a rendered listing page is reused when the composition root does not pass a cache. */
export const DEFAULT_PAGE_CACHE_MS = 1000;

export interface WebDeps {
  readonly listings: ListingService;
  readonly papers: PaperService;
  readonly publicUrl: string;
  /** Rendered listing pages; writers that must be seen at once (upvotes) call its `invalidate()`. */
  readonly pageCache?: PageCache;
}

/** The server-rendered pages; each works without JavaScript. */
export function registerPages(app: FastifyInstance, deps: WebDeps): void {
  const cache = deps.pageCache ?? new PageCache({ ttlMs: DEFAULT_PAGE_CACHE_MS });
  registerListingRoutes(app, { listings: deps.listings, publicUrl: deps.publicUrl, cache });
  registerPaperRoutes(app, { papers: deps.papers, publicUrl: deps.publicUrl });
  registerSubscribeRoutes(app);
}

/** The HTML page of an error (the error handler in src/http picks the status and message). */
export function renderErrorPage(error: { status: number; message: string }): string {
  return renderPage(<ErrorPage status={error.status} message={error.message} />);
}
