import { setTimeout as delay } from 'node:timers/promises';
import { SourceError } from '../domain/errors.ts';

export interface HttpResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
  /** The URL that answered, after redirects. */
  readonly url: string;
}

export interface PoliteHttpClientOptions {
  /** Least time between the starts of two requests (arXiv asks for 3 s). */
  readonly minIntervalMs: number;
  /** Retries after the first attempt; default 4. */
  readonly maxRetries?: number;
  /** How long one attempt may take, body included; default 30 s. */
  readonly timeoutMs?: number;
  readonly userAgent?: string;
  /** The first backoff when the server gives no Retry-After; it doubles on each retry. */
  readonly backoffMs?: number;
  /** The longest wait a server may ask for; a longer one fails the request. Default 5 minutes. */
  readonly maxWaitMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
  /** Told before each wait for a retry, so a CLI can say "arXiv asked us to wait 10 s". */
  readonly onWait?: (ms: number, reason: string) => void;
}

/** A non-2xx answer; the body is kept because some APIs explain the error in it. */
export class HttpStatusError extends SourceError {
  constructor(
    url: string,
    message: string,
    readonly response: HttpResponse,
    options?: { retryAfterMs?: number },
  ) {
    super(url, message, { status: response.status, ...options });
  }
}

const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);
const DEFAULT_USER_AGENT = 'Paperpulse/0.1 (self-hosted research paper reader)';
const EXCERPT_LENGTH = 200;

type Attempt =
  | { readonly ok: true; readonly response: HttpResponse }
  | {
      readonly ok: false;
      readonly retryable: boolean;
      /** What went wrong, as said in messages: "HTTP 503 Service Unavailable", "no answer within 30 s". */
      readonly reason: string;
      readonly retryAfterMs: number | null;
      readonly response: HttpResponse | null;
      readonly cause?: unknown;
    };

/**
 * An HTTP client that is polite to one host: one request in flight at a time, a minimum interval
 * between request starts, retries with exponential backoff that honour Retry-After.
 */
export class PoliteHttpClient {
  private readonly minIntervalMs: number;
  private readonly maxRetries: number;
  private readonly timeoutMs: number;
  private readonly userAgent: string;
  private readonly backoffMs: number;
  private readonly maxWaitMs: number;
  private readonly sleep: ((ms: number) => Promise<void>) | null;
  private readonly now: () => number;
  private readonly onWait: ((ms: number, reason: string) => void) | null;
  /** Settles when the request before the next one has finished (retries included). */
  private queue: Promise<void> = Promise.resolve();
  private lastStart = Number.NEGATIVE_INFINITY;

  constructor(options: PoliteHttpClientOptions) {
    this.minIntervalMs = options.minIntervalMs;
    this.maxRetries = options.maxRetries ?? 4;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
    this.backoffMs = options.backoffMs ?? Math.max(options.minIntervalMs, 1_000);
    this.maxWaitMs = options.maxWaitMs ?? 5 * 60_000;
    this.sleep = options.sleep ?? null;
    this.now = options.now ?? Date.now;
    this.onWait = options.onWait ?? null;
  }

  get(url: string, signal?: AbortSignal): Promise<HttpResponse> {
    const result = this.queue.then(() => this.getWithRetries(url, signal));
    this.queue = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  private async getWithRetries(url: string, signal: AbortSignal | undefined): Promise<HttpResponse> {
    const attempts = this.maxRetries + 1;
    for (let attempt = 1; ; attempt++) {
      signal?.throwIfAborted();
      await this.pause(this.lastStart + this.minIntervalMs - this.now(), signal);
      this.lastStart = this.now();
      const outcome = await this.attempt(url, signal);
      if (outcome.ok) return outcome.response;
      if (!outcome.retryable || attempt === attempts) {
        const tries = attempt > 1 ? ` (after ${attempt} attempts)` : '';
        throw this.failure(url, `${outcome.reason}${tries}`, outcome);
      }
      const waitMs = outcome.retryAfterMs ?? Math.min(this.backoffMs * 2 ** (attempt - 1), this.maxWaitMs);
      if (waitMs > this.maxWaitMs) {
        const asked = `the server asked us to wait ${seconds(waitMs)}, longer than the ${seconds(this.maxWaitMs)} we wait`;
        throw this.failure(url, `${outcome.reason}; ${asked}`, outcome);
      }
      const why =
        outcome.retryAfterMs === null
          ? `${outcome.reason}; retry ${attempt} of ${this.maxRetries}`
          : `${outcome.reason}; the server asked us to wait ${seconds(waitMs)}`;
      this.onWait?.(waitMs, why);
      await this.pause(waitMs, signal);
    }
  }

  private async attempt(url: string, signal: AbortSignal | undefined): Promise<Attempt> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    let response: HttpResponse;
    try {
      const answer = await fetch(url, {
        headers: { 'user-agent': this.userAgent },
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      const body = await answer.text();
      // fetch hands the connection back to its pool a turn of the event loop after the body ends;
      // waiting for that lets the next request reuse it instead of opening a second one.
      await new Promise((resolve) => setImmediate(resolve));
      response = { status: answer.status, headers: answer.headers, body, url: answer.url || url };
      if (answer.ok) return { ok: true, response };
      const reason = `HTTP ${answer.status}${answer.statusText ? ` ${answer.statusText}` : ''}`;
      return {
        ok: false,
        retryable: RETRYABLE_STATUSES.has(answer.status),
        reason,
        retryAfterMs: parseRetryAfter(answer.headers.get('retry-after'), this.now()),
        response,
      };
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      const reason = timeout.aborted
        ? `no answer within ${seconds(this.timeoutMs)}`
        : `network error: ${describeNetworkError(error)}`;
      return { ok: false, retryable: true, reason, retryAfterMs: null, response: null, cause: error };
    }
  }

  private failure(url: string, reason: string, outcome: Attempt & { ok: false }): SourceError {
    if (outcome.response === null) return new SourceError(url, reason, { cause: outcome.cause });
    const excerpt = bodyExcerpt(outcome.response.body);
    const message = excerpt === '' ? reason : `${reason}: ${excerpt}`;
    return new HttpStatusError(url, message, outcome.response, {
      ...(outcome.retryAfterMs === null ? {} : { retryAfterMs: outcome.retryAfterMs }),
    });
  }

  private async pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
    if (ms <= 0) return;
    if (this.sleep === null) return delay(ms, undefined, signal ? { signal } : {});
    if (!signal) return this.sleep(ms);
    signal.throwIfAborted();
    let stop = () => {};
    const aborted = new Promise<never>((_, reject) => {
      stop = () => reject(signal.reason);
      signal.addEventListener('abort', stop, { once: true });
    });
    try {
      await Promise.race([this.sleep(ms), aborted]);
    } finally {
      signal.removeEventListener('abort', stop);
    }
  }
}

/** A Retry-After header (delta-seconds or HTTP-date) as milliseconds from `now`, or null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** The start of a body as one line of text, tags dropped, so an HTML or XML error page reads as its words. */
function bodyExcerpt(body: string): string {
  const text = body
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH)}…` : text;
}

/** Node's fetch says only "fetch failed"; the cause says what failed (ECONNREFUSED, ENOTFOUND, …). */
function describeNetworkError(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}
