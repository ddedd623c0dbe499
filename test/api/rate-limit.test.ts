import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { after, before, test } from 'node:test';
import { createServer } from '../../src/main.ts';
import { type CommunityApp, startCommunityApp } from '../community/helpers/community-app.ts';
import { describeEachDialect } from '../helpers/databases.ts';
import { memberToken, tokenClient } from './helpers/token-client.ts';

const PAPER = { raw: { id: '2503.04444', title: 'Rate limited', abstract: 'Short.', authors: ['Ada'] } };

describeEachDialect('API rate limits', (kind) => {
  let web: CommunityApp;
  before(async () => {
    web = await startCommunityApp(kind, [PAPER], {
      API_RATE_PER_MINUTE: '3',
      API_TOKEN_RATE_PER_MINUTE: '2',
    });
  });
  after(() => web.dispose());

  test('per IP address: the fourth request in a minute is 429 with Retry-After, on both APIs', async () => {
    const get = tokenClient(() => web, null, '10.0.0.1');
    for (let i = 0; i < 3; i++) assert.equal((await get('GET', '/api/v1/papers/2503.04444')).statusCode, 200);
    const limited = await get('GET', '/api/v1/papers/2503.04444');
    assert.equal(limited.statusCode, 429);
    assert.ok(Number(limited.headers['retry-after']) > 0, 'Retry-After in seconds');
    assert.equal(limited.json<{ error: { code: string } }>().error.code, 'rate_limited');
    const hf = await get('GET', '/api/daily_papers');
    assert.equal(hf.statusCode, 429, 'one budget for both APIs');
    assert.equal(typeof hf.json<{ error: unknown }>().error, 'string', 'HF-style error on HF routes');
    assert.equal(
      (await tokenClient(() => web, null, '10.0.0.2')('GET', '/api/v1/papers/2503.04444')).statusCode,
      200,
      'other addresses are not affected',
    );
    assert.equal(
      (await web.server.inject({ method: 'GET', url: '/', remoteAddress: '10.0.0.1' })).statusCode,
      200,
      'pages are not limited',
    );
  });

  test('per token: a valid token gets its own write budget wherever it comes from', async () => {
    const token = await memberToken(web, 'busy@example.org');
    const from = (ip: string) => tokenClient(() => web, token, ip);
    assert.equal((await from('10.1.0.1')('POST', '/api/v1/papers/2503.04444/upvote')).statusCode, 200);
    assert.equal((await from('10.1.0.2')('DELETE', '/api/v1/papers/2503.04444/upvote')).statusCode, 200);
    const third = await from('10.1.0.3')('POST', '/api/v1/papers/2503.04444/upvote');
    assert.equal(third.statusCode, 429, third.body);
    assert.match(third.json<{ error: { message: string } }>().error.message, /API token/);
    assert.ok(Number(third.headers['retry-after']) > 0);
    assert.equal(
      (await web.app.papers.getPaper('2503.04444'))?.upvotes,
      0,
      'the refused write changed nothing',
    );
  });
});

/** A throwaway redis-server on a free port, when Debian's redis-server is installed. */
async function startRedis(): Promise<{ url: string; stop(): void } | null> {
  if (!fs.existsSync('/usr/bin/redis-server')) return null;
  const port = await new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
  const child: ChildProcess = spawn(
    '/usr/bin/redis-server',
    ['--port', String(port), '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  for (let i = 0; i < 50; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (up) return { url: `redis://127.0.0.1:${port}`, stop: () => child.kill() };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  return null;
}

test('with REDIS_URL, two web nodes share one budget per IP address', async (t) => {
  const redis = await startRedis();
  if (!redis) return t.skip('redis-server is not installed');
  const web = await startCommunityApp('sqlite', [PAPER], { API_RATE_PER_MINUTE: '3', REDIS_URL: redis.url });
  const second = await createServer(web.app);
  try {
    const nodes = [web.server, second];
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const node = nodes[i % 2];
      const res = await node?.inject({
        method: 'GET',
        url: '/api/v1/papers/2503.04444',
        remoteAddress: '10.9.0.1',
      });
      statuses.push(res?.statusCode ?? 0);
    }
    assert.deepEqual(
      statuses,
      [200, 200, 200, 429],
      'the fourth request, on either node, is over the shared limit',
    );
  } finally {
    await second.close();
    await web.dispose();
    redis.stop();
  }
});
