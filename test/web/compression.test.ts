import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import zlib from 'node:zlib';
import { cardIds } from './helpers/html.ts';
import { startWebApp, type WebApp } from './helpers/web-app.ts';

interface Answer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  /** The bytes as they came over the wire, still encoded. */
  readonly raw: Buffer;
}

const BROWSER = 'gzip, deflate, br';

/** Undoes the answer's Content-Encoding. */
function decoded(answer: Answer): Buffer {
  const coding = answer.headers['content-encoding'];
  if (coding === undefined) return answer.raw;
  if (coding === 'br') return zlib.brotliDecompressSync(answer.raw);
  if (coding === 'gzip') return zlib.gunzipSync(answer.raw);
  throw new Error(`unexpected content-encoding ${coding}`);
}

const varies = (answer: Answer) => /(^|,)\s*accept-encoding\s*(,|$)/i.test(String(answer.headers.vary ?? ''));

/**
 * Responses over a real socket, read raw (node:http does not decode), so the test sees what a browser
 * receives: the listing pages from the page cache in the best coding the request allows, and other
 * answers compressed by the server. Compression does not depend on the store, so SQLite alone is enough.
 */
describe('compressed responses', () => {
  let web: WebApp;
  let port: number;
  before(async () => {
    web = await startWebApp('sqlite');
    await web.server.listen({ host: '127.0.0.1', port: 0 });
    port = (web.server.server.address() as AddressInfo).port;
  });
  after(() => web.dispose());

  const ask = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
    new Promise<Answer>((resolve, reject) => {
      const request = http.request({ host: '127.0.0.1', port, path, method, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            raw: Buffer.concat(chunks),
          }),
        );
        response.on('error', reject);
      });
      request.on('error', reject);
      request.end();
    });

  describe('the listing page', () => {
    let identity: Answer;
    before(async () => {
      identity = await ask('/papers');
    });

    test('without Accept-Encoding it is sent as rendered, and says it varies', () => {
      assert.equal(identity.status, 200);
      assert.equal(identity.headers['content-encoding'], undefined);
      assert.ok(varies(identity));
      assert.equal(Number(identity.headers['content-length']), identity.raw.length);
      assert.equal(cardIds(identity.raw.toString()).length, 61, 'the demo day');
    });

    for (const [acceptEncoding, coding] of [
      [BROWSER, 'br'],
      ['gzip, deflate', 'gzip'],
      ['br;q=0, gzip', 'gzip'],
      ['gzip;q=0.5, br;q=0.9', 'br'],
      ['identity', undefined],
      ['deflate', undefined],
      ['br;q=0, gzip;q=0', undefined],
      // the server's own compression would pick gzip here: the page cache alone decides these pages
      ['identity, gzip;q=0.5', undefined],
    ] as const) {
      test(`Accept-Encoding: ${acceptEncoding} gets ${coding ?? 'identity'}, decoding to the same page`, async () => {
        const answer = await ask('/papers', { 'accept-encoding': acceptEncoding });
        assert.equal(answer.status, 200);
        assert.equal(answer.headers['content-encoding'], coding);
        assert.ok(varies(answer));
        assert.equal(Number(answer.headers['content-length']), answer.raw.length);
        assert.ok(decoded(answer).equals(identity.raw));
        assert.equal(answer.headers.etag, identity.headers.etag?.replace(/"$/, coding ? `-${coding}"` : '"'));
      });
    }

    test('compressed, it is a fraction of the bytes', async () => {
      const br = await ask('/papers', { 'accept-encoding': BROWSER });
      const gzip = await ask('/papers', { 'accept-encoding': 'gzip' });
      assert.ok(br.raw.length < identity.raw.length / 6, `br ${br.raw.length} of ${identity.raw.length}`);
      assert.ok(
        gzip.raw.length < identity.raw.length / 3,
        `gzip ${gzip.raw.length} of ${identity.raw.length}`,
      );
    });

    test('a request that refuses every coding, identity too, gets 406', async () => {
      for (const acceptEncoding of ['identity;q=0', '*;q=0']) {
        const answer = await ask('/papers', { 'accept-encoding': acceptEncoding });
        assert.equal(answer.status, 406, acceptEncoding);
      }
    });

    test('each coding has its own entity tag, and revalidating with it answers 304', async () => {
      const tags = new Set<string>();
      for (const acceptEncoding of [BROWSER, 'gzip', 'identity']) {
        const first = await ask('/papers', { 'accept-encoding': acceptEncoding });
        const etag = first.headers.etag;
        assert.ok(etag);
        tags.add(etag);
        const again = await ask('/papers', { 'accept-encoding': acceptEncoding, 'if-none-match': etag });
        assert.equal(again.status, 304, acceptEncoding);
        assert.equal(again.raw.length, 0);
        assert.equal(again.headers.etag, etag);
        assert.ok(varies(again));
      }
      assert.equal(tags.size, 3);
    });

    test('a browser holding the uncompressed page gets the compressed one, not a 304', async () => {
      const answer = await ask('/papers', {
        'accept-encoding': BROWSER,
        'if-none-match': String(identity.headers.etag),
      });
      assert.equal(answer.status, 200);
      assert.equal(answer.headers['content-encoding'], 'br');
    });

    test('HEAD gives the headers of the GET in that coding, without a body', async () => {
      const get = await ask('/papers', { 'accept-encoding': BROWSER });
      const head = await ask('/papers', { 'accept-encoding': BROWSER }, 'HEAD');
      assert.equal(head.status, 200);
      assert.equal(head.raw.length, 0);
      assert.equal(head.headers['content-encoding'], 'br');
      assert.equal(head.headers['content-length'], get.headers['content-length']);
      assert.equal(head.headers.etag, get.headers.etag);
      assert.ok(varies(head));
      const plain = await ask('/papers', {}, 'HEAD');
      assert.equal(plain.headers['content-encoding'], undefined);
      assert.equal(Number(plain.headers['content-length']), identity.raw.length);
    });

    test('a day, week and month page come from the same place', async () => {
      for (const path of ['/papers/date/2025-03-14', '/papers/week/2025-W11', '/papers/month/2025-03']) {
        const answer = await ask(path, { 'accept-encoding': BROWSER });
        assert.equal(answer.status, 200, path);
        assert.equal(answer.headers['content-encoding'], 'br', path);
        assert.match(String(answer.headers.etag), /-br"$/, path);
        assert.match(decoded(answer).toString(), /<h1/, path);
      }
    });
  });

  describe('other answers', () => {
    test('a paper page, a feed and the APIs are compressed when asked, decoding to the same bytes', async () => {
      for (const path of ['/papers/2502.05979', '/papers/feed.xml', '/api/daily_papers', '/api/v1/papers']) {
        const plain = await ask(path);
        assert.equal(plain.status, 200, path);
        assert.equal(plain.headers['content-encoding'], undefined, path);
        for (const coding of ['br', 'gzip']) {
          const answer = await ask(path, { 'accept-encoding': coding });
          assert.equal(answer.status, 200, path);
          assert.equal(answer.headers['content-encoding'], coding, path);
          assert.ok(varies(answer), path);
          assert.ok(decoded(answer).equals(plain.raw), `${path} ${coding}`);
          assert.ok(answer.raw.length < plain.raw.length / 2, `${path} ${coding}`);
        }
      }
    });

    test('the REST API still answers 304 to its entity tag when compressed', async () => {
      const first = await ask('/api/v1/papers', { 'accept-encoding': BROWSER });
      const again = await ask('/api/v1/papers', {
        'accept-encoding': BROWSER,
        'if-none-match': String(first.headers.etag),
      });
      assert.equal(again.status, 304);
      assert.equal(again.raw.length, 0);
    });

    test('small answers are sent as they are', async () => {
      const answer = await ask('/healthz', { 'accept-encoding': BROWSER });
      assert.equal(answer.headers['content-encoding'], undefined);
      assert.deepEqual(JSON.parse(answer.raw.toString()), { ok: true });
    });
  });
});
