import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import { CSRF_COOKIE, csrfToken, registerCsrfProtection } from '../../src/http/csrf.ts';
import { errorHandler } from '../../src/http/errors.ts';

const publicUrl = 'http://localhost:3000';
let app: FastifyInstance;

before(async () => {
  app = Fastify();
  await app.register(formbody);
  await app.register(cookie);
  registerCsrfProtection(app, { publicUrl });
  app.setErrorHandler(errorHandler((e) => `<p>${e.message}</p>`));
  app.get('/form', (request, reply) => reply.send({ token: csrfToken(request, reply, publicUrl) }));
  app.post('/change', () => ({ changed: true }));
  app.post('/anonymous', { config: { csrf: 'origin' } }, () => ({ changed: true }));
  app.post('/api/token-auth', { config: { csrf: false } }, () => ({ changed: true }));
});
after(() => app.close());

async function tokenAndCookie(): Promise<{ token: string; cookie: string }> {
  const res = await app.inject('/form');
  const setCookie = String(res.headers['set-cookie']);
  assert.match(setCookie, /HttpOnly/);
  assert.match(setCookie, /SameSite=Lax/);
  return { token: res.json<{ token: string }>().token, cookie: setCookie.split(';')[0] ?? '' };
}

test('a form post with the cookie and its token goes through', async () => {
  const { token, cookie: c } = await tokenAndCookie();
  const res = await app.inject({
    method: 'POST',
    url: '/change',
    headers: { cookie: c, origin: publicUrl },
    payload: { _csrf: token },
  });
  assert.equal(res.statusCode, 200);
});

test('without a token, with a wrong one, or without the cookie: 403 and nothing changes', async () => {
  const { token, cookie: c } = await tokenAndCookie();
  const cases = [
    { headers: { cookie: c }, payload: {} },
    { headers: { cookie: c }, payload: { _csrf: `${token.slice(0, -1)}x` } },
    { headers: {}, payload: { _csrf: token } },
    { headers: { cookie: `${CSRF_COOKIE}=short` }, payload: { _csrf: 'short' } },
  ];
  for (const { headers, payload } of cases) {
    const res = await app.inject({ method: 'POST', url: '/change', headers, payload });
    assert.equal(res.statusCode, 403, JSON.stringify(headers));
    assert.doesNotMatch(res.body, /changed/);
  }
});

test('a post from another origin is refused even with a valid token', async () => {
  const { token, cookie: c } = await tokenAndCookie();
  for (const headers of [{ origin: 'https://evil.example' }, { referer: 'https://evil.example/page' }]) {
    const res = await app.inject({
      method: 'POST',
      url: '/change',
      headers: { cookie: c, ...headers },
      payload: { _csrf: token },
    });
    assert.equal(res.statusCode, 403);
  }
  const anonymous = await app.inject({
    method: 'POST',
    url: '/anonymous',
    headers: { origin: 'https://evil.example' },
  });
  assert.equal(anonymous.statusCode, 403, 'origin-only routes still check the origin');
  assert.equal(
    (await app.inject({ method: 'POST', url: '/anonymous', headers: { origin: publicUrl } })).statusCode,
    200,
  );
});

test('routes that do not authenticate by cookie opt out', async () => {
  const res = await app.inject({
    method: 'POST',
    url: '/api/token-auth',
    headers: { origin: 'https://evil.example' },
  });
  assert.equal(res.statusCode, 200);
});
