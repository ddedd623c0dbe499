/** What the listing benchmark asks its server process, and what the server answers. */

export type ServerRequest =
  | {
      readonly kind: 'start';
      /** A JSONL file of papers, each with the listing it goes on. */
      readonly papers: string;
      readonly dbFile: string;
      /** Where the server writes the static copy of `/papers` it serves as the ceiling. */
      readonly staticDir: string;
    }
  | { readonly kind: 'cpu' };

export type ServerReply =
  | {
      readonly kind: 'ready';
      readonly port: number;
      readonly listed: number;
      /** Bytes of the `/papers` body, and so of the static file beside it. */
      readonly pageBytes: number;
      /** Bytes of the `/papers` body as the app sends it brotli- and gzip-compressed (and its static siblings). */
      readonly brBytes: number;
      readonly gzipBytes: number;
    }
  | {
      readonly kind: 'cpu';
      /** Microseconds of CPU the server process has used, and when that was read (ms, monotonic). */
      readonly cpuMicros: number;
      readonly at: number;
    };

/**
 * The listing page, and the ceiling routes the bench server adds beside the app's (the same bytes, and
 * the same compressed bytes to a request that accepts them).
 */
export const LISTING_PATH = '/papers';
export const STATIC_FILE_PATH = '/bench-static/listing.html';
export const STATIC_MEMORY_PATH = '/bench-memory';

/** The Accept-Encoding every browser sends. */
export const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br';
