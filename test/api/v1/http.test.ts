import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { etagOf } from '../../../src/api/v1/http-caching.ts';
import { matchesIfNoneMatch } from '../../../src/http/if-none-match.ts';
import { describeEachDialect } from '../../helpers/databases.ts';
import { startApiApp, type WebApp } from '../helpers/api-app.ts';

const ORIGIN = 'https://reader.example';

describeEachDialect('REST API v1: caching and CORS', (kind) => {
  let web: WebApp;
  before(async () => {
    web = await startApiApp(kind);
  });
  after(() => web.dispose());
  const request = (
    method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE' | 'OPTIONS',
    url: string,
    headers = {},
  ) => web.server.inject({ method, url, headers });

  test('a read carries an ETag of its body and Cache-Control: public, max-age=60', async () => {
    const res = await request('GET', '/api/v1/papers/2411.28001');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers.etag, etagOf(res.body));
    assert.equal(res.headers['cache-control'], 'public, max-age=60');
    const again = await request('GET', '/api/v1/papers/2411.28001');
    assert.equal(again.headers.etag, res.headers.etag, 'the same body, the same tag');
    const other = await request('GET', '/api/v1/papers/2411.27001');
    assert.notEqual(other.headers.etag, res.headers.etag);
  });

  test('If-None-Match with the current tag is 304 with no body; a stale tag gets the body', async () => {
    const url = '/api/v1/listings/2024-11-29';
    const first = await request('GET', url);
    const etag = String(first.headers.etag);
    const revalidated = await request('GET', url, { 'if-none-match': etag });
    assert.equal(revalidated.statusCode, 304);
    assert.equal(revalidated.body, '');
    assert.equal(revalidated.headers.etag, etag);
    assert.equal(revalidated.headers['cache-control'], 'public, max-age=60');
    assert.match(etag, /^W\//, 'weak: the same tag for every content coding of the body');
    const strong = await request('GET', url, { 'if-none-match': `"stale", ${etag.slice(2)}` });
    assert.equal(strong.statusCode, 304, 'weak comparison, in a list');
    const stale = await request('GET', url, { 'if-none-match': '"stale"' });
    assert.equal(stale.statusCode, 200);
    assert.equal(stale.body, first.body);
  });

  test('a change to the data changes the tag', async () => {
    const url = '/api/v1/papers/2411.28001';
    const before = await request('GET', url);
    await web.app.sink.writeBatch({
      records: [],
      listings: [],
      upvotes: new Map([['2411.28001', 70]]),
      cursor: null,
    });
    const after = await request('GET', url, { 'if-none-match': String(before.headers.etag) });
    assert.equal(after.statusCode, 200);
    assert.equal((after.json() as { upvotes: number }).upvotes, 70);
    assert.notEqual(after.headers.etag, before.headers.etag);
  });

  test('errors are not cached and carry no ETag', async () => {
    const res = await request('GET', '/api/v1/papers/2501.99999');
    assert.equal(res.statusCode, 404);
    assert.equal(res.headers.etag, undefined);
    assert.notEqual(res.headers['cache-control'], 'public, max-age=60');
  });

  test('HEAD answers like GET without a body', async () => {
    const get = await request('GET', '/api/v1/listings/latest');
    const head = await request('HEAD', '/api/v1/listings/latest');
    assert.equal(head.statusCode, 200);
    assert.equal(head.body, '');
    assert.equal(head.headers.etag, get.headers.etag);
  });

  test('reads are open to any origin; writes get no CORS header and are refused', async () => {
    const get = await request('GET', '/api/v1/papers/2411.28001', { origin: ORIGIN });
    assert.equal(get.headers['access-control-allow-origin'], '*');
    assert.equal(get.headers['cross-origin-resource-policy'], 'cross-origin');
    const head = await request('HEAD', '/api/v1/papers/2411.28001', { origin: ORIGIN });
    assert.equal(head.headers['access-control-allow-origin'], '*');
    for (const method of ['POST', 'PUT', 'DELETE'] as const) {
      const write = await request(method, '/api/v1/papers/2411.28001', { origin: ORIGIN });
      assert.equal(write.headers['access-control-allow-origin'], undefined, method);
      assert.equal(write.statusCode, 404, method);
      assert.equal((write.json() as { error: { code: string } }).error.code, 'not_found');
    }
  });

  test('a preflight allows GET and HEAD only', async () => {
    const preflight = await request('OPTIONS', '/api/v1/papers', {
      origin: ORIGIN,
      'access-control-request-method': 'POST',
    });
    assert.equal(preflight.statusCode, 204);
    const allowed = String(preflight.headers['access-control-allow-methods']).split(/,\s*/);
    assert.deepEqual(allowed, ['GET', 'HEAD']);
  });

  test('other routes keep their own policy: no CORS on pages', async () => {
    const page = await request('GET', '/', { origin: ORIGIN });
    assert.equal(page.headers['access-control-allow-origin'], undefined);
  });
});

test('If-None-Match comparison is weak and understands lists and *', () => {
  const tag = etagOf('{"a":1}');
  assert.match(tag, /^W\/"[A-Za-z0-9_-]{22}"$/);
  assert.equal(matchesIfNoneMatch(undefined, tag), false);
  assert.equal(matchesIfNoneMatch(tag, tag), true);
  assert.equal(matchesIfNoneMatch(tag.slice(2), tag), true);
  assert.equal(matchesIfNoneMatch(`"x", ${tag}`, tag), true);
  assert.equal(matchesIfNoneMatch('*', tag), true);
  assert.equal(matchesIfNoneMatch('"x"', tag), false);
});
