/**
 * The listing benchmark's server process: a store of day listings, the app's real Fastify server, and
 * beside its routes the ceiling — the bytes of `/papers` as a static file and from memory.
 */
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { type App, createApp, createServer, ingestInput } from '../src/main.ts';
import { serve } from './child.ts';
import {
  LISTING_PATH,
  type ServerReply,
  type ServerRequest,
  STATIC_FILE_PATH,
  STATIC_MEMORY_PATH,
} from './listing-protocol.ts';
import { benchConfig, removeStore } from './store-files.ts';

const STATIC_FILE = path.basename(STATIC_FILE_PATH);

let app: App | null = null;
let server: FastifyInstance | null = null;

async function handle(request: ServerRequest): Promise<ServerReply> {
  if (request.kind === 'cpu') {
    const { user, system } = process.cpuUsage();
    return { kind: 'cpu', cpuMicros: user + system, at: performance.now() };
  }
  removeStore(request.dbFile);
  app = await createApp(benchConfig(request.dbFile), { schema: 'auto' });
  const summary = await ingestInput(app, request.papers, 'jsonl');
  const page = await renderListing(app);
  fs.mkdirSync(request.staticDir, { recursive: true });
  fs.writeFileSync(path.join(request.staticDir, STATIC_FILE), page);

  server = await createServer(app);
  await server.register(fastifyStatic, {
    root: request.staticDir,
    prefix: `${path.dirname(STATIC_FILE_PATH)}/`,
    decorateReply: false,
    index: false,
  });
  server.get(STATIC_MEMORY_PATH, (_request, reply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(page),
  );
  await server.listen({ host: '127.0.0.1', port: 0 });
  const address = server.server.address();
  if (address === null || typeof address === 'string') throw new Error('the server has no TCP address');
  return { kind: 'ready', port: address.port, listed: summary.listed, pageBytes: page.length };
}

/** The `/papers` page as the app renders it, from a throwaway server (a ready server takes no more routes). */
async function renderListing(app: App): Promise<Buffer> {
  const probe = await createServer(app);
  try {
    const response = await probe.inject({ method: 'GET', url: LISTING_PATH });
    if (response.statusCode !== 200) throw new Error(`GET ${LISTING_PATH} answered ${response.statusCode}`);
    return response.rawPayload;
  } finally {
    await probe.close();
  }
}

serve(handle, async () => {
  await server?.close();
  await app?.close();
});
