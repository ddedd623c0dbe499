/**
 * Rate limits on the APIs (@fastify/rate-limit): every request counts against its IP address; each write
 * also counts against its API token once the token is known to be valid (so made-up tokens cannot buy
 * a fresh budget). Counts live in memory, or in Redis when REDIS_URL is set, shared by every web node.
 * Over the limit: 429 with Retry-After.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { RateLimitedError } from '../domain/errors.ts';
import { type TokenLimiter, tokenKey } from './bearer-auth.ts';

export interface ApiRateLimits {
  /** Requests one IP address may make to the APIs per minute. */
  readonly perIpPerMinute: number;
  /** Writes one API token may make per minute. */
  readonly perTokenPerMinute: number;
  /** Shared counts between web nodes; null keeps them in this process. */
  readonly redis: Redis | null;
}

const MINUTE_MS = 60_000;

/** Limits every route registered in `scope` afterwards; returns the per-token limiter for writes. */
export async function registerApiRateLimit(
  scope: FastifyInstance,
  limits: ApiRateLimits,
): Promise<TokenLimiter> {
  await scope.register(rateLimit, {
    global: true,
    max: limits.perIpPerMinute,
    timeWindow: MINUTE_MS,
    keyGenerator: (request: FastifyRequest) => `ip:${request.ip}`,
    nameSpace: 'paperpulse-api-',
    ...(limits.redis ? { redis: limits.redis } : {}),
    // A Redis outage must not take the API down: requests then go unlimited (and are logged by ioredis).
    skipOnError: true,
    errorResponseBuilder: (_request, context) =>
      new RateLimitedError(
        `Too many requests from your address: at most ${context.max} a minute. Try again in ${context.after}.`,
        Math.max(1, Math.ceil(context.ttl / 1000)),
      ),
  });
  const check = scope.createRateLimit({
    max: limits.perTokenPerMinute,
    timeWindow: MINUTE_MS,
    keyGenerator: tokenKey,
    skipOnError: true,
  });
  return async (request) => {
    const result = await check(request);
    if (result.isAllowed || !result.isExceeded) return null;
    return { retryAfterSeconds: Math.max(1, Math.ceil(result.ttl / 1000)), max: result.max };
  };
}
