import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { simpleParser } from 'mailparser';
import type { DatabaseKind } from '../../../src/config/config.ts';
import { loadConfig } from '../../../src/config/config.ts';
import { type App, createApp, createServer } from '../../../src/main.ts';
import { createTestDatabase } from '../../helpers/databases.ts';
import { ingestPapers, repoRoot, type TestPaper } from '../../web/helpers/web-app.ts';

export const PUBLIC_URL = 'http://localhost:3000';

export interface CommunityApp {
  readonly app: App;
  readonly server: FastifyInstance;
  readonly outbox: string;
  /** A new browser: its own cookie jar. */
  browser(ip?: string): Browser;
  dispose(): Promise<void>;
}

/** The real app graph on a fresh database, with `papers` ingested and `env` added to the test settings. */
export async function startCommunityApp(
  kind: DatabaseKind,
  papers: readonly TestPaper[] = [],
  env: Record<string, string> = {},
): Promise<CommunityApp> {
  const database = await createTestDatabase(kind);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-community-'));
  const config = loadConfig(
    {
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      DEMO_DATA: 'off',
      LOG_LEVEL: 'silent',
      PUBLIC_URL,
      ARXIV_MIN_INTERVAL_MS: '0',
      ...env,
    },
    repoRoot,
  );
  const app = await createApp(config, { schema: 'auto' });
  if (papers.length > 0) await ingestPapers(app, papers);
  const server = await createServer(app);
  return {
    app,
    server,
    outbox: config.mail.outboxDir,
    browser: (ip = '127.0.0.1') => new Browser(server, config.mail.outboxDir, ip),
    async dispose() {
      await server.close();
      await app.close();
      await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A client with a cookie jar, sending Origin as a browser does; `csrf()` reads a page's form token. */
export class Browser {
  readonly cookies = new Map<string, string>();

  constructor(
    private readonly server: FastifyInstance,
    private readonly outbox: string,
    private readonly ip: string,
  ) {}

  async get(url: string): Promise<LightMyRequestResponse> {
    return this.keep(
      await this.server.inject({ method: 'GET', url, headers: this.headers(), remoteAddress: this.ip }),
    );
  }

  async post(
    url: string,
    form: Record<string, string>,
    headers: Record<string, string> = { origin: PUBLIC_URL },
  ): Promise<LightMyRequestResponse> {
    return this.keep(
      await this.server.inject({
        method: 'POST',
        url,
        payload: new URLSearchParams(form).toString(),
        headers: { ...this.headers(), 'content-type': 'application/x-www-form-urlencoded', ...headers },
        remoteAddress: this.ip,
      }),
    );
  }

  /** Posts a form with this browser's CSRF token (read from `page`). */
  async submit(
    page: string,
    url: string,
    form: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const token = csrfIn((await this.get(page)).body);
    return this.post(url, { ...form, _csrf: token });
  }

  /** Asks for a sign-in link, takes it from the outbox and opens it. */
  async signIn(email: string): Promise<LightMyRequestResponse> {
    const asked = await this.submit('/sign-in', '/sign-in', { email });
    if (asked.statusCode !== 200)
      throw new Error(`sign-in request answered ${asked.statusCode}: ${asked.body}`);
    const link = await latestLink(this.outbox, email);
    return this.get(link.replace(PUBLIC_URL, ''));
  }

  private headers(): Record<string, string> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return cookie ? { cookie } : {};
  }

  private keep(res: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = c.maxAge === 0 || (c.expires !== undefined && c.expires.getTime() < Date.now());
      if (expired || c.value === '') this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }
}

export function csrfIn(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('no CSRF token on the page');
  return token;
}

/** The sign-in link of the newest message to `to` in the outbox, parsed with mailparser. */
export async function latestLink(outbox: string, to: string): Promise<string> {
  const files = fs
    .readdirSync(outbox)
    .filter((f) => f.endsWith('.eml'))
    .map((f) => path.join(outbox, f))
    .sort((a, b) => fs.statSync(a).mtimeMs - fs.statSync(b).mtimeMs);
  for (const file of files.reverse()) {
    const mail = await simpleParser(fs.readFileSync(file));
    if (mail.to && !Array.isArray(mail.to) && mail.to.text.toLowerCase() === to.toLowerCase()) {
      const link = /https?:\/\/\S+\/sign-in\/link\?token=[A-Za-z0-9_-]+/.exec(mail.text ?? '')?.[0];
      if (link) return link;
    }
  }
  throw new Error(`no sign-in link to ${to} in ${outbox}`);
}

/** How many messages the outbox holds. */
export function outboxCount(outbox: string): number {
  return fs.existsSync(outbox) ? fs.readdirSync(outbox).filter((f) => f.endsWith('.eml')).length : 0;
}
