import type { FastifyInstance, FastifyReply } from 'fastify';
import { single } from '../api/daily-papers-query.ts';
import type { PaperReader } from '../api/ports.ts';
import { BadRequestError } from '../domain/errors.ts';
import { type Period, parseDay, parseMonth, parseWeek } from '../domain/period.ts';
import type { TrendingWindow } from '../domain/trending.ts';
import { bibtexEntries } from './bibtex.ts';
import type { CommunityFeeds } from './community-feeds.ts';
import type { FeedDocument } from './feed-document.ts';
import { FEED_FORMATS, type FeedFormat } from './feed-formats.ts';
import type { FeedService } from './feed-service.ts';
import { categoriesOpml } from './opml.ts';

export interface FeedRouteDeps {
  readonly feeds: FeedService;
  /** Trending and members' submissions. */
  readonly communityFeeds: CommunityFeeds;
  readonly papers: PaperReader;
  readonly publicUrl: string;
  readonly siteName: string;
}

const PERIODS = [
  { prefix: 'date', parse: parseDay, format: 'YYYY-MM-DD' },
  { prefix: 'week', parse: parseWeek, format: 'YYYY-Www' },
  { prefix: 'month', parse: parseMonth, format: 'YYYY-MM' },
] as const;
const CATEGORY = /^[a-z][a-z-]*(?:\.[A-Za-z][A-Za-z-]*)?$/;
const WINDOWS: readonly TrendingWindow[] = ['day', 'week', 'month'];
const isWindow = (text: string): text is TrendingWindow => (WINDOWS as readonly string[]).includes(text);
const CACHE = 'public, max-age=300';
const BIBTEX = 'application/x-bibtex; charset=utf-8';

/**
 * Feeds, each as RSS 2.0 (`feed.xml`), Atom 1.0 (`feed.atom`) and JSON Feed 1.1 (`feed.json`):
 * - `/papers/feed.*` the daily listing (the week up to the latest day);
 * - `/papers/date/{YYYY-MM-DD}/feed.*`, `/papers/week/{YYYY-Www}/feed.*`, `/papers/month/{YYYY-MM}/feed.*`;
 * - `/category/{category}/feed.*` the newest papers of an arXiv category, and `/categories.opml`;
 * - `/search/feed.*?q=…` a search;
 * - `/papers/trending/feed.*?window=day|week|month` trending papers (default week);
 * - `/members/{username}/feed.*` a member's submissions.
 * BibTeX of a listing or search: `/papers/papers.bib`, `/papers/{date|week|month}/{period}/papers.bib`,
 * `/search/papers.bib?q=…`.
 */
export function registerFeedRoutes(app: FastifyInstance, deps: FeedRouteDeps): void {
  for (const format of Object.keys(FEED_FORMATS) as FeedFormat[]) {
    app.get(`/papers/feed.${format}`, async (_request, reply) =>
      sendFeed(reply, format, await deps.feeds.latestListing()),
    );
    for (const { prefix, parse, format: spelling } of PERIODS) {
      app.get<{ Params: { period: string } }>(
        `/papers/${prefix}/:period/feed.${format}`,
        async (request, reply) =>
          sendFeed(
            reply,
            format,
            await deps.feeds.periodListing(periodOf(request.params.period, parse, spelling)),
          ),
      );
    }
    app.get<{ Params: { category: string } }>(
      `/category/:category/feed.${format}`,
      async (request, reply) => {
        const { category } = request.params;
        if (!CATEGORY.test(category))
          throw new BadRequestError(`“${category.slice(0, 40)}” is not an arXiv category`);
        return sendFeed(reply, format, await deps.feeds.category(category));
      },
    );
    app.get(`/search/feed.${format}`, async (request, reply) =>
      sendFeed(reply, format, await deps.feeds.search(queryOf(request.query))),
    );
    app.get(`/papers/trending/feed.${format}`, async (request, reply) =>
      sendFeed(reply, format, await deps.communityFeeds.trending(windowOf(request.query))),
    );
    app.get<{ Params: { username: string } }>(`/members/:username/feed.${format}`, async (request, reply) =>
      sendFeed(reply, format, await deps.communityFeeds.memberSubmissions(request.params.username)),
    );
  }

  app.get('/categories.opml', async (_request, reply) =>
    reply
      .type('text/x-opml; charset=utf-8')
      .header('cache-control', CACHE)
      .send(categoriesOpml(await deps.papers.categoryCounts(), deps.publicUrl, deps.siteName)),
  );

  app.get('/papers/papers.bib', async (_request, reply) =>
    sendBibtex(reply, await deps.feeds.listingPapers(null)),
  );
  for (const { prefix, parse, format: spelling } of PERIODS) {
    app.get<{ Params: { period: string } }>(`/papers/${prefix}/:period/papers.bib`, async (request, reply) =>
      sendBibtex(reply, await deps.feeds.listingPapers(periodOf(request.params.period, parse, spelling))),
    );
  }
  app.get('/search/papers.bib', async (request, reply) =>
    sendBibtex(reply, await deps.feeds.searchPapers(queryOf(request.query))),
  );
}

function periodOf(text: string, parse: (text: string) => Period | null, spelling: string): Period {
  const period = parse(text);
  if (!period) throw new BadRequestError(`“${text.slice(0, 40)}” is not valid here: write it as ${spelling}`);
  return period;
}

function queryOf(query: unknown): string {
  const q = single((query ?? {}) as Record<string, unknown>, 'q')?.trim() ?? '';
  if (q === '') throw new BadRequestError('q is required: the words to search for');
  return q.slice(0, 500);
}

function windowOf(query: unknown): TrendingWindow {
  const window = single((query ?? {}) as Record<string, unknown>, 'window') ?? 'week';
  if (!isWindow(window)) throw new BadRequestError('window must be day, week or month');
  return window;
}

function sendFeed(reply: FastifyReply, format: FeedFormat, doc: FeedDocument) {
  const { type, write } = FEED_FORMATS[format];
  return reply.type(type).header('cache-control', CACHE).send(write(doc));
}

function sendBibtex(reply: FastifyReply, papers: Parameters<typeof bibtexEntries>[0]) {
  return reply.type(BIBTEX).header('cache-control', CACHE).send(bibtexEntries(papers));
}
