import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { ingest } from '../../src/ingest/ingest.ts';
import { openFileSource } from '../../src/ingest/open-source.ts';
import { StoreSink } from '../../src/ingest/store-sink.ts';
import { PaperStore } from '../../src/papers/paper-store.ts';
import { KeywordIndex } from '../../src/search/keyword-index.ts';
import { SearchService } from '../../src/search/search-service.ts';
import { registerSearchRoutes } from '../../src/web/search-routes.tsx';
import { migratedDatabase } from '../helpers/databases.ts';

const demoFile = path.resolve(import.meta.dirname, '../../demo/papers.jsonl');
let database: Awaited<ReturnType<typeof migratedDatabase>>;
let app: FastifyInstance;

before(async () => {
  database = await migratedDatabase('sqlite');
  await ingest(openFileSource(demoFile, 'jsonl'), new StoreSink(database.db), { timeZone: 'UTC' });
  const search = new SearchService(new KeywordIndex(database.db, 'sqlite'), new PaperStore(database.db));
  app = Fastify();
  registerSearchRoutes(app, { search, meaning: () => false });
  await app.ready();
});
after(async () => {
  await app.close();
  await database.dispose();
});

const get = (q: string) =>
  app.inject({ method: 'GET', url: `/search?${new URLSearchParams({ q }).toString()}` });

test('the search page lists hits with their matches marked in title and abstract', async () => {
  const response = await get('token merging vision transformer');
  assert.equal(response.statusCode, 200);
  assert.match(response.body, /Spectrum-Preserving <mark>Token<\/mark> <mark>Merging<\/mark>/);
  assert.match(response.body, /class="abstract">[^<]*(?:<mark>[^<]+<\/mark>[^<]*)+/);
  assert.match(
    response.body,
    /<input id="search-q" type="search" name="q" value="token merging vision transformer"/,
  );
});

test('without a query it shows the box; a bad query is a 400 that says why', async () => {
  const empty = await app.inject({ method: 'GET', url: '/search' });
  assert.equal(empty.statusCode, 200);
  assert.match(empty.body, /name="q"/);
  const bad = await get('after:2024-13-40');
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /role="alert">after: wants a day as YYYY-MM-DD/);
});

test('what is typed is shown escaped, never as markup', async () => {
  const response = await get('<script>alert(1)</script> "><img src=x>');
  assert.ok(response.statusCode === 200 || response.statusCode === 400);
  assert.doesNotMatch(response.body, /<script>alert|<img src=x>/);
});

test('pages link to each other', async () => {
  const first = await get('model');
  assert.match(first.body, /rel="next" href="\/search\?q=model&amp;mode=keyword&amp;page=2"/);
  const second = await app.inject({ method: 'GET', url: '/search?q=model&page=2' });
  assert.match(second.body, /rel="prev"/);
});
