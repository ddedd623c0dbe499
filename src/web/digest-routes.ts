import type { FastifyInstance } from 'fastify';
import type { DigestPageDeps } from './digest-deps.ts';
import { registerManageRoutes } from './manage-routes.tsx';
import { sendHtml } from './reply.ts';
import { registerSubscribeRoutes } from './subscribe-routes.tsx';

/**
 * A digest email's HTML has inline styles and nothing else active, so its web copy gets a policy that
 * allows exactly that: no scripts, no remote content.
 */
const DIGEST_PAGE_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'";

/** Subscribing, managing a subscription, and a subscriber's digest on the web. */
export function registerDigestPages(app: FastifyInstance, deps: DigestPageDeps): void {
  registerSubscribeRoutes(app, deps);
  registerManageRoutes(app, deps);
  app.get<{ Params: { period: string }; Querystring: { token?: string } }>(
    '/digests/:period',
    async (request, reply) => {
      const html = await deps.digests.webDigest(request.query.token ?? '', request.params.period);
      reply.header('content-security-policy', DIGEST_PAGE_POLICY).header('referrer-policy', 'no-referrer');
      reply.header('x-robots-tag', 'noindex');
      return sendHtml(reply, html);
    },
  );
}
