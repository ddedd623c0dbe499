/**
 * Listing benchmark: autocannon on `/papers` (a day of 50 papers) against the app's server in a child
 * process; on day listings from the archive asked in turn (so none is served from a page cache); and on the
 * bytes of `/papers` served statically by the same server, the ceiling. Each target twice: as autocannon
 * asks (no Accept-Encoding: the page as rendered), and with a browser's Accept-Encoding (brotli).
 */
import http from 'node:http';
import path from 'node:path';
import { Child } from './child.ts';
import { writeListingCorpus } from './listing-corpus.ts';
import {
  BROWSER_ACCEPT_ENCODING,
  LISTING_PATH,
  type ServerReply,
  type ServerRequest,
  STATIC_FILE_PATH,
  STATIC_MEMORY_PATH,
} from './listing-protocol.ts';
import { type LoadFigures, type LoadOptions, load } from './load.ts';

export const PAPERS_PER_DAY = 50;
const LATEST_DAY = '2025-03-14';
/**
 * Archive days asked in turn. Each is asked again only after all the others — seconds later at these
 * rates, and after more distinct pages than a page cache of a few hundred entries keeps.
 */
const MAX_ARCHIVE_DAYS = 2000;
/** Fewer archive days than this could be answered from a page cache: that target is then skipped. */
export const MIN_ARCHIVE_DAYS = 500;

export interface TargetFigures extends LoadFigures {
  /** The path asked, or a pattern for the archive days. */
  readonly path: string;
  /** CPU the server process used over the measured run and its warm-up, as a share of one core. */
  readonly serverCpu: number;
}

export interface ListingFigures extends TargetSet {
  readonly papersPerDay: number;
  readonly listed: number;
  readonly archiveDays: number;
  readonly pageBytes: number;
  readonly connections: number;
  readonly seconds: number;
  /** The same targets asked as a browser asks, and so answered compressed. */
  readonly compressed: CompressedFigures;
}

/** The four targets of one way of asking, and how `/papers` compares with its ceilings. */
export interface TargetSet {
  readonly listing: TargetFigures;
  /** Null when the corpus was too small for enough archive days. */
  readonly archive: TargetFigures | null;
  readonly staticFile: TargetFigures;
  readonly staticMemory: TargetFigures;
  /** `/papers`' request rate as a share of the static file's, and of the in-memory route's. */
  readonly ratioToStaticFile: number;
  readonly ratioToStaticMemory: number;
}

export interface CompressedFigures extends TargetSet {
  readonly acceptEncoding: string;
  /** The coding every target answered in (checked before each is loaded). */
  readonly coding: string;
  /** Bytes of the `/papers` body brotli- and gzip-compressed, as the app and the ceiling send it. */
  readonly brBytes: number;
  readonly gzipBytes: number;
}

const serverScript = path.join(import.meta.dirname, 'listing-server.ts');

export async function benchListing(
  corpus: string,
  workDir: string,
  options: LoadOptions,
): Promise<ListingFigures> {
  const listingCorpus = await writeListingCorpus(corpus, path.join(workDir, 'listings.jsonl'), {
    papersPerDay: PAPERS_PER_DAY,
    latestDay: LATEST_DAY,
    maxArchiveDays: MAX_ARCHIVE_DAYS,
  });
  const archivePaths = listingCorpus.archiveDays.map((day) => `/papers/date/${day}`);
  console.log(
    `  listing: importing ${listingCorpus.archiveDays.length + 1} days of ${PAPERS_PER_DAY} papers…`,
  );
  const server = Child.start<ServerRequest, ServerReply>(serverScript);
  try {
    const ready = await server.ask({
      kind: 'start',
      papers: listingCorpus.file,
      dbFile: path.join(workDir, 'listing.db'),
      staticDir: path.join(workDir, 'static'),
    });
    if (ready.kind !== 'ready') throw new Error('the listing server did not start');
    const origin = `http://127.0.0.1:${ready.port}`;
    const measure = async (
      paths: readonly string[],
      label: string,
      acceptEncoding?: string,
    ): Promise<TargetFigures> => {
      const headers: Record<string, string> =
        acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding };
      const coding = await codingOf(origin + (paths[0] ?? ''), headers);
      if (coding !== (acceptEncoding === undefined ? 'identity' : COMPRESSED_CODING))
        throw new Error(`${label} answered ${coding} to Accept-Encoding: ${acceptEncoding ?? '(none)'}`);
      const shown = acceptEncoding === undefined ? label : `${label} (${coding})`;
      console.log(`  listing: ${shown} for ${options.warmupSeconds} s + ${options.seconds} s…`);
      const before = await cpu(server);
      const figures = await load(origin, paths, options, headers);
      const after = await cpu(server);
      const serverCpu = (after.cpuMicros - before.cpuMicros) / 1000 / (after.at - before.at);
      return { ...figures, path: shown, serverCpu };
    };
    const hasArchive = archivePaths.length >= MIN_ARCHIVE_DAYS;
    const archiveLabel = `/papers/date/… ×${archivePaths.length}`;
    const listing = await measure([LISTING_PATH], LISTING_PATH);
    const archive = hasArchive ? await measure(archivePaths, archiveLabel) : null;
    const staticFile = await measure([STATIC_FILE_PATH], STATIC_FILE_PATH);
    const staticMemory = await measure([STATIC_MEMORY_PATH], STATIC_MEMORY_PATH);
    const browser = BROWSER_ACCEPT_ENCODING;
    const compressedListing = await measure([LISTING_PATH], LISTING_PATH, browser);
    const compressedArchive = hasArchive ? await measure(archivePaths, archiveLabel, browser) : null;
    const compressedStaticFile = await measure([STATIC_FILE_PATH], STATIC_FILE_PATH, browser);
    const compressedStaticMemory = await measure([STATIC_MEMORY_PATH], STATIC_MEMORY_PATH, browser);
    return {
      papersPerDay: PAPERS_PER_DAY,
      listed: ready.listed,
      archiveDays: archivePaths.length,
      pageBytes: ready.pageBytes,
      connections: options.connections,
      seconds: options.seconds,
      listing,
      archive,
      staticFile,
      staticMemory,
      ratioToStaticFile: listing.requestsPerSecond / staticFile.requestsPerSecond,
      ratioToStaticMemory: listing.requestsPerSecond / staticMemory.requestsPerSecond,
      compressed: {
        acceptEncoding: browser,
        coding: COMPRESSED_CODING,
        brBytes: ready.brBytes,
        gzipBytes: ready.gzipBytes,
        listing: compressedListing,
        archive: compressedArchive,
        staticFile: compressedStaticFile,
        staticMemory: compressedStaticMemory,
        ratioToStaticFile: compressedListing.requestsPerSecond / compressedStaticFile.requestsPerSecond,
        ratioToStaticMemory: compressedListing.requestsPerSecond / compressedStaticMemory.requestsPerSecond,
      },
    };
  } finally {
    await server.close();
  }
}

/** What a browser's Accept-Encoding gets from every target. */
const COMPRESSED_CODING = 'br';

/** The Content-Encoding `url` answers with to one GET with `headers` (the body is read and dropped). */
function codingOf(url: string, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
        response.resume();
        response.on('end', () => resolve(String(response.headers['content-encoding'] ?? 'identity')));
      })
      .on('error', reject);
  });
}

async function cpu(server: Child<ServerRequest, ServerReply>) {
  const reply = await server.ask({ kind: 'cpu' });
  if (reply.kind !== 'cpu') throw new Error('the listing server answered out of turn');
  return reply;
}
