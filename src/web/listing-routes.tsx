import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BadRequestError } from '../domain/errors.ts';
import {
  type Period,
  parseDay,
  parseMonth,
  parseWeek,
  periodContaining,
  periodRange,
} from '../domain/period.ts';
import { type ListingService, periodPath } from '../listings/listing-service.ts';
import type { PageCache } from './page-cache.ts';
import { ListingPageView } from './pages/listing-page.tsx';
import { MessagePage } from './pages/message-page.tsx';
import { renderPage } from './render.ts';
import { sendHtml, sendRendered } from './reply.ts';

export interface ListingRouteDeps {
  readonly listings: ListingService;
  readonly publicUrl: string;
  readonly cache: PageCache;
}

/** How each kind of period is written in an address, for the 400 page of a malformed one. */
const PERIOD_FORMATS = {
  day: { parse: parseDay, noun: 'a date', format: 'Dates are written YYYY-MM-DD, for example 2025-03-14.' },
  week: {
    parse: parseWeek,
    noun: 'a week',
    format: 'Weeks are written YYYY-Www (ISO 8601 weeks), for example 2025-W11.',
  },
  month: { parse: parseMonth, noun: 'a month', format: 'Months are written YYYY-MM, for example 2025-03.' },
} as const;

/**
 * `/` and `/papers` (the latest day), and the day, week and month listings.
 *
 * A period that starts after the latest day with papers — a future one, or today before anything is
 * listed — redirects (302) to the latest period of the same kind that has papers, as Hugging Face does
 * and scrapers such as RSSHub rely on. A past period without papers keeps its own page, which says so
 * and links to the nearest period that has them.
 */
export function registerListingRoutes(app: FastifyInstance, deps: ListingRouteDeps): void {
  const show = async (request: FastifyRequest, reply: FastifyReply, period: Period) => {
    const path = periodPath(period);
    const page = await deps.cache.get(path, async () => {
      const listing = await deps.listings.page(period);
      return renderPage(
        <ListingPageView
          page={listing}
          described={await deps.listings.described(listing)}
          canonical={deps.publicUrl + path}
          publicUrl={deps.publicUrl}
        />,
      );
    });
    return sendRendered(request, reply, page);
  };

  const latest = async (request: FastifyRequest, reply: FastifyReply) => {
    const day = await deps.listings.latestDay();
    if (day) return show(request, reply, { kind: 'day', day });
    return sendHtml(
      reply,
      renderPage(
        <MessagePage title="No papers yet">
          <p>
            This Paperpulse has no listings yet. Import papers with <code>paperpulse ingest FILE</code>, or
            start it with the demo data.
          </p>
        </MessagePage>,
      ),
    );
  };
  // The page cache sends these pages compressed itself (sendRendered): the server's compression stays out.
  const own = { compress: false } as const;
  app.get('/', own, latest);
  app.get('/papers', own, latest);

  for (const kind of ['day', 'week', 'month'] as const) {
    const { parse, noun, format } = PERIOD_FORMATS[kind];
    const prefix = kind === 'day' ? 'date' : kind;
    app.get<{ Params: { period: string } }>(`/papers/${prefix}/:period`, own, async (request, reply) => {
      const period = parse(request.params.period);
      if (!period) throw new BadRequestError(`“${shorten(request.params.period)}” is not ${noun}. ${format}`);
      const latest = await deps.listings.latestDay();
      if (latest !== null && periodRange(period).from > latest)
        return reply.redirect(periodPath(periodContaining(kind, latest)), 302);
      return show(request, reply, period);
    });
  }
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
