import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { ContentCoding } from './accept-encoding.ts';

/**
 * A rendered page ready to send: the encoded body and its entity tag, and the same page compressed.
 * Each coding has its own entity tag (`"…-br"`, `"…-gzip"`), so no cache takes one for another.
 */
export interface RenderedPage {
  readonly body: Buffer;
  readonly etag: string;
  /** The entity tag of the page in `coding`; known without compressing anything. */
  etagFor(coding: ContentCoding): string;
  /** The page's bytes in `coding`, compressed off the event loop the first time they are asked for. */
  bodyFor(coding: ContentCoding): Promise<Buffer>;
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
 *
 * A page is compressed at most once per render and coding, when a request first asks for that
 * coding, and kept with the page: a browser's request for `/papers` costs no compression.
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

const brotliCompress = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * How each coding is made, in the libuv thread pool. Measured on bench/'s 388 KB `/papers` page:
 * brotli quality 5 makes 46.7 KB in 3.4 ms (quality 4: 49.1 KB in 2.0 ms; 6: 46.0 KB in 3.6 ms;
 * 7: 45.7 KB in 7 ms; 11: 38.7 KB in 200 ms), gzip level 6 makes 85 KB in 4.5 ms (level 9: 84.5 KB
 * in 6 ms). A cached page is sent hundreds of times per compression, so its bytes count most; an
 * uncached page (an archive day) is compressed for the request that rendered it, so the time counts too.
 */
const COMPRESS: Record<Exclude<ContentCoding, 'identity'>, (body: Buffer) => Promise<Buffer>> = {
  br: (body) =>
    brotliCompress(body, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 5,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
  gzip: (body) => gzip(body, { level: 6 }),
};

export function encodePage(html: string): RenderedPage {
  const body = Buffer.from(html, 'utf8');
  const tag = createHash('sha1').update(body).digest('base64url');
  const compressed = new Map<ContentCoding, Promise<Buffer>>();
  return {
    body,
    etag: `"${tag}"`,
    etagFor: (coding) => (coding === 'identity' ? `"${tag}"` : `"${tag}-${coding}"`),
    bodyFor(coding) {
      if (coding === 'identity') return Promise.resolve(body);
      let bytes = compressed.get(coding);
      if (bytes === undefined) {
        bytes = COMPRESS[coding](body);
        compressed.set(coding, bytes);
        // A failed compression is not kept: the next request tries again.
        bytes.catch(() => compressed.delete(coding));
      }
      return bytes;
    },
  };
}
