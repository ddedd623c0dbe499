import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SourceError } from '../../src/domain/errors.ts';
import { HttpStatusError, PoliteHttpClient, parseRetryAfter } from '../../src/ingest/http-client.ts';
import { RecordingServer } from '../helpers/recording-server.ts';

/** A sleep that returns at once and remembers what it was asked to wait. */
function recordingSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

const RETRY_PAGE = '<html><body>\n<h1>Retry after 10 seconds</h1>\n</body></html>\n';

describe('PoliteHttpClient', () => {
  let server: RecordingServer;
  before(async () => {
    server = await RecordingServer.start();
  });
  after(() => server.close());

  test('sends one request at a time, starting them at least minIntervalMs apart, in order', async (t) => {
    // A server of its own, so its connection count is this test's alone.
    const server = await RecordingServer.start();
    t.after(() => server.close());
    for (const name of ['a', 'b', 'c']) {
      server.reply(`/serial/${name}`, { status: 200, body: name, delayMs: 20 });
    }
    const client = new PoliteHttpClient({ minIntervalMs: 50 });
    // The client times the interval from when it starts a request; the first request of a process also
    // loads fetch and connects, which would delay its arrival and shorten the first gap seen here.
    server.reply('/serial/warm-up', { status: 200, body: '' });
    await client.get(server.url('/serial/warm-up'));
    const bodies = await Promise.all(['a', 'b', 'c'].map((n) => client.get(server.url(`/serial/${n}`))));

    assert.deepEqual(
      bodies.map((r) => r.body),
      ['a', 'b', 'c'],
    );
    const received = server.requests.filter((r) => r.path.startsWith('/serial/'));
    assert.deepEqual(
      received.map((r) => r.path),
      ['/serial/warm-up', '/serial/a', '/serial/b', '/serial/c'],
    );
    assert.equal(server.maxInFlight, 1);
    assert.equal(server.maxOpenConnections, 1);
    const timed = received.slice(1);
    for (let i = 1; i < timed.length; i++) {
      const previous = timed[i - 1]!;
      const current = timed[i]!;
      // Arrival here lags the client's start by a few milliseconds, by a varying amount.
      const gap = current.receivedAt - previous.receivedAt;
      assert.ok(gap >= 40, `requests arrived ${gap.toFixed(1)} ms apart`);
      assert.ok(
        current.receivedAt >= previous.answeredAt!,
        'a request started before the previous one ended',
      );
    }
  });

  test('waits out 503 with Retry-After: 10 (seconds), telling onWait, then returns the 200', async () => {
    server.reply(
      '/retry-after-seconds',
      { status: 503, headers: { 'Retry-After': '10', 'Content-Type': 'text/html' }, body: RETRY_PAGE },
      { status: 200, body: 'harvest page' },
    );
    const { waits, sleep } = recordingSleep();
    const told: [number, string][] = [];
    const client = new PoliteHttpClient({
      minIntervalMs: 0,
      sleep,
      onWait: (ms, why) => told.push([ms, why]),
    });

    const response = await client.get(server.url('/retry-after-seconds'));

    assert.equal(response.status, 200);
    assert.equal(response.body, 'harvest page');
    assert.deepEqual(waits, [10_000]);
    assert.equal(told.length, 1);
    assert.equal(told[0]![0], 10_000);
    assert.match(told[0]![1], /HTTP 503 Service Unavailable; the server asked us to wait 10 s/);
  });

  test('honours Retry-After given as an HTTP-date', async () => {
    const now = Date.UTC(2024, 0, 27, 17, 53, 42);
    server.reply(
      '/retry-after-date',
      { status: 429, headers: { 'Retry-After': new Date(now + 7_000).toUTCString() }, body: 'slow down' },
      { status: 200, body: 'ok' },
    );
    const { waits, sleep } = recordingSleep();
    const client = new PoliteHttpClient({ minIntervalMs: 0, sleep, now: () => now });

    assert.equal((await client.get(server.url('/retry-after-date'))).body, 'ok');
    assert.deepEqual(waits, [7_000]);
  });

  test('backs off exponentially without Retry-After, then fails naming the URL, status and body', async () => {
    server.reply('/always-500', { status: 500, body: '<p>Database is down</p>' });
    const { waits, sleep } = recordingSleep();
    const client = new PoliteHttpClient({ minIntervalMs: 0, maxRetries: 2, backoffMs: 100, sleep });
    const url = server.url('/always-500');
    const before = server.requests.length;

    const error = await client.get(url).then(
      () => assert.fail('expected an error'),
      (e: unknown) => e,
    );

    assert.ok(error instanceof HttpStatusError);
    assert.equal(error.status, 500);
    assert.equal(
      error.message,
      `${url}: HTTP 500 Internal Server Error (after 3 attempts): Database is down`,
    );
    assert.deepEqual(waits, [100, 200]);
    assert.equal(server.requests.length - before, 3);
  });

  test('does not retry a 404, and says "HTTP 404 Not Found" with a body excerpt', async () => {
    server.reply('/missing', { status: 404, body: 'no such paper' });
    const { waits, sleep } = recordingSleep();
    const client = new PoliteHttpClient({ minIntervalMs: 0, sleep });
    const url = server.url('/missing');
    const before = server.requests.length;

    await assert.rejects(client.get(url), (error: unknown) => {
      assert.ok(error instanceof HttpStatusError);
      assert.equal(error.status, 404);
      assert.equal(error.message, `${url}: HTTP 404 Not Found: no such paper`);
      assert.equal(error.response.body, 'no such paper');
      return true;
    });
    assert.equal(server.requests.length - before, 1);
    assert.deepEqual(waits, []);
  });

  test('refuses a Retry-After longer than the cap, and says so', async () => {
    server.reply('/retry-in-an-hour', { status: 503, headers: { 'Retry-After': '3600' }, body: RETRY_PAGE });
    const { waits, sleep } = recordingSleep();
    const client = new PoliteHttpClient({ minIntervalMs: 0, sleep });

    await assert.rejects(
      client.get(server.url('/retry-in-an-hour')),
      /HTTP 503 Service Unavailable; the server asked us to wait 3600 s, longer than the 300 s we wait/,
    );
    assert.deepEqual(waits, []);
  });

  test('retries when the connection drops, then returns the answer', async () => {
    server.reply(
      '/flaky',
      { status: 200, body: '', hangUp: true },
      { status: 200, body: 'second time lucky' },
    );
    const { waits, sleep } = recordingSleep();
    const told: string[] = [];
    const client = new PoliteHttpClient({
      minIntervalMs: 0,
      backoffMs: 10,
      sleep,
      onWait: (_, why) => told.push(why),
    });

    assert.equal((await client.get(server.url('/flaky'))).body, 'second time lucky');
    assert.deepEqual(waits, [10]);
    assert.match(told[0]!, /^network error: .+; retry 1 of 4$/);
  });

  test('gives up on a slow answer after timeoutMs and retries', async () => {
    server.reply(
      '/slow-once',
      { status: 200, body: 'late', delayMs: 1_000 },
      { status: 200, body: 'prompt' },
    );
    const told: string[] = [];
    const client = new PoliteHttpClient({
      minIntervalMs: 0,
      timeoutMs: 100,
      backoffMs: 1,
      onWait: (_, why) => told.push(why),
    });

    assert.equal((await client.get(server.url('/slow-once'))).body, 'prompt');
    assert.match(told[0]!, /^no answer within 0\.1 s/);
  });

  test('fails with a network error naming the URL when nothing listens', async () => {
    const closed = await RecordingServer.start();
    const url = closed.url('/nobody-home');
    await closed.close();
    const { sleep } = recordingSleep();
    const client = new PoliteHttpClient({ minIntervalMs: 0, maxRetries: 1, sleep });

    await assert.rejects(client.get(url), (error: unknown) => {
      assert.ok(error instanceof SourceError);
      assert.ok(!(error instanceof HttpStatusError));
      assert.match(error.message, /network error: .*ECONNREFUSED.* \(after 2 attempts\)$/);
      assert.ok(error.message.startsWith(`${url}: `));
      return true;
    });
  });

  test('an abort ends a long wait at once', async () => {
    server.reply('/retry-later', { status: 503, headers: { 'Retry-After': '60' }, body: RETRY_PAGE });
    const client = new PoliteHttpClient({ minIntervalMs: 0 });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 50);

    await assert.rejects(client.get(server.url('/retry-later'), controller.signal), { name: 'AbortError' });
    assert.ok(Date.now() - started < 5_000);
  });

  test('a failed request does not block the queue', async () => {
    server.reply('/after-failure', { status: 200, body: 'still serving' });
    const client = new PoliteHttpClient({ minIntervalMs: 0 });
    const failed = client.get(server.url('/missing-too'));
    const next = client.get(server.url('/after-failure'));

    await assert.rejects(failed, /HTTP 404/);
    assert.equal((await next).body, 'still serving');
  });

  test('sends its User-Agent', async () => {
    server.reply('/whoami', { status: 200, body: 'hi' });
    const client = new PoliteHttpClient({
      minIntervalMs: 0,
      userAgent: 'Paperpulse-test/1 (mailto:ops@example.org)',
    });
    await client.get(server.url('/whoami'));
    assert.equal(server.requests.at(-1)?.headers['user-agent'], 'Paperpulse-test/1 (mailto:ops@example.org)');
  });
});

test('parseRetryAfter reads delta-seconds and HTTP-dates', () => {
  const now = Date.UTC(2018, 5, 21, 14, 30, 51);
  assert.equal(parseRetryAfter('10', now), 10_000);
  assert.equal(parseRetryAfter(' 0 ', now), 0);
  assert.equal(parseRetryAfter('Thu, 21 Jun 2018 14:31:01 GMT', now), 10_000);
  assert.equal(parseRetryAfter('Thu, 21 Jun 2018 14:00:00 GMT', now), 0, 'a date in the past means now');
  assert.equal(parseRetryAfter('soon', now), null);
  assert.equal(parseRetryAfter(null, now), null);
});
