import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type ParsedMail, simpleParser } from 'mailparser';
import type { DatabaseKind } from '../../../src/config/config.ts';
import { loadConfig } from '../../../src/config/config.ts';
import { type App, createApp, createServer, importDemoOnFirstStart } from '../../../src/main.ts';
import { createTestDatabase } from '../../helpers/databases.ts';
import { demoFile, repoRoot } from '../../web/helpers/web-app.ts';

export const PUBLIC_URL = 'http://paperpulse.test';

export interface DigestApp {
  readonly app: App;
  readonly server: FastifyInstance;
  readonly dataDir: string;
  /** The environment a `paperpulse` child process needs to use the same store and settings. */
  readonly env: Record<string, string>;
  /** Every email in the outbox, oldest first, parsed. */
  outbox(): Promise<ParsedMail[]>;
  dispose(): Promise<void>;
}

/**
 * The real app graph on a fresh database of that dialect, with its own DATA_DIR (so the .eml outbox is
 * a temp folder), the demo listing of 2025-03-14 imported, and the HTTP server for `inject`.
 */
export async function startDigestApp(
  kind: DatabaseKind,
  extraEnv: Record<string, string> = {},
): Promise<DigestApp> {
  const database = await createTestDatabase(kind);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-digest-'));
  const env = {
    DATABASE_URL: database.url,
    DATA_DIR: dataDir,
    DEMO_DATA: demoFile,
    LOG_LEVEL: 'silent',
    PUBLIC_URL,
    ...extraEnv,
  };
  const app = await createApp(loadConfig(env, repoRoot), { schema: 'auto' });
  await importDemoOnFirstStart(app);
  const server = await createServer(app);
  const outboxDir = path.join(dataDir, 'outbox');
  return {
    app,
    server,
    dataDir,
    env,
    async outbox() {
      if (!fs.existsSync(outboxDir)) return [];
      const files = fs
        .readdirSync(outboxDir)
        .filter((f) => f.endsWith('.eml'))
        .sort();
      return Promise.all(files.map((f) => simpleParser(fs.readFileSync(path.join(outboxDir, f)))));
    },
    async dispose() {
      await server.close();
      await app.close();
      await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const FORM = { 'content-type': 'application/x-www-form-urlencoded', origin: PUBLIC_URL };

export function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

/** The first link in a text that starts with `prefix`. */
export function linkIn(text: string, prefix: string): string {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${escaped}[^\\s<>"]*`).exec(text);
  if (!match) throw new Error(`no link starting ${prefix} in:\n${text}`);
  return match[0];
}

/** The path and query of an absolute URL on the test site, for `inject`. */
export function local(url: string): string {
  return url.slice(PUBLIC_URL.length);
}

/** The CSRF cookie and token of a page's form, for posting it back. */
export function csrfFrom(response: { headers: Record<string, unknown>; body: string }) {
  const setCookie = String(response.headers['set-cookie'] ?? '');
  const cookie = /pp_csrf=([^;]+)/.exec(setCookie)?.[1];
  const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
  if (!cookie || !token) throw new Error('no CSRF cookie or token on the page');
  return { cookie: `pp_csrf=${cookie}`, token };
}
