/**
 * The listing benchmark's server process: a store of day listings, the app's real Fastify server, and
 * beside its routes the ceiling — the bytes of `/papers` as a static file and from memory, each also in
 * the brotli and gzip bytes the app sends, compressed once beforehand (`.br`/`.gz` siblings of the file,
 * served by @fastify/static's `preCompressed`), so the ceiling never compresses per request.
 */
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { type App, createApp, createServer, ingestInput } from '../src/main.ts';
import { type ContentCoding, negotiateEncoding } from '../src/web/accept-encoding.ts';
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
  const file = path.join(request.staticDir, STATIC_FILE);
  fs.mkdirSync(request.staticDir, { recursive: true });
  fs.writeFileSync(file, page.identity);
  fs.writeFileSync(`${file}.br`, page.br);
  fs.writeFileSync(`${file}.gz`, page.gzip);

  server = await createServer(app);
  await server.register(fastifyStatic, {
    root: request.staticDir,
    prefix: `${path.dirname(STATIC_FILE_PATH)}/`,
    decorateReply: false,
    index: false,
    preCompressed: true,
  });
  server.get(STATIC_MEMORY_PATH, { compress: false }, (request, reply) => {
    const coding = negotiateEncoding(request.headers['accept-encoding'], CODINGS) ?? 'identity';
    reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('vary', 'accept-encoding');
    if (coding !== 'identity') reply.header('content-encoding', coding);
    return reply.send(page[coding]);
  });
  await server.listen({ host: '127.0.0.1', port: 0 });
  const address = server.server.address();
  if (address === null || typeof address === 'string') throw new Error('the server has no TCP address');
  return {
    kind: 'ready',
    port: address.port,
    listed: summary.listed,
    pageBytes: page.identity.length,
    brBytes: page.br.length,
    gzipBytes: page.gzip.length,
  };
}

const CODINGS: readonly ContentCoding[] = ['br', 'gzip', 'identity'];

/**
 * The `/papers` page as the app sends it, as rendered and compressed, from a throwaway server (a ready
 * server takes no more routes).
 */
async function renderListing(app: App): Promise<Record<ContentCoding, Buffer>> {
  const probe = await createServer(app);
  try {
    const body = async (coding: ContentCoding) => {
      const response = await probe.inject({
        method: 'GET',
        url: LISTING_PATH,
        headers: { 'accept-encoding': coding },
      });
      if (response.statusCode !== 200) throw new Error(`GET ${LISTING_PATH} answered ${response.statusCode}`);
      if ((response.headers['content-encoding'] ?? 'identity') !== coding)
        throw new Error(
          `GET ${LISTING_PATH} asked for ${coding} came as ${response.headers['content-encoding']}`,
        );
      return response.rawPayload;
    };
    return { identity: await body('identity'), br: await body('br'), gzip: await body('gzip') };
  } finally {
    await probe.close();
  }
}

serve(handle, async () => {
  await server?.close();
  await app?.close();
});
