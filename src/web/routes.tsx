import type { FastifyInstance, FastifyReply } from 'fastify';
import { BadRequestError } from '../domain/errors.ts';
import { type Period, parseDay, parseMonth, parseWeek } from '../domain/period.ts';
import { type ListingService, periodPath } from '../listings/listing-service.ts';
import type { PaperService } from '../papers/paper-service.ts';
import { ListingPageView } from './pages/listing-page.tsx';
import { MessagePage } from './pages/message-page.tsx';
import { PaperPageView } from './pages/paper-page.tsx';
import { renderPage } from './render.ts';

export interface WebDeps {
  readonly listings: ListingService;
  readonly papers: PaperService;
  readonly publicUrl: string;
}

/** The server-rendered pages; each works without JavaScript. */
export function registerPages(app: FastifyInstance, deps: WebDeps): void {
  const html = (reply: FastifyReply, body: string) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(body);

  const showListing = async (reply: FastifyReply, period: Period | null, text: string, what: string) => {
    if (!period) throw new BadRequestError(`"${text}" is not a ${what}`);
    const page = await deps.listings.page(period);
    return html(
      reply,
      renderPage(<ListingPageView page={page} canonical={deps.publicUrl + periodPath(period)} />),
    );
  };

  const latest = async (_request: unknown, reply: FastifyReply) => {
    const day = await deps.listings.latestDay();
    if (!day) {
      return html(
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
    }
    return showListing(reply, parseDay(day), day, 'day');
  };
  app.get('/', latest);
  app.get('/papers', latest);

  app.get<{ Params: { day: string } }>('/papers/date/:day', (req, reply) =>
    showListing(reply, parseDay(req.params.day), req.params.day, 'date (YYYY-MM-DD)'),
  );
  app.get<{ Params: { week: string } }>('/papers/week/:week', (req, reply) =>
    showListing(reply, parseWeek(req.params.week), req.params.week, 'week (YYYY-Www, e.g. 2025-W11)'),
  );
  app.get<{ Params: { month: string } }>('/papers/month/:month', (req, reply) =>
    showListing(reply, parseMonth(req.params.month), req.params.month, 'month (YYYY-MM)'),
  );

  const paperPage = async (input: string, reply: FastifyReply) => {
    const found = await deps.papers.lookup(input);
    if (found.kind === 'redirect') return reply.redirect(`/papers/${found.id}`, 301);
    const canonical = `${deps.publicUrl}/papers/${found.details.paper.id}`;
    return html(reply, renderPage(<PaperPageView details={found.details} canonical={canonical} />));
  };
  app.get<{ Params: { '*': string } }>('/papers/*', (req, reply) => paperPage(req.params['*'], reply));
  app.get<{ Params: { '*': string } }>('/abs/*', (req, reply) => paperPage(req.params['*'], reply));

  app.get('/subscribe', (_req, reply) =>
    html(
      reply,
      renderPage(
        <MessagePage title="Email digests">
          <p>
            Email digests are not switched on for this server yet. Every listing will also be offered as a
            feed.
          </p>
          <p>
            <a href="/">Back to today's papers</a>
          </p>
        </MessagePage>,
      ),
    ),
  );
}

export function renderErrorPage(error: { status: number; message: string }): string {
  const title =
    error.status === 404
      ? 'Not found'
      : error.status === 400
        ? 'That address is not right'
        : 'Something went wrong';
  return renderPage(
    <MessagePage title={title}>
      <p>{error.message}</p>
      <p>
        <a href="/">Go to today's papers</a>
      </p>
    </MessagePage>,
  );
}
