import type { FastifyInstance } from 'fastify';
import { isEditor } from '../accounts/member.ts';
import { csrfToken } from '../http/csrf.ts';
import type { ListingService } from '../listings/listing-service.ts';
import type { PaperService } from '../papers/paper-service.ts';
import { registerAccountRoutes } from './account-routes.tsx';
import type { CommunityDeps } from './community-deps.ts';
import { registerCommunityRoutes } from './community-routes.tsx';
import type { DigestWebDeps } from './digest-deps.ts';
import { registerDigestPages } from './digest-routes.ts';
import { registerListingRoutes } from './listing-routes.tsx';
import { PageCache } from './page-cache.ts';
import { ErrorPage } from './pages/error-page.tsx';
import { registerPaperRoutes } from './paper-routes.tsx';
import { renderPage } from './render.ts';
import { registerTrendingRoutes } from './trending-routes.tsx';

/** How long a rendered listing page is reused when the composition root does not pass a cache. */
export const DEFAULT_PAGE_CACHE_MS = 1000;

export interface WebDeps {
  readonly listings: ListingService;
  readonly papers: PaperService;
  readonly publicUrl: string;
  /** Rendered listing pages; writers that must be seen at once (upvotes) call its `invalidate()`. */
  readonly pageCache?: PageCache;
  /** Members, upvotes, submissions, trending (src/accounts, src/community, src/trending). */
  readonly community: CommunityDeps;
  /** Subscribing and digests (src/subscriptions, src/digest). */
  readonly digest: DigestWebDeps;
}

/** The server-rendered pages; each works without JavaScript. */
export function registerPages(app: FastifyInstance, deps: WebDeps): void {
  const cache = deps.pageCache ?? new PageCache({ ttlMs: DEFAULT_PAGE_CACHE_MS });
  registerListingRoutes(app, { listings: deps.listings, publicUrl: deps.publicUrl, cache });
  const { community, publicUrl } = deps;
  // Before the paper routes: /papers/trending is more specific than /papers/*.
  registerTrendingRoutes(app, community);
  registerPaperRoutes(app, {
    papers: deps.papers,
    publicUrl,
    community: async (request, reply, paperId) => {
      const member = await community.current.of(request);
      const [upvoted, trending] = await Promise.all([
        member ? community.upvotes.hasUpvoted(member.id, paperId) : false,
        community.trending.forPaper(paperId, new Date()),
      ]);
      const csrf = csrfToken(request, reply, publicUrl);
      return { member, upvoted, csrf, editor: isEditor(member), trending };
    },
  });
  registerAccountRoutes(app, { ...community, publicUrl });
  registerCommunityRoutes(app, { ...community, publicUrl, cache });
  registerDigestPages(app, { ...deps.digest, publicUrl });
}

/** The HTML page of an error (the error handler in src/http picks the status and message). */
export function renderErrorPage(error: { status: number; message: string }): string {
  return renderPage(<ErrorPage status={error.status} message={error.message} />);
}
