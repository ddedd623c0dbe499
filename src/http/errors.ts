import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode, RateLimitedError } from '../domain/errors.ts';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  not_found: 404,
  forbidden: 403,
  unauthorized: 401,
  conflict: 409,
  rate_limited: 429,
  config: 500,
  schema: 500,
  source: 502,
  parse: 400,
  internal: 500,
};

export interface HttpError {
  readonly status: number;
  readonly code: ErrorCode | string;
  readonly message: string;
}

/** The one mapping from errors to HTTP: typed errors keep their code; anything else is a 500 that says little. */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof AppError)
    return { status: STATUS[error.code], code: error.code, message: error.message };
  const fastifyError = error as Partial<FastifyError>;
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode < 500) {
    const code =
      fastifyError.statusCode === 404
        ? 'not_found'
        : fastifyError.statusCode === 429
          ? 'rate_limited'
          : 'bad_request';
    return { status: fastifyError.statusCode, code, message: fastifyError.message ?? 'bad request' };
  }
  return { status: 500, code: 'internal', message: 'Something went wrong on our side; it has been logged.' };
}

export type HtmlErrorRenderer = (error: HttpError) => string;

/** Pages answer errors as pages; API routes as `{ "error": { "code", "message" } }`. */
export function errorHandler(renderHtml: HtmlErrorRenderer) {
  return (error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const http = toHttpError(error);
    if (http.status >= 500) request.log.error({ err: error }, 'request failed');
    reply.status(http.status);
    if (error instanceof RateLimitedError) reply.header('retry-after', String(error.retryAfterSeconds));
    if (request.url.startsWith('/api/'))
      return reply.send({ error: { code: http.code, message: http.message } });
    return reply.type('text/html; charset=utf-8').send(renderHtml(http));
  };
}
