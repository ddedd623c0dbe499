import { RateLimitedError, SourceError } from '../domain/errors.ts';

/** What GitHub said about a repository's stars. */
export type StarAnswer =
  | { readonly kind: 'stars'; readonly stars: number; readonly etag: string | null }
  /** 304 to If-None-Match: nothing changed since the ETag we sent (and it cost no rate limit). */
  | { readonly kind: 'not-modified' }
  | { readonly kind: 'not-found' };

export interface RateLimitState {
  /** Requests left in the current window (X-RateLimit-Remaining), when GitHub said. */
  readonly remaining: number | null;
  /** When the window resets (X-RateLimit-Reset, epoch seconds), when GitHub said. */
  readonly resetAt: Date | null;
}

/** GitHub's rate limit is used up: nothing more until `resetAt`. */
export class GitHubRateLimitedError extends RateLimitedError {
  constructor(
    readonly resetAt: Date,
    now: Date,
  ) {
    const seconds = Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000));
    super(`GitHub's rate limit is used up; try again after ${resetAt.toISOString()}.`, seconds);
  }
}

export interface GitHubClientOptions {
  /** The REST API's base URL (GITHUB_API_URL), without a trailing slash. */
  readonly apiUrl: string;
  /** GITHUB_TOKEN; without it GitHub allows 60 requests an hour. */
  readonly token: string | null;
  readonly timeoutMs?: number;
  readonly now?: () => Date;
}

/**
 * The GitHub REST API adapter: `GET /repos/{owner}/{repo}` for `stargazers_count`, conditional on the
 * last ETag, reading the rate-limit headers of every answer (`lastRateLimit`). A used-up limit (403 or
 * 429 with X-RateLimit-Remaining: 0, or a Retry-After from the secondary limits) throws
 * GitHubRateLimitedError with the time to try again.
 */
export class GitHubClient {
  lastRateLimit: RateLimitState = { remaining: null, resetAt: null };
  private readonly now: () => Date;

  constructor(private readonly options: GitHubClientOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** `repo` is `owner/name`. */
  async repoStars(repo: string, etag: string | null): Promise<StarAnswer> {
    const url = `${this.options.apiUrl}/repos/${repo.split('/').map(encodeURIComponent).join('/')}`;
    const headers: Record<string, string> = {
      accept: 'application/vnd.github+json',
      'x-github-api-version': '2022-11-28',
      'user-agent': 'Paperpulse (stars refresh)',
    };
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    if (etag) headers['if-none-match'] = etag;
    let response: Response;
    try {
      response = await fetch(url, { headers, signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000) });
    } catch (error) {
      throw new SourceError(url, 'no answer from GitHub', { cause: error });
    }
    this.lastRateLimit = rateLimitOf(response.headers);
    if (response.status === 304) return { kind: 'not-modified' };
    if (response.status === 404 || response.status === 451) return { kind: 'not-found' };
    if (response.status === 403 || response.status === 429) this.throwIfRateLimited(response);
    if (!response.ok) {
      throw new SourceError(url, `GitHub answered ${response.status}: ${await messageOf(response)}`, {
        status: response.status,
      });
    }
    const body = (await response.json()) as { stargazers_count?: unknown };
    if (typeof body.stargazers_count !== 'number' || !Number.isInteger(body.stargazers_count)) {
      throw new SourceError(url, 'the answer has no stargazers_count');
    }
    return { kind: 'stars', stars: body.stargazers_count, etag: response.headers.get('etag') };
  }

  /** When the last answer used up the limit, the time it resets (while that is still ahead); else null. */
  exhausted(): Date | null {
    const { remaining, resetAt } = this.lastRateLimit;
    return remaining === 0 && resetAt !== null && resetAt > this.now() ? resetAt : null;
  }

  private throwIfRateLimited(response: Response): void {
    const now = this.now();
    const retryAfter = Number(response.headers.get('retry-after'));
    if (Number.isFinite(retryAfter) && retryAfter > 0) {
      throw new GitHubRateLimitedError(new Date(now.getTime() + retryAfter * 1000), now);
    }
    const { remaining, resetAt } = this.lastRateLimit;
    if (remaining === 0) throw new GitHubRateLimitedError(resetAt ?? new Date(now.getTime() + 60_000), now);
    // A 403 without rate-limit signs is a refusal (a private repository, a blocked token): not a stop.
  }
}

function rateLimitOf(headers: Headers): RateLimitState {
  const remaining = Number.parseInt(headers.get('x-ratelimit-remaining') ?? '', 10);
  const reset = Number.parseInt(headers.get('x-ratelimit-reset') ?? '', 10);
  return {
    remaining: Number.isFinite(remaining) ? remaining : null,
    resetAt: Number.isFinite(reset) ? new Date(reset * 1000) : null,
  };
}

async function messageOf(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { message?: unknown };
    return typeof body.message === 'string' ? body.message.slice(0, 200) : response.statusText;
  } catch {
    return response.statusText;
  }
}
