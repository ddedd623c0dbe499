/**
 * Who a write to the APIs comes from: the member whose API token is in `Authorization: Bearer …`
 * (made on their profile page, src/accounts/api-tokens.ts). Tokens are never logged: pino redacts the
 * header, and the rate limiter keys a token by its hash.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Member } from '../accounts/member.ts';
import { RateLimitedError, UnauthorizedError } from '../domain/errors.ts';

/** The port the APIs need from the token store. */
export interface BearerAuthenticator {
  memberFor(token: string, now: Date): Promise<Member | null>;
}

/** How many writes one token may make in a window; null when the request may go ahead. */
export type TokenLimiter = (
  request: FastifyRequest,
) => Promise<{ retryAfterSeconds: number; max: number } | null>;

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/** The token of an `Authorization: Bearer …` header, or null. */
export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  return BEARER.exec(header)?.[1] ?? null;
}

/** The rate-limit key of a request's token: its hash, never the token. */
export function tokenKey(request: FastifyRequest): string {
  const token = bearerToken(request) ?? '';
  return `token:${createHash('sha256').update(token).digest('base64url')}`;
}

export class ApiGuard {
  constructor(
    private readonly tokens: BearerAuthenticator,
    private readonly limiter: TokenLimiter,
  ) {}

  /** The token's member, or a 401 (with `WWW-Authenticate: Bearer`); then the per-token rate limit. */
  async member(request: FastifyRequest, reply: FastifyReply): Promise<Member> {
    const token = bearerToken(request);
    const member = token ? await this.tokens.memberFor(token, new Date()) : null;
    if (!member) {
      reply.header('www-authenticate', `Bearer realm="Paperpulse"${token ? ', error="invalid_token"' : ''}`);
      throw new UnauthorizedError(
        token
          ? 'This API token is not valid: it was revoked, or mistyped. Make a new one on your profile page.'
          : 'Writes need an API token: send it as "Authorization: Bearer <token>" (make one on your profile page).',
      );
    }
    const limited = await this.limiter(request);
    if (limited) {
      throw new RateLimitedError(
        `This API token made more than ${limited.max} writes in a minute. Try again in ${limited.retryAfterSeconds} seconds.`,
        limited.retryAfterSeconds,
      );
    }
    return member;
  }
}
