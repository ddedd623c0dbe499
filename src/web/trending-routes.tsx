import type { FastifyInstance } from 'fastify';
import { BadRequestError } from '../domain/errors.ts';
import type { TrendingWindow } from '../domain/trending.ts';
import { alternateLinks } from '../feeds/alternate-links.ts';
import type { ListingStore } from '../listings/listing-store.ts';
import type { TrendingStore } from '../trending/trending-store.ts';
import { TrendingPage } from './pages/trending-page.tsx';
import { renderPage } from './render.ts';
import { sendHtml } from './reply.ts';

const WINDOWS = new Set<string>(['day', 'week', 'month']);

/**
 * `/papers/trending?window=day|week|month`. The window ends now, or at the end of the latest listing
 * day when that is earlier (a store that has not been fed lately still shows its last trending papers).
 */
export function registerTrendingRoutes(
  app: FastifyInstance,
  deps: { trending: TrendingStore; listings: ListingStore; publicUrl: string },
): void {
  app.get<{ Querystring: { window?: string } }>('/papers/trending', async (request, reply) => {
    const window = request.query.window ?? 'week';
    if (!WINDOWS.has(window)) throw new BadRequestError('window must be day, week or month');
    const now = new Date();
    const latest = await deps.listings.latestDayOnOrBefore();
    const end = latest ? new Date(Date.parse(`${latest}T00:00:00Z`) + 86_400_000) : now;
    const at = end < now ? end : now;
    const items = await deps.trending.ranked(window as TrendingWindow, at);
    const alternates = alternateLinks(`/papers/trending?window=${window}`, deps.publicUrl, 'Trending papers');
    return sendHtml(
      reply,
      renderPage(<TrendingPage window={window as TrendingWindow} items={items} alternates={alternates} />),
    );
  });
}
