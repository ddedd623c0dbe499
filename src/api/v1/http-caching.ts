/**
 * Conditional GETs for `/api/v1` reads: an ETag computed from the response body, `Cache-Control:
 * public, max-age=60`, and 304 Not Modified when the client's If-None-Match already names that body.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { matchesIfNoneMatch } from '../../http/if-none-match.ts';

export const CACHE_CONTROL = 'public, max-age=60';

/**
 * The first 128 bits of the body's SHA-256, base64url, as a weak validator: the server's compression
 * (src/http/server.ts) encodes the body after this tag is made, and a strong tag would then name the
 * brotli, gzip and plain bytes alike. A weak one says what is true of them: the same content.
 */
export function etagOf(body: string | Buffer): string {
  return `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
}

/** An onSend hook: tags successful GET and HEAD answers and turns a matching revalidation into a 304. */
export async function conditionalGet(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
): Promise<unknown> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return payload;
  if (reply.statusCode !== 200) return payload;
  if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
  const etag = etagOf(payload);
  reply.header('etag', etag);
  reply.header('cache-control', CACHE_CONTROL);
  if (!matchesIfNoneMatch(request.headers['if-none-match'], etag)) return payload;
  reply.code(304);
  reply.removeHeader('content-type');
  reply.removeHeader('content-length');
  return null;
}
