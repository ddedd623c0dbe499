import assert from 'node:assert/strict';
import { test } from 'node:test';
import zlib from 'node:zlib';
import { PageCache } from '../../src/web/page-cache.ts';

/** A render function that counts its calls and answers `page N`. */
function counter() {
  let calls = 0;
  return {
    render: async () => `page ${++calls}`,
    get calls() {
      return calls;
    },
  };
}

test('within its time to live a page is rendered once, however many ask at once', async () => {
  let now = 1000;
  const cache = new PageCache({ ttlMs: 500, now: () => now });
  const pages = counter();
  const bodies = await Promise.all(Array.from({ length: 5 }, () => cache.get('/', pages.render)));
  assert.deepEqual(new Set(bodies.map((p) => p.body.toString())), new Set(['page 1']));
  now += 499;
  assert.equal((await cache.get('/', pages.render)).body.toString(), 'page 1');
  assert.equal(pages.calls, 1);
});

test('a stale page is rendered again, and the entity tag follows the content', async () => {
  let now = 0;
  const cache = new PageCache({ ttlMs: 500, now: () => now });
  const pages = counter();
  const first = await cache.get('/', pages.render);
  now = 500;
  const second = await cache.get('/', pages.render);
  assert.equal(second.body.toString(), 'page 2');
  assert.notEqual(first.etag, second.etag);
  assert.match(first.etag, /^"[\w-]{27}"$/);
});

test('invalidate() makes the next request render fresh data', async () => {
  const cache = new PageCache({ ttlMs: 60_000 });
  const pages = counter();
  await cache.get('/', pages.render);
  cache.invalidate();
  assert.equal((await cache.get('/', pages.render)).body.toString(), 'page 2');
});

test('a failed render is not kept', async () => {
  const cache = new PageCache({ ttlMs: 60_000 });
  await assert.rejects(
    cache.get('/', () => Promise.reject(new Error('store down'))),
    /store down/,
  );
  assert.equal((await cache.get('/', async () => 'recovered')).body.toString(), 'recovered');
});

test('keys are separate, and the oldest go when there are too many', async () => {
  const cache = new PageCache({ ttlMs: 60_000, maxEntries: 2 });
  const pages = counter();
  await cache.get('a', pages.render);
  await cache.get('b', pages.render);
  await cache.get('c', pages.render);
  assert.equal(pages.calls, 3);
  assert.equal((await cache.get('c', pages.render)).body.toString(), 'page 3');
  assert.equal((await cache.get('a', pages.render)).body.toString(), 'page 4', 'a was evicted');
});

test('a time to live of 0 renders every request', async () => {
  const cache = new PageCache({ ttlMs: 0 });
  const pages = counter();
  await cache.get('/', pages.render);
  await cache.get('/', pages.render);
  assert.equal(pages.calls, 2);
});

test('a page is compressed once per render and coding, each coding with its own entity tag', async () => {
  const cache = new PageCache({ ttlMs: 60_000 });
  const html = `<p>${'a listing page '.repeat(500)}</p>`;
  const page = await cache.get('/', async () => html);
  const [br, again] = await Promise.all([page.bodyFor('br'), page.bodyFor('br')]);
  assert.equal(br, again, 'one compression shared');
  assert.equal((await cache.get('/', async () => 'not asked')).bodyFor('br'), page.bodyFor('br'));
  assert.equal(zlib.brotliDecompressSync(br).toString(), html);
  assert.equal(zlib.gunzipSync(await page.bodyFor('gzip')).toString(), html);
  assert.equal(await page.bodyFor('identity'), page.body);
  assert.ok(br.length < page.body.length / 10);
  const tags = (['identity', 'br', 'gzip'] as const).map((coding) => page.etagFor(coding));
  assert.deepEqual(tags, [page.etag, page.etag.replace(/"$/, '-br"'), page.etag.replace(/"$/, '-gzip"')]);
});
