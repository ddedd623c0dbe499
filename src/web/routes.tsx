import type { FastifyInstance } from 'fastify';
import type { ApiTokenStore } from '../accounts/api-tokens.ts';
import { isEditor } from '../accounts/member.ts';
import { csrfToken } from '../http/csrf.ts';
import type { ListingService } from '../listings/listing-service.ts';
import type { PaperService } from '../papers/paper-service.ts';
import type { PaperExtras } from '../search/paper-extras.ts';
import type { SearchService } from '../search/search-service.ts';
import { registerAccountRoutes } from './account-routes.tsx';
import { registerAdminOutboxRoutes } from './admin-outbox-routes.tsx';
import { registerClaimRoutes } from './claim-routes.tsx';
import { registerCommentRoutes } from './comment-routes.tsx';
import type { CommunityDeps } from './community-deps.ts';
import { registerCommunityRoutes } from './community-routes.tsx';
import type { DigestWebDeps } from './digest-deps.ts';
import { registerDigestPages } from './digest-routes.ts';
import type { DiscussionDeps } from './discussion-deps.ts';
import { registerListingRoutes } from './listing-routes.tsx';
import { PageCache } from './page-cache.ts';
import { ErrorPage } from './pages/error-page.tsx';
import { registerPaperRoutes } from './paper-routes.tsx';
import { renderPage } from './render.ts';
import { registerSearchRoutes } from './search-routes.tsx';
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
  /** Comments and claimed authorship on paper pages (src/community/comments.ts, claims.ts). */
  readonly discussion: DiscussionDeps;
  /** Subscribing and digests (src/subscriptions, src/digest). */
  readonly digest: DigestWebDeps;
  /** Keyword, meaning and hybrid search (src/search); `meaning` says whether the page offers all three. */
  readonly search: {
    readonly service: SearchService;
    readonly meaning: () => boolean;
    /** Key phrases, summary and related papers for the paper page. */
    readonly extras?: (paperId: string) => Promise<PaperExtras>;
  };
  /** Members' API tokens, made and revoked on their profile page (src/accounts/api-tokens.ts). */
  readonly apiTokens: ApiTokenStore;
}

/** The server-rendered pages; each works without JavaScript. */
export function registerPages(app: FastifyInstance, deps: WebDeps): void {
  const cache = deps.pageCache ?? new PageCache({ ttlMs: DEFAULT_PAGE_CACHE_MS });
  registerListingRoutes(app, { listings: deps.listings, publicUrl: deps.publicUrl, cache });
  const { community, discussion, publicUrl } = deps;
  // Before the paper routes: /papers/trending is more specific than /papers/*.
  registerTrendingRoutes(app, { ...community, publicUrl });
  registerPaperRoutes(app, {
    papers: deps.papers,
    publicUrl,
    ...(deps.search.extras ? { extras: deps.search.extras } : {}),
    community: async (request, reply, paperId) => {
      const member = await community.current.of(request);
      const [upvoted, trending, comments, claims] = await Promise.all([
        member ? community.upvotes.hasUpvoted(member.id, paperId) : false,
        community.trending.forPaper(paperId, new Date()),
        discussion.comments.thread(paperId, member),
        discussion.claims.forPaper(paperId),
      ]);
      const csrf = csrfToken(request, reply, publicUrl);
      const editor = isEditor(member);
      const commentMaxChars = discussion.commentMaxChars;
      return { member, upvoted, csrf, editor, trending, comments, claims, commentMaxChars };
    },
  });
  registerSearchRoutes(app, { search: deps.search.service, meaning: deps.search.meaning });
  registerAccountRoutes(app, { ...community, publicUrl, apiTokens: deps.apiTokens });
  registerCommunityRoutes(app, { ...community, publicUrl, cache });
  registerCommentRoutes(app, { ...discussion, current: community.current, publicUrl });
  registerClaimRoutes(app, { ...discussion, current: community.current, publicUrl });
  registerDigestPages(app, { ...deps.digest, publicUrl, current: community.current });
  registerAdminOutboxRoutes(app, { outboxDir: deps.digest.outboxDir, current: community.current });
}

/** The HTML page of an error (the error handler in src/http picks the status and message). */
export function renderErrorPage(error: { status: number; message: string }): string {
  return renderPage(<ErrorPage status={error.status} message={error.message} />);
}
