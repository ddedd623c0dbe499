import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenError } from '../domain/errors.ts';

/**
 * CSRF protection for every state-changing request: an Origin (or Referer) check against the site's own
 * origin, plus a double-submit token — a random cookie whose value every form carries in `_csrf` (or a
 * script in the `x-csrf-token` header). Routes that authenticate otherwise (bearer tokens, RFC 8058
 * one-click unsubscribe from a mail client) opt out with `config: { csrf: false }`.
 */
export const CSRF_COOKIE = 'pp_csrf';
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** 32 random bytes, base64url: anything else in the cookie was not set by us. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * false: the route does not use cookies to authenticate (bearer tokens, one-click unsubscribe), so it
     * needs no CSRF check. 'origin': only the Origin check — for anonymous forms on pages shared through
     * the page cache (e.g. the subscribe banner), which cannot carry a per-browser token.
     */
    csrf?: boolean | 'origin';
  }
}

export interface CsrfOptions {
  readonly publicUrl: string;
}

/** The token for this browser, set as a cookie when it has none; put it in every form as `_csrf`. */
export function csrfToken(request: FastifyRequest, reply: FastifyReply, publicUrl: string): string {
  const existing = request.cookies[CSRF_COOKIE];
  if (existing && TOKEN.test(existing)) return existing;
  const token = randomBytes(32).toString('base64url');
  reply.setCookie(CSRF_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: publicUrl.startsWith('https://'),
  });
  // A later csrfToken() call in the same request must give the same token.
  request.cookies[CSRF_COOKIE] = token;
  return token;
}

/** Registers the check; @fastify/cookie must be registered first. */
export function registerCsrfProtection(app: FastifyInstance, options: CsrfOptions): void {
  const ownOrigin = new URL(options.publicUrl).origin;
  app.addHook('preHandler', async (request) => {
    if (!UNSAFE_METHODS.has(request.method)) return;
    // Nothing lives there: the not-found answer is what the request gets, whoever sent it.
    if (request.is404) return;
    const mode = request.routeOptions.config.csrf;
    if (mode === false) return;
    checkOrigin(request, ownOrigin);
    if (mode === 'origin') return;
    const cookie = request.cookies[CSRF_COOKIE];
    const body = request.body as Record<string, unknown> | undefined;
    const sent =
      request.headers[CSRF_HEADER] ?? (typeof body?.[CSRF_FIELD] === 'string' ? body[CSRF_FIELD] : undefined);
    if (!cookie || !TOKEN.test(cookie) || typeof sent !== 'string' || !sameToken(cookie, sent)) {
      throw new ForbiddenError(
        'This form has expired or did not come from this site. Reload the page and try again.',
      );
    }
  });
}

function checkOrigin(request: FastifyRequest, ownOrigin: string): void {
  const origin = request.headers.origin ?? refererOrigin(request.headers.referer);
  // Browsers send Origin on every cross-site POST; a request with neither header is not from a browser form.
  if (origin === undefined) return;
  const requestOrigin = `${request.protocol}://${request.host}`;
  if (origin !== ownOrigin && origin !== requestOrigin) {
    throw new ForbiddenError(`Requests from ${origin} may not change anything here.`);
  }
}

function refererOrigin(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return 'null';
  }
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
