import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { DatabaseKind } from '../../../src/config/config.ts';
import { loadConfig } from '../../../src/config/config.ts';
import type { RawPaper } from '../../../src/domain/normalise.ts';
import { ingest } from '../../../src/ingest/ingest.ts';
import type { RawListing, Source, SourceItem } from '../../../src/ingest/source.ts';
import { type App, createApp, createServer, importDemoOnFirstStart } from '../../../src/main.ts';
import { createTestDatabase } from '../../helpers/databases.ts';

export const repoRoot = path.resolve(import.meta.dirname, '../../..');
export const demoFile = path.join(repoRoot, 'demo/papers.jsonl');

export interface WebApp {
  readonly app: App;
  readonly server: FastifyInstance;
  dispose(): Promise<void>;
}

/**
 * The real app graph on a fresh database of that dialect (a temp SQLite file, or a PostgreSQL schema),
 * with the demo set imported as on a first start (unless `demo` is false), then `extra` papers
 * ingested, then the HTTP server.
 */
export async function startWebApp(
  kind: DatabaseKind,
  extra: readonly TestPaper[] = [],
  options: { demo: boolean } = { demo: true },
): Promise<WebApp> {
  const database = await createTestDatabase(kind);
  const config = loadConfig(
    { DATABASE_URL: database.url, DEMO_DATA: options.demo ? demoFile : 'off', LOG_LEVEL: 'silent' },
    repoRoot,
  );
  const app = await createApp(config, { schema: 'auto' });
  await importDemoOnFirstStart(app);
  if (extra.length > 0) await ingestPapers(app, extra);
  const server = await createServer(app);
  return {
    app,
    server,
    async dispose() {
      await server.close();
      await app.close();
      await database.drop();
    },
  };
}

/** A paper as a source would yield it, optionally featured on a day's listing. */
export interface TestPaper {
  readonly raw: RawPaper;
  readonly listing?: RawListing;
}

/** Ingests papers through the real pipeline (normalise, batch, StoreSink) from an in-memory source. */
export async function ingestPapers(app: App, papers: readonly TestPaper[]): Promise<void> {
  const summary = await ingest(arraySource(papers), app.sink, { timeZone: 'UTC' });
  if (summary.rejected > 0) throw new Error(`test papers rejected: ${JSON.stringify(summary.rejections)}`);
}

function arraySource(papers: readonly TestPaper[]): Source {
  return {
    name: 'test papers',
    cursorKey: null,
    async *read(): AsyncIterable<SourceItem> {
      for (const [i, { raw, listing }] of papers.entries()) {
        yield listing
          ? { kind: 'paper', raw, where: `test:${i}`, listing }
          : { kind: 'paper', raw, where: `test:${i}` };
      }
    },
  };
}
