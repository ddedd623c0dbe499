/**
 * Listing benchmark: autocannon on `/papers` (a day of 50 papers) against the app's server in a child
 * process; on day listings from the archive asked in turn (so none is served from a page cache); and on the
 * bytes of `/papers` served statically by the same server, the ceiling.
 */
import path from 'node:path';
import { Child } from './child.ts';
import { writeListingCorpus } from './listing-corpus.ts';
import {
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

export interface ListingFigures {
  readonly papersPerDay: number;
  readonly listed: number;
  readonly archiveDays: number;
  readonly pageBytes: number;
  readonly connections: number;
  readonly seconds: number;
  readonly listing: TargetFigures;
  /** Null when the corpus was too small for enough archive days. */
  readonly archive: TargetFigures | null;
  readonly staticFile: TargetFigures;
  readonly staticMemory: TargetFigures;
  /** `/papers`' request rate as a share of the static file's, and of the in-memory route's. */
  readonly ratioToStaticFile: number;
  readonly ratioToStaticMemory: number;
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
    const measure = async (paths: readonly string[], label: string): Promise<TargetFigures> => {
      console.log(`  listing: ${label} for ${options.warmupSeconds} s + ${options.seconds} s…`);
      const before = await cpu(server);
      const figures = await load(`http://127.0.0.1:${ready.port}`, paths, options);
      const after = await cpu(server);
      const serverCpu = (after.cpuMicros - before.cpuMicros) / 1000 / (after.at - before.at);
      return { ...figures, path: label, serverCpu };
    };
    const listing = await measure([LISTING_PATH], LISTING_PATH);
    const archive =
      archivePaths.length >= MIN_ARCHIVE_DAYS
        ? await measure(archivePaths, `/papers/date/… ×${archivePaths.length}`)
        : null;
    const staticFile = await measure([STATIC_FILE_PATH], STATIC_FILE_PATH);
    const staticMemory = await measure([STATIC_MEMORY_PATH], STATIC_MEMORY_PATH);
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
    };
  } finally {
    await server.close();
  }
}

async function cpu(server: Child<ServerRequest, ServerReply>) {
  const reply = await server.ask({ kind: 'cpu' });
  if (reply.kind !== 'cpu') throw new Error('the listing server answered out of turn');
  return reply;
}
