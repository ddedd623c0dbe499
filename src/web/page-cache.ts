import { createHash } from 'node:crypto';

/** A rendered page ready to send: the encoded body and its entity tag. */
export interface RenderedPage {
  readonly body: Buffer;
  readonly etag: string;
}

export interface PageCacheOptions {
  /** How long a rendered page is served before it is rendered again; 0 renders every request. */
  readonly ttlMs: number;
  /** Most pages kept; the oldest go first. Bounds memory however many periods are asked for. */
  readonly maxEntries?: number;
  readonly now?: () => number;
}

interface Entry {
  readonly page: Promise<RenderedPage>;
  readonly expires: number;
}

/**
 * Keeps rendered listing pages for a moment (micro-caching): under load, one render serves every
 * request for the same page within `ttlMs`, and concurrent requests share one render. A reader sees a
 * change at most `ttlMs` late; writers that must be seen at once call `invalidate()`.
 */
export class PageCache {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: PageCacheOptions) {
    this.ttlMs = options.ttlMs;
    this.maxEntries = options.maxEntries ?? 256;
    this.now = options.now ?? Date.now;
  }

  /** The page under `key`, rendered by `render` when it is missing or stale. */
  get(key: string, render: () => Promise<string>): Promise<RenderedPage> {
    if (this.ttlMs <= 0) return render().then(encodePage);
    const now = this.now();
    const cached = this.entries.get(key);
    if (cached && cached.expires > now) return cached.page;
    const page = render().then(encodePage);
    this.entries.delete(key);
    this.entries.set(key, { page, expires: now + this.ttlMs });
    page.catch(() => {
      if (this.entries.get(key)?.page === page) this.entries.delete(key);
    });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return page;
  }

  /** Forgets every page, so the next request renders fresh data. */
  invalidate(): void {
    this.entries.clear();
  }
}

export function encodePage(html: string): RenderedPage {
  const body = Buffer.from(html, 'utf8');
  return { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
}
