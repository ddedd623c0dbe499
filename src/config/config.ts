import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../domain/errors.ts';

export type DatabaseKind = 'sqlite' | 'postgres';

export interface Config {
  readonly dataDir: string;
  readonly database: { readonly kind: DatabaseKind; readonly url: string };
  readonly port: number;
  readonly host: string;
  readonly publicUrl: string;
  readonly timeZone: string;
  readonly autoMigrate: boolean;
  readonly demoDataFile: string | null;
  readonly logLevel: string;
  readonly arxiv: { readonly apiUrl: string; readonly oaiUrl: string; readonly minIntervalMs: number };
  readonly huggingFaceUrl: string;
  readonly search: {
    readonly defaultMode: 'keyword' | 'meaning' | 'hybrid';
    readonly fusion: {
      readonly keyword: number;
      readonly meaning: number;
      readonly k: number;
      readonly feedback: number;
      readonly feedbackWeight: number;
    };
    readonly fieldWeights: {
      readonly title: number;
      readonly authors: number;
      readonly abstract: number;
      readonly categories: number;
    };
    /** An OpenAI-compatible embeddings server; null uses the built-in model trained on the store's papers. */
    readonly embedding: OpenAiServer | null;
    /** An OpenAI-compatible chat server that writes the one-line summaries; null keeps the extractive ones. */
    readonly summary: OpenAiServer | null;
  };
  /** Email digests and subscriptions (src/digest, src/subscriptions). */
  readonly digest: {
    /** Keys the preferences/unsubscribe links and IP hashes; null: a random key kept in the store. */
    readonly secret: string | null;
    readonly timeZone: string;
    /** Hour of the day (in timeZone) `serve` starts digest runs; null: no in-process scheduling. */
    readonly scheduleHour: number | null;
    readonly maxPapers: number;
    readonly confirmHours: number;
    readonly resendMinutes: number;
    readonly subscribeRequestsPerIpPerHour: number;
    readonly maxAttempts: number;
    readonly retryBaseMs: number;
    readonly pauseAfterFailures: number;
    readonly concurrency: number;
  };
  /** Members, sign-in links, sessions and submissions (src/accounts, src/community). */
  readonly community: {
    readonly signInLinkMinutes: number;
    /** How many times one sign-in link works within its lifetime (mail scanners open links too). */
    readonly signInLinkUses: number;
    readonly signInPerAddressPerHour: number;
    readonly signInPerIpPerHour: number;
    readonly sessionDays: number;
    /** A submitted paper's first version must be at most this many days old. */
    readonly submissionMaxAgeDays: number;
    readonly submissionsPerDay: number;
    /** Longest comment, in characters of Markdown. */
    readonly commentMaxChars: number;
    readonly commentsPerHour: number;
    /** The stricter hourly limit for a member whose account is less than a day old. */
    readonly commentsPerHourFirstDay: number;
  };
  /** The GitHub REST API, for the stars of papers' code repositories (src/github). */
  readonly github: { readonly apiUrl: string; readonly token: string | null };
  /** Rate limits of the APIs (src/api/rate-limit.ts). */
  readonly api: {
    readonly perIpPerMinute: number;
    readonly perTokenPerMinute: number;
    /** Redis shares the counts between web nodes; null keeps them in each process. */
    readonly redisUrl: string | null;
  };
  readonly mail: {
    readonly from: string;
    /** SMTP server URL; null writes .eml files to `outboxDir` instead. */
    readonly smtpUrl: string | null;
    readonly outboxDir: string;
    readonly maxConnections: number;
    readonly ratePerSecond: number;
    readonly dkim: {
      readonly domainName: string;
      readonly keySelector: string;
      readonly privateKey: string;
    } | null;
  };
}

type Env = Readonly<Record<string, string | undefined>>;

/** An OpenAI-compatible server: `<PREFIX>_URL`, `<PREFIX>_MODEL`, `<PREFIX>_API_KEY`. */
export interface OpenAiServer {
  readonly url: string;
  readonly model: string;
  readonly apiKey: string | null;
}

/** One row per setting: the environment variable, its default, and what it means (printed by `paperpulse config`). */
export const settings = [
  ['DATA_DIR', './data', 'where the SQLite file, the outbox and other local state live'],
  [
    'DATABASE_URL',
    'sqlite:<DATA_DIR>/paperpulse.db',
    'a SQLite file path or sqlite: URL, or a postgres:// URL',
  ],
  ['PORT', '3000', 'HTTP port'],
  ['HOST', '0.0.0.0', 'interface to listen on'],
  [
    'PUBLIC_URL',
    'http://localhost:<PORT>',
    'the address readers use; absolute links and feeds are built from it',
  ],
  ['TIMEZONE', 'UTC', 'the IANA time zone that decides which day a listing belongs to'],
  ['AUTO_MIGRATE', 'true', 'apply pending migrations when serving'],
  [
    'DEMO_DATA',
    '<package>/demo/papers.jsonl',
    'imported as the listing of 2025-03-14 on the first start of an empty store; "off" to skip',
  ],
  ['LOG_LEVEL', 'info', 'pino log level'],
  ['ARXIV_API_URL', 'https://export.arxiv.org/api/query', 'arXiv API endpoint'],
  ['ARXIV_OAI_URL', 'https://oaipmh.arxiv.org/oai', 'arXiv OAI-PMH endpoint'],
  ['ARXIV_MIN_INTERVAL_MS', '3000', 'minimum time between two requests to arXiv'],
  [
    'SMTP_URL',
    '(none: write .eml files to <DATA_DIR>/outbox)',
    'smtp://user:pass@host:587 (STARTTLS) or smtps://…:465',
  ],
  ['MAIL_FROM', 'Paperpulse <no-reply@<PUBLIC_URL host>>', 'the From address of every email'],
  ['SMTP_MAX_CONNECTIONS', '5', 'pooled SMTP connections'],
  ['SMTP_RATE', '50', 'messages per second at most'],
  [
    'DKIM_DOMAIN, DKIM_SELECTOR, DKIM_PRIVATE_KEY_FILE',
    '(none)',
    'sign outgoing mail with DKIM (covers List-Unsubscribe*)',
  ],
  [
    'SEARCH_DEFAULT_MODE',
    'keyword',
    'keyword, meaning or hybrid: the search mode used when none is asked for',
  ],
  [
    'SEARCH_FUSION_WEIGHTS',
    '1,1,5,10,0.5',
    'hybrid ranking: keyword weight, meaning weight, rank offset k, keyword hits steering the meaning query and how far they move it',
  ],
  ['SEARCH_FIELD_WEIGHTS', '3,2,1,0.5', 'keyword ranking weights of title, authors, abstract, categories'],
  [
    'EMBEDDING_URL, EMBEDDING_MODEL, EMBEDDING_API_KEY',
    '(none: the built-in model)',
    'an OpenAI-compatible /v1/embeddings server for search by meaning',
  ],
  [
    'SUMMARY_URL, SUMMARY_MODEL, SUMMARY_API_KEY',
    '(none: the extractive summary)',
    "an OpenAI-compatible /v1/chat/completions server that writes each paper's one-line summary",
  ],
  ['HF_URL', 'https://huggingface.co', 'the Hugging Face site whose daily-papers API `harvest hf` reads'],
  [
    'DIGEST_SECRET',
    '(none: a random key kept in the store)',
    'keys unsubscribe/preferences links and IP hashes',
  ],
  ['DIGEST_TIMEZONE', '<TIMEZONE>', 'the time zone of digest periods and of the schedule'],
  ['DIGEST_SCHEDULE_HOUR', 'off', 'hour (0-23) `serve` starts digest runs; "off" leaves it to `digest run`'],
  ['DIGEST_MAX_PAPERS', '10', 'papers in one digest at most'],
  [
    'SUBSCRIBE_CONFIRM_HOURS',
    '48',
    'how long a confirmation link works; unconfirmed requests are then dropped',
  ],
  ['SUBSCRIBE_RESEND_MINUTES', '10', 'at most one confirmation email per address in this many minutes'],
  ['SUBSCRIBE_IP_LIMIT', '10', 'subscription requests one IP address may make per hour'],
  ['DIGEST_MAX_ATTEMPTS', '5', 'tries of one delivery before it counts as failed'],
  ['DIGEST_RETRY_MS', '60000', 'wait before the first retry of a delivery (doubling after each)'],
  ['DIGEST_PAUSE_AFTER', '20', 'a digest run pauses after this many failures in a row'],
  ['DIGEST_CONCURRENCY', '<SMTP_MAX_CONNECTIONS>', 'digests sent at once'],
  ['SIGN_IN_LINK_MINUTES', '30', 'how long an emailed sign-in link works'],
  ['SIGN_IN_LINK_USES', '3', 'how many times one sign-in link works within that time'],
  ['SIGN_IN_PER_ADDRESS_PER_HOUR', '5', 'sign-in links sent to one address per hour at most'],
  ['SIGN_IN_PER_IP_PER_HOUR', '20', 'sign-in links asked for from one IP address per hour at most'],
  ['SESSION_DAYS', '30', 'how long a member stays signed in'],
  ['SUBMISSION_MAX_AGE_DAYS', '14', "a submitted paper's first version must be at most this many days old"],
  ['SUBMISSIONS_PER_DAY', '5', 'submissions per member per day at most'],
  ['COMMENT_MAX_CHARS', '5000', 'the longest comment, in characters of Markdown'],
  ['COMMENTS_PER_HOUR', '30', 'comments one member may post per hour'],
  ['COMMENTS_PER_HOUR_FIRST_DAY', '5', 'comments per hour on the first day of an account'],
  ['GITHUB_API_URL', 'https://api.github.com', 'the GitHub REST API that `stars refresh` asks'],
  ['GITHUB_TOKEN', '(none: unauthenticated, 60 requests an hour)', 'a GitHub token for `stars refresh`'],
  ['API_RATE_PER_MINUTE', '300', 'requests one IP address may make to the APIs per minute'],
  ['API_TOKEN_RATE_PER_MINUTE', '60', 'writes one API token may make per minute'],
  [
    'REDIS_URL',
    '(none: counts kept in each process)',
    'redis://… to share the API rate limits between web nodes',
  ],
] as const;

const packageRoot = path.resolve(import.meta.dirname, '../..');

export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const dataDir = path.resolve(cwd, env.DATA_DIR || './data');
  const port = parseInteger('PORT', env.PORT, 3000, 0, 65535);
  const publicUrl = parseUrl('PUBLIC_URL', env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, '');
  const timeZone = env.TIMEZONE || 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new ConfigError(`TIMEZONE "${timeZone}" is not an IANA time zone (e.g. UTC, America/New_York)`);
  }
  const demo = env.DEMO_DATA ?? '';
  return deepFreeze({
    dataDir,
    database: parseDatabaseUrl(env.DATABASE_URL, dataDir, cwd),
    port,
    host: env.HOST || '0.0.0.0',
    publicUrl,
    timeZone,
    autoMigrate: parseBoolean('AUTO_MIGRATE', env.AUTO_MIGRATE, true),
    demoDataFile:
      demo === 'off' ? null : demo ? path.resolve(cwd, demo) : path.join(packageRoot, 'demo/papers.jsonl'),
    logLevel: env.LOG_LEVEL || 'info',
    arxiv: {
      apiUrl: parseUrl('ARXIV_API_URL', env.ARXIV_API_URL || 'https://export.arxiv.org/api/query'),
      oaiUrl: parseUrl('ARXIV_OAI_URL', env.ARXIV_OAI_URL || 'https://oaipmh.arxiv.org/oai'),
      minIntervalMs: parseInteger('ARXIV_MIN_INTERVAL_MS', env.ARXIV_MIN_INTERVAL_MS, 3000, 0, 600_000),
    },
    mail: parseMail(env, dataDir, publicUrl, cwd),
    digest: parseDigest(env, timeZone),
    search: parseSearch(env),
    huggingFaceUrl: parseUrl('HF_URL', env.HF_URL || 'https://huggingface.co').replace(/\/+$/, ''),
    community: parseCommunity(env),
    github: {
      apiUrl: parseUrl('GITHUB_API_URL', env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
      token: env.GITHUB_TOKEN || null,
    },
    api: parseApi(env),
  });
}

/** The config as `paperpulse config` prints it: passwords in URLs hidden. */
export function describeConfig(config: Config): Record<string, unknown> {
  return {
    ...config,
    database: { ...config.database, url: hideSecrets(config.database.url) },
    mail: {
      ...config.mail,
      smtpUrl: config.mail.smtpUrl ? hideSecrets(config.mail.smtpUrl) : null,
      dkim: config.mail.dkim ? { ...config.mail.dkim, privateKey: '[hidden]' } : null,
    },
    search: {
      ...config.search,
      embedding: withKeyHidden(config.search.embedding),
      summary: withKeyHidden(config.search.summary),
    },
    digest: { ...config.digest, secret: config.digest.secret ? '[hidden]' : null },
    github: { ...config.github, token: config.github.token ? '[hidden]' : null },
    api: { ...config.api, redisUrl: config.api.redisUrl ? hideSecrets(config.api.redisUrl) : null },
  };
}

export function hideSecrets(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}

function parseApi(env: Env): Config['api'] {
  const redisUrl = env.REDIS_URL || null;
  if (redisUrl && !/^rediss?:\/\/[^/\s]*/.test(redisUrl))
    throw new ConfigError(
      `REDIS_URL must look like redis://host:6379 or rediss://…, got "${hideSecrets(redisUrl)}"`,
    );
  return {
    perIpPerMinute: parseInteger('API_RATE_PER_MINUTE', env.API_RATE_PER_MINUTE, 300, 1, 1_000_000),
    perTokenPerMinute: parseInteger(
      'API_TOKEN_RATE_PER_MINUTE',
      env.API_TOKEN_RATE_PER_MINUTE,
      60,
      1,
      1_000_000,
    ),
    redisUrl,
  };
}

function parseCommunity(env: Env): Config['community'] {
  return {
    signInLinkMinutes: parseInteger('SIGN_IN_LINK_MINUTES', env.SIGN_IN_LINK_MINUTES, 30, 1, 24 * 60),
    signInLinkUses: parseInteger('SIGN_IN_LINK_USES', env.SIGN_IN_LINK_USES, 3, 1, 100),
    signInPerAddressPerHour: parseInteger(
      'SIGN_IN_PER_ADDRESS_PER_HOUR',
      env.SIGN_IN_PER_ADDRESS_PER_HOUR,
      5,
      1,
      10_000,
    ),
    signInPerIpPerHour: parseInteger('SIGN_IN_PER_IP_PER_HOUR', env.SIGN_IN_PER_IP_PER_HOUR, 20, 1, 100_000),
    sessionDays: parseInteger('SESSION_DAYS', env.SESSION_DAYS, 30, 1, 3650),
    submissionMaxAgeDays: parseInteger(
      'SUBMISSION_MAX_AGE_DAYS',
      env.SUBMISSION_MAX_AGE_DAYS,
      14,
      1,
      100_000,
    ),
    submissionsPerDay: parseInteger('SUBMISSIONS_PER_DAY', env.SUBMISSIONS_PER_DAY, 5, 1, 10_000),
    commentMaxChars: parseInteger('COMMENT_MAX_CHARS', env.COMMENT_MAX_CHARS, 5000, 100, 100_000),
    commentsPerHour: parseInteger('COMMENTS_PER_HOUR', env.COMMENTS_PER_HOUR, 30, 1, 10_000),
    commentsPerHourFirstDay: parseInteger(
      'COMMENTS_PER_HOUR_FIRST_DAY',
      env.COMMENTS_PER_HOUR_FIRST_DAY,
      5,
      1,
      10_000,
    ),
  };
}

function parseDigest(env: Env, timeZone: string): Config['digest'] {
  const digestZone = env.DIGEST_TIMEZONE || timeZone;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: digestZone });
  } catch {
    throw new ConfigError(`DIGEST_TIMEZONE "${digestZone}" is not an IANA time zone`);
  }
  const hour = env.DIGEST_SCHEDULE_HOUR;
  return {
    secret: env.DIGEST_SECRET || null,
    timeZone: digestZone,
    scheduleHour: !hour || hour === 'off' ? null : parseInteger('DIGEST_SCHEDULE_HOUR', hour, 0, 0, 23),
    maxPapers: parseInteger('DIGEST_MAX_PAPERS', env.DIGEST_MAX_PAPERS, 10, 1, 100),
    confirmHours: parseInteger('SUBSCRIBE_CONFIRM_HOURS', env.SUBSCRIBE_CONFIRM_HOURS, 48, 1, 24 * 30),
    resendMinutes: parseInteger('SUBSCRIBE_RESEND_MINUTES', env.SUBSCRIBE_RESEND_MINUTES, 10, 0, 24 * 60),
    subscribeRequestsPerIpPerHour: parseInteger('SUBSCRIBE_IP_LIMIT', env.SUBSCRIBE_IP_LIMIT, 10, 1, 100_000),
    maxAttempts: parseInteger('DIGEST_MAX_ATTEMPTS', env.DIGEST_MAX_ATTEMPTS, 5, 1, 50),
    retryBaseMs: parseInteger('DIGEST_RETRY_MS', env.DIGEST_RETRY_MS, 60_000, 0, 86_400_000),
    pauseAfterFailures: parseInteger('DIGEST_PAUSE_AFTER', env.DIGEST_PAUSE_AFTER, 20, 1, 1_000_000),
    concurrency: parseInteger(
      'DIGEST_CONCURRENCY',
      env.DIGEST_CONCURRENCY,
      parseInteger('SMTP_MAX_CONNECTIONS', env.SMTP_MAX_CONNECTIONS, 5, 1, 100),
      1,
      100,
    ),
  };
}

function parseSearch(env: Env): Config['search'] {
  const mode = env.SEARCH_DEFAULT_MODE || 'keyword';
  if (mode !== 'keyword' && mode !== 'meaning' && mode !== 'hybrid') {
    throw new ConfigError(`SEARCH_DEFAULT_MODE must be keyword, meaning or hybrid, got "${mode}"`);
  }
  const [keyword, meaning, k, feedback, feedbackWeight] = parseNumbers(
    'SEARCH_FUSION_WEIGHTS',
    env.SEARCH_FUSION_WEIGHTS,
    [1, 1, 5, 10, 0.5],
    4,
  );
  const [title, authors, abstract, categories] = parseNumbers(
    'SEARCH_FIELD_WEIGHTS',
    env.SEARCH_FIELD_WEIGHTS,
    [3, 2, 1, 0.5],
  );
  if (!Number.isInteger(feedback))
    throw new ConfigError('SEARCH_FUSION_WEIGHTS: the fourth number counts papers, so it is whole');
  return {
    defaultMode: mode,
    fusion: { keyword, meaning, k, feedback, feedbackWeight },
    fieldWeights: { title, authors, abstract, categories },
    embedding: parseOpenAiServer(env, 'EMBEDDING'),
    summary: parseOpenAiServer(env, 'SUMMARY'),
  };
}

/** `<prefix>_URL` (null when unset), which needs `<prefix>_MODEL`; `<prefix>_API_KEY` is optional. */
function parseOpenAiServer(env: Env, prefix: 'EMBEDDING' | 'SUMMARY'): OpenAiServer | null {
  const url = env[`${prefix}_URL`] || null;
  if (!url) return null;
  parseUrl(`${prefix}_URL`, url);
  const model = env[`${prefix}_MODEL`];
  if (!model) throw new ConfigError(`${prefix}_URL needs ${prefix}_MODEL too`);
  return { url, model, apiKey: env[`${prefix}_API_KEY`] || null };
}

function withKeyHidden(server: OpenAiServer | null): OpenAiServer | null {
  return server ? { ...server, apiKey: server.apiKey ? '[hidden]' : null } : null;
}

/**
 * Comma-separated non-negative numbers, as many as `fallback` has; with `least`, the first `least` will do
 * and the rest come from `fallback` (settings written before a number was added keep working).
 */
function parseNumbers<T extends number[]>(
  name: string,
  value: string | undefined,
  fallback: T,
  least: number = fallback.length,
): T {
  if (value === undefined || value === '') return fallback;
  const numbers = value.split(',').map((part) => Number(part.trim()));
  const count = least === fallback.length ? `${least}` : `${least} or ${fallback.length}`;
  if (
    numbers.length < least ||
    numbers.length > fallback.length ||
    numbers.some((n) => !Number.isFinite(n) || n < 0)
  ) {
    throw new ConfigError(
      `${name} must be ${count} non-negative numbers separated by commas, got "${value}"`,
    );
  }
  return [...numbers, ...fallback.slice(numbers.length)] as T;
}

function parseMail(env: Env, dataDir: string, publicUrl: string, cwd: string): Config['mail'] {
  const smtpUrl = env.SMTP_URL || null;
  if (smtpUrl && !/^smtps?:\/\/[^/]+/.test(smtpUrl)) {
    throw new ConfigError('SMTP_URL must look like smtp://user:pass@host:port or smtps://…');
  }
  const dkimKeyFile = env.DKIM_PRIVATE_KEY_FILE;
  let dkim: Config['mail']['dkim'] = null;
  if (env.DKIM_DOMAIN || env.DKIM_SELECTOR || dkimKeyFile) {
    if (!env.DKIM_DOMAIN || !env.DKIM_SELECTOR || !dkimKeyFile) {
      throw new ConfigError('DKIM needs all of DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY_FILE');
    }
    let privateKey: string;
    try {
      privateKey = fs.readFileSync(path.resolve(cwd, dkimKeyFile), 'utf8');
    } catch {
      throw new ConfigError(`DKIM_PRIVATE_KEY_FILE ${dkimKeyFile} cannot be read`);
    }
    dkim = { domainName: env.DKIM_DOMAIN, keySelector: env.DKIM_SELECTOR, privateKey };
  }
  return {
    from: env.MAIL_FROM || `Paperpulse <no-reply@${new URL(publicUrl).hostname}>`,
    smtpUrl,
    outboxDir: path.join(dataDir, 'outbox'),
    maxConnections: parseInteger('SMTP_MAX_CONNECTIONS', env.SMTP_MAX_CONNECTIONS, 5, 1, 100),
    ratePerSecond: parseInteger('SMTP_RATE', env.SMTP_RATE, 50, 1, 100_000),
    dkim,
  };
}

function parseDatabaseUrl(value: string | undefined, dataDir: string, cwd: string): Config['database'] {
  if (!value) return { kind: 'sqlite', url: path.join(dataDir, 'paperpulse.db') };
  if (/^postgres(ql)?:\/\//.test(value)) {
    parseUrl('DATABASE_URL', value);
    return { kind: 'postgres', url: value };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) && !value.startsWith('sqlite:')) {
    throw new ConfigError('DATABASE_URL must be a SQLite file path, sqlite:PATH or postgres://…');
  }
  const file = value.replace(/^sqlite:(\/\/)?/, '');
  return { kind: 'sqlite', url: file === ':memory:' ? file : path.resolve(cwd, file) };
}

function parseInteger(name: string, value: string | undefined, fallback: number, min: number, max: number) {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${value}"`);
  }
  return n;
}

function parseBoolean(name: string, value: string | undefined, fallback: boolean) {
  if (value === undefined || value === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new ConfigError(`${name} must be true or false, got "${value}"`);
}

function parseUrl(name: string, value: string) {
  try {
    const url = new URL(value);
    if (!/^(https?|postgres(ql)?):$/.test(url.protocol)) throw new Error('protocol');
    return value;
  } catch {
    throw new ConfigError(`${name} must be an absolute URL, got "${hideSecrets(value)}"`);
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
