/**
 * The composition root: reads nothing itself but the config it is given, opens the store, builds the
 * services and adapters, and hands them to whatever the command asked for. Tests build the same graph here.
 */
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import pino, { type Logger } from 'pino';
import { ApiTokenStore } from './accounts/api-tokens.ts';
import { MemberStore } from './accounts/member-store.ts';
import { SessionStore } from './accounts/session-store.ts';
import { SignInService } from './accounts/sign-in.ts';
import { HfPapers } from './api/hf-papers.ts';
import type { PaperSearch } from './api/paper-search.ts';
import { RestCommunity } from './api/v1/rest-community.ts';
import { RestPapers } from './api/v1/rest-papers.ts';
import { ClaimService } from './community/claims.ts';
import { CommentService } from './community/comments.ts';
import { ProfileService } from './community/profile.ts';
import { type PaperFetcher, SubmissionService } from './community/submissions.ts';
import { UpvoteStore } from './community/upvote-store.ts';
import type { Config } from './config/config.ts';
import { type Database, openDatabase } from './db/connect.ts';
import { assertSchemaCurrent, migrate } from './db/migrate.ts';
import { DigestBuilder } from './digest/digest-builder.ts';
import { DigestRunner } from './digest/digest-runner.ts';
import { DigestService } from './digest/digest-service.ts';
import { RunStore } from './digest/run-store.ts';
import { TrendingPaperSource } from './digest/trending-paper-source.ts';
import { StoreUpvotedPapers } from './digest/upvoted-papers.ts';
import { CommunityFeeds } from './feeds/community-feeds.ts';
import { FeedService } from './feeds/feed-service.ts';
import { GitHubClient } from './github/github-client.ts';
import { StarStore } from './github/star-store.ts';
import { buildServer } from './http/server.ts';
import { PoliteHttpClient } from './ingest/http-client.ts';
import { type IngestOptions, type IngestSummary, ingest } from './ingest/ingest.ts';
import { openSource } from './ingest/open-source.ts';
import type { Source, SourceFormat } from './ingest/source.ts';
import { arxivApiSource } from './ingest/sources/arxiv-atom.ts';
import { StoreSink } from './ingest/store-sink.ts';
import { ListingService } from './listings/listing-service.ts';
import { ListingStore } from './listings/listing-store.ts';
import type { MailTransport } from './mail/mail-transport.ts';
import { OutboxTransport } from './mail/outbox-transport.ts';
import { SmtpTransport } from './mail/smtp-transport.ts';
import { PaperService } from './papers/paper-service.ts';
import { PaperStore } from './papers/paper-store.ts';
import { ChatSummarizer } from './search/chat-summarizer.ts';
import { HttpEmbedder } from './search/http-embedder.ts';
import { ImpactIndex } from './search/impact-index.ts';
import { KeywordIndex } from './search/keyword-index.ts';
import { KeywordIndexQueue } from './search/keyword-index-queue.ts';
import { KeywordStore } from './search/keyword-store.ts';
import { MeaningIndex } from './search/meaning-index.ts';
import { paperExtras } from './search/paper-extras.ts';
import { SearchServicePaperSearch } from './search/paper-search-adapter.ts';
import { startMeaningSearch } from './search/reindex.ts';
import { RelatedPapers } from './search/related-papers.ts';
import { SearchService } from './search/search-service.ts';
import {
  type SearchUpdate,
  type SearchUpdateParts,
  type SearchUpdateProgress,
  updateSearch,
} from './search/search-update.ts';
import type { Summarizer } from './search/summarize-papers.ts';
import { TitleSuggest } from './search/title-suggest.ts';
import { VectorStore } from './search/vector-store.ts';
import { KeyStore } from './subscriptions/key-store.ts';
import { SubscriptionService } from './subscriptions/subscription-service.ts';
import { SubscriptionStore } from './subscriptions/subscription-store.ts';
import { TrendingStore } from './trending/trending-store.ts';
import { CurrentMember } from './web/session.ts';

export interface App {
  readonly config: Config;
  readonly logger: Logger;
  readonly database: Database;
  readonly papers: PaperStore;
  readonly listings: ListingStore;
  readonly paperService: PaperService;
  readonly listingService: ListingService;
  /** Search for the API and the search feeds, served by `search`. */
  readonly paperSearch: PaperSearch;
  readonly sink: StoreSink;
  readonly search: SearchService;
  /** Search by meaning: empty until startMeaningSearch (src/search/reindex.ts) loads or trains a model. */
  readonly meaning: MeaningIndex;
  readonly vectors: VectorStore;
  /** Keywords and a one-line summary per paper (computed at ingest), and related papers (src/search). */
  readonly keywords: KeywordStore;
  /** The chat model that rewrites the summaries (SUMMARY_URL); null keeps the extractive ones. */
  readonly summarizer: Summarizer | null;
  /** SQLite: papers written but not yet in the keyword index (filled by updateSearch). */
  readonly keywordQueue: KeywordIndexQueue;
  readonly related: RelatedPapers;
  /** SQLite: keyword search's in-memory index (src/search/impact-index.ts); null on PostgreSQL. */
  readonly impacts: ImpactIndex | null;
  /** The one HTTP client for arXiv and Hugging Face: one request at a time, spaced as arXiv asks. */
  readonly http: PoliteHttpClient;
  /** Outgoing mail: SMTP when SMTP_URL is set, otherwise .eml files in the outbox folder. */
  readonly mail: MailTransport;
  /** Digest subscriptions (src/subscriptions) and digest runs (src/digest). */
  readonly subscriptionStore: SubscriptionStore;
  readonly subscriptions: SubscriptionService;
  readonly digests: DigestService;
  /** Members, their sessions and sign-in links (src/accounts). */
  readonly members: MemberStore;
  readonly sessions: SessionStore;
  readonly signIn: SignInService;
  /** Upvotes, submissions, profiles (src/community) and the trending ranking (src/trending). */
  readonly upvotes: UpvoteStore;
  readonly submissions: SubmissionService;
  readonly profiles: ProfileService;
  readonly trending: TrendingStore;
  /** Comments and claimed authorship (src/community). */
  readonly comments: CommentService;
  readonly claims: ClaimService;
  /** Members' API tokens for the APIs' write routes (src/accounts/api-tokens.ts). */
  readonly apiTokens: ApiTokenStore;
  /** GitHub stars of papers' code repositories (src/github): the REST API adapter and where snapshots go. */
  readonly github: { readonly client: GitHubClient; readonly store: StarStore };
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
  // SQLite: keyword search's in-memory index for plain-word queries, built after start (startSearchByMeaning).
  const keywordQueue = new KeywordIndexQueue(database.db, database.kind);
  const impacts =
    database.kind === 'sqlite'
      ? new ImpactIndex(database.db, config.search.fieldWeights, { queue: keywordQueue })
      : null;
  const keywordIndex = new KeywordIndex(
    database.db,
    database.kind,
    config.search.fieldWeights,
    impacts,
    keywordQueue,
  );
  const keywords = new KeywordStore(database.db);
  const summary = config.search.summary;
  const summarizer = summary
    ? new ChatSummarizer({ baseUrl: summary.url, model: summary.model, apiKey: summary.apiKey })
    : null;
  const search = new SearchService(
    keywordIndex,
    papers,
    meaning,
    config.search.fusion,
    config.search.defaultMode,
    new TitleSuggest(database.db, database.kind, keywordQueue),
  );
  const http = new PoliteHttpClient({
    minIntervalMs: config.arxiv.minIntervalMs,
    onWait: (ms, reason) =>
      logger.info({ waitMs: ms, reason }, `waiting ${Math.ceil(ms / 1000)} s before retrying: ${reason}`),
  });
  const sink = new StoreSink(database.db);
  const members = new MemberStore(database.db);
  const community = config.community;
  // A submitted paper not in the store is looked up by its id on the arXiv API: never a user-given URL.
  const fetcher: PaperFetcher = {
    fetchPaper: async (id) => {
      const source = arxivApiSource({
        client: http,
        apiUrl: config.arxiv.apiUrl,
        ids: [id],
        pageSize: 1,
        maxResults: 1,
        cursorKey: null,
      });
      await ingest(source, sink, { timeZone: config.timeZone });
    },
  };
  return {
    config,
    logger,
    database,
    papers,
    listings,
    paperService: new PaperService(papers, listings),
    listingService: new ListingService(listings, keywords),
    paperSearch: new SearchServicePaperSearch(search),
    sink,
    search,
    meaning,
    vectors,
    keywords,
    summarizer,
    keywordQueue,
    related: new RelatedPapers(papers, keywords, keywordIndex, meaning),
    impacts,
    http,
    mail,
    ...createDigestParts(config, database, listings, mail, logger),
    members,
    sessions: new SessionStore(database.db, community.sessionDays),
    signIn: new SignInService(database.db, members, mail, {
      publicUrl: config.publicUrl,
      from: config.mail.from,
      linkMinutes: community.signInLinkMinutes,
      linkUses: community.signInLinkUses,
      perAddressPerHour: community.signInPerAddressPerHour,
      perIpPerHour: community.signInPerIpPerHour,
    }),
    upvotes: new UpvoteStore(database.db, database.kind),
    submissions: new SubmissionService(
      database.db,
      { papers, listings, fetcher },
      {
        maxAgeDays: community.submissionMaxAgeDays,
        perDay: community.submissionsPerDay,
        timeZone: config.timeZone,
      },
    ),
    profiles: new ProfileService(database.db, members),
    trending: new TrendingStore(database.db, database.kind),
    comments: new CommentService(database.db, {
      maxChars: community.commentMaxChars,
      perHour: community.commentsPerHour,
      perHourFirstDay: community.commentsPerHourFirstDay,
    }),
    claims: new ClaimService(database.db),
    apiTokens: new ApiTokenStore(database.db),
    github: {
      client: new GitHubClient({ apiUrl: config.github.apiUrl, token: config.github.token }),
      store: new StarStore(database.db),
    },
    close: async () => {
      await mail.close();
      await database.close();
    },
  };
}

function createDigestParts(
  config: Config,
  database: Database,
  listings: ListingStore,
  mail: MailTransport,
  logger: Logger,
): Pick<App, 'subscriptionStore' | 'subscriptions' | 'digests'> {
  const settings = config.digest;
  const keys = new KeyStore(database.db, settings.secret);
  const subscriptionStore = new SubscriptionStore(database.db);
  const subscriptions = new SubscriptionService(
    subscriptionStore,
    mail,
    keys,
    {
      publicUrl: config.publicUrl,
      from: config.mail.from,
      confirmHours: settings.confirmHours,
      resendMinutes: settings.resendMinutes,
    },
    logger,
  );
  // Digests rank the period's papers by trending score; the listing order only when trending has nothing.
  const papers = new TrendingPaperSource(database.db, listings);
  const upvoted = new StoreUpvotedPapers(database.db);
  const builder = new DigestBuilder({
    publicUrl: config.publicUrl,
    from: config.mail.from,
    maxPapers: settings.maxPapers,
  });
  const runs = new RunStore(database.db);
  const runner = new DigestRunner(
    runs,
    subscriptionStore,
    papers,
    builder,
    mail,
    keys,
    upvoted,
    {
      host: new URL(config.publicUrl).hostname,
      concurrency: settings.concurrency,
      maxAttempts: settings.maxAttempts,
      retryBaseMs: settings.retryBaseMs,
      pauseAfterFailures: settings.pauseAfterFailures,
      leaseMs: 60_000,
    },
    logger,
  );
  return {
    subscriptionStore,
    subscriptions,
    digests: new DigestService(
      runner,
      builder,
      papers,
      subscriptionStore,
      subscriptions,
      keys,
      runs,
      upvoted,
    ),
  };
}

function createMailTransport(config: Config): MailTransport {
  const { smtpUrl, maxConnections, ratePerSecond, dkim, outboxDir } = config.mail;
  if (!smtpUrl) return new OutboxTransport(outboxDir);
  return new SmtpTransport({ url: smtpUrl, maxConnections, ratePerSecond, ...(dkim ? { dkim } : {}) });
}

export async function createServer(app: App): Promise<FastifyInstance> {
  const { publicUrl, api } = app.config;
  // Shared API rate limits between web nodes; @fastify/rate-limit asks it once per request, so it fails fast.
  const redis = api.redisUrl
    ? new Redis(api.redisUrl, { connectTimeout: 500, maxRetriesPerRequest: 1, lazyConnect: true })
    : null;
  const server = await buildServer({
    logger: app.logger,
    listings: app.listingService,
    papers: app.paperService,
    publicUrl: app.config.publicUrl,
    hfPapers: new HfPapers(app.papers, app.listings, app.paperSearch, app.comments, app.keywords),
    restPapers: new RestPapers(app.papers, app.listings, app.listingService, app.paperSearch),
    paperReader: app.papers,
    api: {
      restCommunity: new RestCommunity({
        papers: app.papers,
        listings: app.listings,
        trending: app.trending,
        upvotes: app.upvotes,
        comments: app.comments,
        submissions: app.submissions,
        subscriptions: app.subscriptions,
      }),
      submissions: app.submissions,
      apiTokens: app.apiTokens,
      rateLimits: { perIpPerMinute: api.perIpPerMinute, perTokenPerMinute: api.perTokenPerMinute, redis },
    },
    apiTokens: app.apiTokens,
    communityFeeds: new CommunityFeeds(
      { listings: app.listings, trending: app.trending, members: app.members },
      { publicUrl, siteName: 'Paperpulse' },
    ),
    search: {
      service: app.search,
      meaning: () => app.meaning.size > 0,
      extras: paperExtras(app.keywords, app.related),
    },
    feeds: new FeedService(app.papers, app.listings, app.paperSearch, {
      publicUrl: app.config.publicUrl,
      siteName: 'Paperpulse',
    }),
    digest: {
      subscriptions: app.subscriptions,
      digests: app.digests,
      requestsPerIpPerHour: app.config.digest.subscribeRequestsPerIpPerHour,
      outboxDir: app.config.mail.smtpUrl ? null : app.config.mail.outboxDir,
    },
    community: {
      current: new CurrentMember(app.sessions, app.config.publicUrl, app.config.community.sessionDays),
      signIn: app.signIn,
      profiles: app.profiles,
      upvotes: app.upvotes,
      submissions: app.submissions,
      listings: app.listings,
      trending: app.trending,
    },
    discussion: {
      comments: app.comments,
      claims: app.claims,
      commentMaxChars: app.config.community.commentMaxChars,
    },
  });
  if (redis) {
    server.addHook('onClose', async () => {
      await redis.quit();
    });
  }
  return server;
}

/** Reads a file, directory or URL into the store, then brings search up to date with it. */
export function ingestInput(
  app: App,
  input: string,
  format: SourceFormat | 'auto',
  options: Omit<IngestOptions, 'timeZone'> = {},
): Promise<IngestSummary> {
  return ingestSource(app, openSource(input, format, app.http), options);
}

/** Reads a file, directory or URL into the store; search work stays queued (see importSource). */
export function importInput(
  app: App,
  input: string,
  format: SourceFormat | 'auto',
  options: Omit<IngestOptions, 'timeZone'> = {},
): Promise<IngestSummary> {
  return importSource(app, openSource(input, format, app.http), options);
}

/** Reads a source into the store, then brings search up to date with it. */
export async function ingestSource(
  app: App,
  source: Source,
  options: Omit<IngestOptions, 'timeZone'> = {},
): Promise<IngestSummary> {
  const summary = await importSource(app, source, options);
  await updateAppSearch(app);
  return summary;
}

/**
 * Reads a source into the store. What search needs of the new papers (keyword index, key phrases,
 * vectors) stays queued for `updateAppSearch`, outside the import's transactions.
 */
export function importSource(
  app: App,
  source: Source,
  options: Omit<IngestOptions, 'timeZone'> = {},
): Promise<IngestSummary> {
  return ingest(source, app.sink, { timeZone: app.config.timeZone, ...options });
}

/**
 * The queued search work for what was written: the keyword index, key phrases and summaries, vectors
 * when search by meaning is running, summaries by the chat model when one is configured (unless
 * `summaries` is false); then keyword search's in-memory index is rebuilt in the background.
 */
export async function updateAppSearch(
  app: App,
  onProgress?: (progress: SearchUpdateProgress) => void,
  options: { readonly summaries?: boolean } = {},
): Promise<SearchUpdate> {
  const parts = searchUpdateParts(app);
  const update = await updateSearch(
    options.summaries === false ? { ...parts, summarizer: null } : parts,
    new Date(),
    onProgress,
  );
  logSummaries(app, update);
  app.impacts?.rebuildInBackground((error) =>
    app.logger.error({ err: error }, 'keyword search index failed'),
  );
  return update;
}

function searchUpdateParts(app: App): SearchUpdateParts {
  return {
    queue: app.keywordQueue,
    keywords: app.keywords,
    meaning: app.meaning,
    summarizer: app.summarizer,
  };
}

/** Says once per update what the chat model wrote, and why papers kept their extractive summary. */
function logSummaries(app: App, update: SearchUpdate): void {
  const model = app.summarizer?.model;
  if (update.summaryError) app.logger.warn({ model, summarized: update.summarized }, update.summaryError);
  else if (update.summarized > 0)
    app.logger.info({ model, summarized: update.summarized }, 'summaries written by the chat model');
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
  const summary = await importInput(app, file, 'jsonl', { listingDay: DEMO_DAY, listingSource: 'demo' });
  // The chat model's summaries are left to startSearchByMeaning, after the server listens.
  await updateAppSearch(app, undefined, { summaries: false });
  await app.sink.writeBatch({
    records: [],
    listings: [],
    upvotes: new Map(),
    cursor: { source: DEMO_CURSOR, value: DEMO_DAY },
  });
  return summary;
}

/**
 * Makes keyword search's in-memory index (SQLite) and search by meaning ready on a serving node: the
 * configured embeddings server, or the built-in model (loaded from the store, or trained from its
 * papers on the first start). Runs after the
 * server listens, so a large store does not delay the start; until then searches rank by keyword.
 */
export async function startSearchByMeaning(app: App): Promise<void> {
  const parts = searchUpdateParts(app);
  // What an import left queued (one cut short) is finished first; vectors come once a model is in use.
  // Summaries by a chat model, the slowest step, follow in the background once meaning is settled.
  await updateSearch({ ...parts, summarizer: null }, new Date());
  await app.impacts?.build();
  try {
    await useMeaningModel(app);
  } finally {
    if (parts.summarizer) {
      updateSearch(parts, new Date()).then(
        (update) => logSummaries(app, update),
        (error: unknown) => app.logger.error({ err: error }, 'summaries by the chat model failed'),
      );
    }
  }
}

/** The configured embeddings server, or the built-in model (loaded, or trained on the first start). */
async function useMeaningModel(app: App): Promise<void> {
  const embedding = app.config.search.embedding;
  if (embedding) {
    const embedder = await HttpEmbedder.connect({
      baseUrl: embedding.url,
      model: embedding.model,
      apiKey: embedding.apiKey,
    });
    await app.meaning.use(embedder);
    return;
  }
  await startMeaningSearch(app.meaning, app.vectors);
}
