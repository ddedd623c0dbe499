import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RenderedPage } from './page-cache.ts';

const HTML = 'text/html; charset=utf-8';

/** Sends a page; `no-cache` lets browsers keep it but makes them ask again each time. */
export function sendHtml(reply: FastifyReply, html: string, status = 200): FastifyReply {
  return reply.status(status).type(HTML).header('cache-control', 'no-cache').send(html);
}

/** Sends a rendered page with its entity tag, or 304 when the browser already has this version. */
export function sendRendered(request: FastifyRequest, reply: FastifyReply, page: RenderedPage): FastifyReply {
  reply.type(HTML).header('cache-control', 'no-cache').header('etag', page.etag);
  if (request.headers['if-none-match'] === page.etag) return reply.status(304).send();
  return reply.send(page.body);
}
