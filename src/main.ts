/**
 * The composition root: reads nothing itself but the config it is given, opens the store, builds the
 * services and adapters, and hands them to whatever the command asked for. Tests build the same graph here.
 */
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import { HfPapers } from './api/hf-papers.ts';
import { InterimPaperSearch } from './api/interim-paper-search.ts';
import type { PaperSearch } from './api/paper-search.ts';
import { RestPapers } from './api/v1/rest-papers.ts';
import type { Config } from './config/config.ts';
import { type Database, openDatabase } from './db/connect.ts';
import { assertSchemaCurrent, migrate } from './db/migrate.ts';
import { FeedService } from './feeds/feed-service.ts';
import { buildServer } from './http/server.ts';
import { PoliteHttpClient } from './ingest/http-client.ts';
import { type IngestOptions, type IngestSummary, ingest } from './ingest/ingest.ts';
import { openSource } from './ingest/open-source.ts';
import type { Source, SourceFormat } from './ingest/source.ts';
import { StoreSink } from './ingest/store-sink.ts';
import { ListingService } from './listings/listing-service.ts';
import { ListingStore } from './listings/listing-store.ts';
import type { MailTransport } from './mail/mail-transport.ts';
import { OutboxTransport } from './mail/outbox-transport.ts';
import { SmtpTransport } from './mail/smtp-transport.ts';
import { PaperService } from './papers/paper-service.ts';
import { PaperStore } from './papers/paper-store.ts';
import { KeywordIndex } from './search/keyword-index.ts';
import { MeaningIndex } from './search/meaning-index.ts';
import { SearchService } from './search/search-service.ts';
import { VectorStore } from './search/vector-store.ts';

export interface App {
  readonly config: Config;
  readonly logger: Logger;
  readonly database: Database;
  readonly papers: PaperStore;
  readonly listings: ListingStore;
  readonly paperService: PaperService;
  readonly listingService: ListingService;
  /** Keyword search for the API and search feeds (the interim scan until src/search provides its own). */
  readonly paperSearch: PaperSearch;
  readonly sink: StoreSink;
  readonly search: SearchService;
  /** Search by meaning: empty until startMeaningSearch (src/search/reindex.ts) loads or trains a model. */
  readonly meaning: MeaningIndex;
  readonly vectors: VectorStore;
  /** The one HTTP client for arXiv and Hugging Face: one request at a time, spaced as arXiv asks. */
  readonly http: PoliteHttpClient;
  /** Outgoing mail: SMTP when SMTP_URL is set, otherwise .eml files in the outbox folder. */
  readonly mail: MailTransport;
  close(): Promise<void>;
}

export interface AppOptions {
  /** `auto` applies pending migrations; `check` refuses to run on a schema that is not current. */
  readonly schema?: 'auto' | 'check';
  readonly logger?: Logger;
}

export function createLogger(config: Config): Logger {
  // Logs go to standard error, so `paperpulse export` can write JSON Lines to standard output.
  return pino(
    {
      level: config.logLevel,
      redact: {
        paths: [
          'req.headers.cookie',
          'req.headers.authorization',
          'res.headers["set-cookie"]',
          '*.token',
          '*.password',
        ],
        censor: '[redacted]',
      },
    },
    pino.destination(2),
  );
}

export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const logger = options.logger ?? createLogger(config);
  const database = await openDatabase(config.database);
  try {
    if (options.schema === 'auto') await migrate(database);
    else await assertSchemaCurrent(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  const papers = new PaperStore(database.db);
  const listings = new ListingStore(database.db);
  const mail = createMailTransport(config);
  const vectors = new VectorStore(database.db);
  const meaning = new MeaningIndex(vectors);
  return {
    config,
    logger,
    database,
    papers,
    listings,
    paperService: new PaperService(papers, listings),
    listingService: new ListingService(listings),
    paperSearch: new InterimPaperSearch(papers),
    sink: new StoreSink(database.db),
    search: new SearchService(new KeywordIndex(database.db, database.kind), papers, meaning),
    meaning,
    vectors,
    http: new PoliteHttpClient({
      minIntervalMs: config.arxiv.minIntervalMs,
      onWait: (ms, reason) =>
        logger.info({ waitMs: ms, reason }, `waiting ${Math.ceil(ms / 1000)} s before retrying: ${reason}`),
    }),
    mail,
    close: async () => {
      await mail.close();
      await database.close();
    },
  };
}

function createMailTransport(config: Config): MailTransport {
  const { smtpUrl, maxConnections, ratePerSecond, dkim, outboxDir } = config.mail;
  if (!smtpUrl) return new OutboxTransport(outboxDir);
  return new SmtpTransport({ url: smtpUrl, maxConnections, ratePerSecond, ...(dkim ? { dkim } : {}) });
}

export function createServer(app: App): Promise<FastifyInstance> {
  return buildServer({
    logger: app.logger,
    listings: app.listingService,
    papers: app.paperService,
    publicUrl: app.config.publicUrl,
    hfPapers: new HfPapers(app.papers, app.listings, app.paperSearch),
    restPapers: new RestPapers(app.papers, app.listings, app.listingService, app.paperSearch),
    paperReader: app.papers,
    feeds: new FeedService(app.papers, app.listings, app.paperSearch, {
      publicUrl: app.config.publicUrl,
      siteName: 'Paperpulse',
    }),
  });
}

/** Reads a file, directory or URL into the store. */
export function ingestInput(
  app: App,
  input: string,
  format: SourceFormat | 'auto',
  options: Omit<IngestOptions, 'timeZone'> = {},
): Promise<IngestSummary> {
  return ingestSource(app, openSource(input, format, app.http), options);
}

export function ingestSource(app: App, source: Source, options: Omit<IngestOptions, 'timeZone'> = {}) {
  return ingest(source, app.sink, { timeZone: app.config.timeZone, ...options });
}

export const DEMO_DAY = '2025-03-14';
const DEMO_CURSOR = 'demo';

/**
 * On the first start of a store, imports the demo set as the listing of the seed page's day.
 * Returns null when there is nothing to do (already imported, switched off, or the file is missing).
 */
export async function importDemoOnFirstStart(app: App): Promise<IngestSummary | null> {
  const file = app.config.demoDataFile;
  if (!file || !fs.existsSync(file)) return null;
  if ((await app.sink.getCursor(DEMO_CURSOR)) !== null) return null;
  if ((await app.papers.countPapers()) > 0) return null;
  const summary = await ingestInput(app, file, 'jsonl', { listingDay: DEMO_DAY, listingSource: 'demo' });
  await app.sink.writeBatch({
    records: [],
    listings: [],
    upvotes: new Map(),
    cursor: { source: DEMO_CURSOR, value: DEMO_DAY },
  });
  return summary;
}
