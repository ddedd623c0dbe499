/** Typed errors with stable codes; src/http/errors.ts maps them to HTTP statuses in one place. */
export type ErrorCode =
  | 'bad_request'
  | 'not_found'
  | 'forbidden'
  | 'unauthorized'
  | 'conflict'
  | 'config'
  | 'schema'
  | 'source'
  | 'parse'
  | 'rate_limited'
  | 'internal';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class BadRequestError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('bad_request', message, options);
  }
}

export class NotFoundError extends AppError {
  constructor(message: string) {
    super('not_found', message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message: string) {
    super('forbidden', message);
  }
}

export class ConfigError extends AppError {
  constructor(message: string) {
    super('config', message);
  }
}

export class SchemaError extends AppError {
  constructor(message: string) {
    super('schema', message);
  }
}

/** A source (URL or file) answered with something we cannot use; `where` names the URL or file:line. */
export class SourceError extends AppError {
  constructor(
    readonly where: string,
    message: string,
    options?: { cause?: unknown; retryAfterMs?: number; status?: number },
  ) {
    super('source', `${where}: ${message}`, options);
    this.status = options?.status;
  }
  readonly status: number | undefined;
}

/** The request needs a signed-in member. */
export class UnauthorizedError extends AppError {
  constructor(message: string) {
    super('unauthorized', message);
  }
}

/** The request clashes with what is stored (a paper already on a listing, a username taken). */
export class ConflictError extends AppError {
  constructor(message: string) {
    super('conflict', message);
  }
}

/** Too many requests; the client may try again after `retryAfterSeconds` (sent as Retry-After). */
export class RateLimitedError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('rate_limited', message);
  }
}
