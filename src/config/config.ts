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
  ['HF_URL', 'https://huggingface.co', 'the Hugging Face site whose daily-papers API `harvest hf` reads'],
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
    huggingFaceUrl: parseUrl('HF_URL', env.HF_URL || 'https://huggingface.co').replace(/\/+$/, ''),
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
  };
}

export function hideSecrets(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
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
