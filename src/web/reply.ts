import type { FastifyReply, FastifyRequest } from 'fastify';
import { matchesIfNoneMatch } from '../http/if-none-match.ts';
import { type ContentCoding, negotiateEncoding } from './accept-encoding.ts';
import type { RenderedPage } from './page-cache.ts';

const HTML = 'text/html; charset=utf-8';

/** The codings a rendered page is sent in, best first. */
const PAGE_CODINGS: readonly ContentCoding[] = ['br', 'gzip', 'identity'];

/** Sends a page; `no-cache` lets browsers keep it but makes them ask again each time. */
export function sendHtml(reply: FastifyReply, html: string, status = 200): FastifyReply {
  return reply.status(status).type(HTML).header('cache-control', 'no-cache').send(html);
}

/**
 * Sends a rendered page in the best coding the request's Accept-Encoding allows (brotli, gzip, or as
 * it is), with that coding's entity tag, or 304 when the browser already has this version in it. The
 * one place a cached page is sent; its routes opt out of the server's own compression.
 */
export async function sendRendered(
  request: FastifyRequest,
  reply: FastifyReply,
  page: RenderedPage,
): Promise<FastifyReply> {
  reply.type(HTML).header('cache-control', 'no-cache').header('vary', 'Accept-Encoding');
  const coding = negotiateEncoding(request.headers['accept-encoding'], PAGE_CODINGS);
  if (coding === null) {
    throw Object.assign(
      new Error('This page is sent as br, gzip or uncompressed, and the request accepts none of them.'),
      { statusCode: 406 },
    );
  }
  const etag = page.etagFor(coding);
  reply.header('etag', etag);
  if (matchesIfNoneMatch(request.headers['if-none-match'], etag)) return reply.status(304).send();
  const body = await page.bodyFor(coding);
  if (coding !== 'identity') reply.header('content-encoding', coding);
  return reply.send(body);
}
