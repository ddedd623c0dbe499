import type { FastifyInstance } from 'fastify';
import { MessagePage } from './pages/message-page.tsx';
import { renderPage } from './render.ts';
import { sendHtml } from './reply.ts';

/**
 * Where the banner's Subscribe form goes until email digests are built: it says so, and keeps nothing
 * (the address is not stored or logged). The digest feature replaces these routes.
 */
export function registerSubscribeRoutes(app: FastifyInstance): void {
  const notYet = () =>
    renderPage(
      <MessagePage title="Email digests are coming">
        <p>
          Email digests are not switched on for this server yet, so your address was not saved. Please try
          again later.
        </p>
        <p>
          <a class="button" href="/">
            Back to the latest papers
          </a>
        </p>
      </MessagePage>,
    );
  app.get('/subscribe', (_request, reply) => sendHtml(reply, notYet()));
  app.post('/subscribe', { config: { csrf: 'origin' } }, (_request, reply) => sendHtml(reply, notYet()));
}
