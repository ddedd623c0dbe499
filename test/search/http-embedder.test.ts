import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { AppError } from '../../src/domain/errors.ts';
import { HttpEmbedder } from '../../src/search/http-embedder.ts';

/** A local server speaking POST /v1/embeddings, with switches to misbehave. */
const seen: { auth: string | undefined; inputs: string[] }[] = [];
let failNext = 0;
let failStatus = 503;
let stall = false;
let server: http.Server;
let baseUrl: string;

function fakeEmbedding(text: string): number[] {
  const v = [0, 0, 0];
  for (const [i, c] of [...text].entries()) v[i % 3]! += c.charCodeAt(0);
  return v;
}

before(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/embeddings') return void res.writeHead(404).end();
      if (stall) return; // never answers
      if (failNext > 0) {
        failNext--;
        return void res.writeHead(failStatus, { 'content-type': 'application/json' }).end('{"error":"busy"}');
      }
      const { model, input } = JSON.parse(body) as { model: string; input: string[] };
      seen.push({ auth: req.headers.authorization, inputs: input });
      const data = input.map((text, index) => ({
        object: 'embedding',
        index,
        embedding: fakeEmbedding(text),
      }));
      res.writeHead(200, { 'content-type': 'application/json' });
      // Out of order on purpose: clients must sort by index.
      res.end(JSON.stringify({ object: 'list', model, data: data.reverse() }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

const options = () => ({ baseUrl, model: 'nomic-embed-text', apiKey: 'sk-test', batchSize: 2, backoffMs: 5 });

test('learns the dimension, sends the key, batches, keeps the order and returns unit vectors', async () => {
  const embedder = await HttpEmbedder.connect(options());
  assert.equal(embedder.dimension, 3);
  assert.equal(embedder.model, 'openai-compatible:nomic-embed-text');
  seen.length = 0;
  const vectors = await embedder.embed(['alpha', 'beta', 'gamma', 'delta', 'epsilon']);
  assert.deepEqual(
    seen.map((s) => s.inputs.length),
    [2, 2, 1],
  );
  assert.equal(seen[0]?.auth, 'Bearer sk-test');
  const expected = fakeEmbedding('gamma');
  const norm = Math.hypot(...expected);
  assert.ok(vectors[2]!.every((x, i) => Math.abs(x - expected[i]! / norm) < 1e-6));
  for (const v of vectors) assert.ok(Math.abs(Math.hypot(...v) - 1) < 1e-6);
});

test('retries a busy server (503, 429) and then succeeds', async () => {
  const embedder = await HttpEmbedder.connect(options());
  failNext = 2;
  failStatus = 503;
  assert.equal((await embedder.embed(['x'])).length, 1);
  failNext = 1;
  failStatus = 429;
  assert.equal((await embedder.embed(['y'])).length, 1);
});

test('gives up with a source error: after the retries, at once on a 4xx, and on a timeout', async () => {
  const embedder = await HttpEmbedder.connect(options());
  failNext = 10;
  failStatus = 500;
  await assert.rejects(embedder.embed(['x']), (e: unknown) => e instanceof AppError && e.code === 'source');
  failNext = 1;
  failStatus = 401;
  await assert.rejects(embedder.embed(['x']), /HTTP 401/);
  assert.equal(failNext, 0, 'a 401 is not retried');
  failNext = 0;
  stall = true;
  const slow = await HttpEmbedder.connect({ ...options(), timeoutMs: 50, retries: 1 }).catch(
    (e: unknown) => e,
  );
  stall = false;
  assert.ok(slow instanceof AppError && /timed out/.test(slow.message), String(slow));
});
