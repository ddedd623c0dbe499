import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { describeEachDialect } from '../helpers/databases.ts';
import {
  csrfFrom,
  type DigestApp,
  FORM,
  form,
  linkIn,
  local,
  PUBLIC_URL,
  startDigestApp,
} from './helpers/digest-app.ts';

describeEachDialect('subscribing with double opt-in', (kind) => {
  let web: DigestApp;
  before(async () => {
    web = await startDigestApp(kind, { SUBSCRIBE_IP_LIMIT: '6' });
  });
  after(() => web.dispose());

  const subscribe = (fields: Record<string, string>, ip = '192.0.2.1') =>
    web.server.inject({
      method: 'POST',
      url: '/subscribe',
      payload: form(fields),
      headers: { ...FORM, 'x-forwarded-for': ip },
    });
  const row = (email: string) =>
    web.app.subscriptionStore.db
      .selectFrom('subscriptions')
      .selectAll()
      .where('email', '=', email)
      .executeTakeFirst();

  test('the banner form sends one confirmation email; the link opens a page, only its button confirms', async () => {
    const res = await subscribe({ email: 'Reader@Example.org', source: 'banner' }, '192.0.2.10');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Check your inbox/);
    const mails = (await web.outbox()).filter(
      (m) => m.to && JSON.stringify(m.to).includes('reader@example.org'),
    );
    assert.equal(mails.length, 1);
    const link = linkIn(mails[0]?.text ?? '', `${PUBLIC_URL}/subscribe/confirm?token=`);
    const token = new URL(link).searchParams.get('token') ?? '';
    const pending = await row('reader@example.org');
    assert.equal(pending?.status, 'pending');
    assert.equal(pending?.consent_source, 'banner');
    // Only the token's hash is stored, and only a keyed hash of the IP.
    assert.equal(pending?.confirm_token_hash, createHash('sha256').update(token).digest('base64url'));
    assert.ok(!JSON.stringify(pending).includes(token));
    assert.ok(pending?.consent_ip_hash && !pending.consent_ip_hash.includes('192.0.2.10'));

    // A link scanner follows the link: nothing is confirmed by a GET.
    const page = await web.server.inject({ method: 'GET', url: local(link) });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<button type="submit">Confirm<\/button>/);
    assert.equal((await row('reader@example.org'))?.status, 'pending');

    const { cookie, token: csrf } = csrfFrom(page);
    const confirm = await web.server.inject({
      method: 'POST',
      url: '/subscribe/confirm',
      payload: form({ token, _csrf: csrf }),
      headers: { ...FORM, cookie },
    });
    assert.equal(confirm.statusCode, 200);
    assert.match(confirm.body, /You are subscribed/);
    const confirmed = await row('reader@example.org');
    assert.equal(confirmed?.status, 'confirmed');
    assert.ok(confirmed?.consent_at);
    assert.equal(confirmed?.confirm_token_hash, null);

    const again = await web.server.inject({
      method: 'POST',
      url: '/subscribe/confirm',
      payload: form({ token, _csrf: csrf }),
      headers: { ...FORM, cookie },
    });
    assert.equal(again.statusCode, 404);
  });

  test('the full form records frequency and topics; bad topics are a 400 that changes nothing', async () => {
    const res = await subscribe(
      {
        email: 'topics@example.org',
        frequency: 'weekly',
        categories: 'cs.CL, hep-th',
        keywords: 'Diffusion',
      },
      '192.0.2.11',
    );
    assert.equal(res.statusCode, 200);
    const saved = await row('topics@example.org');
    assert.equal(saved?.frequency, 'weekly');
    assert.deepEqual(JSON.parse(saved?.categories ?? ''), ['cs.CL', 'hep-th']);
    assert.deepEqual(JSON.parse(saved?.keywords ?? ''), ['diffusion']);
    const bad = await subscribe(
      { email: 'bad-topics@example.org', categories: 'not a category' },
      '192.0.2.11',
    );
    assert.equal(bad.statusCode, 400);
    assert.equal(await row('bad-topics@example.org'), undefined);
    const notAnAddress = await subscribe({ email: 'nobody' }, '192.0.2.11');
    assert.equal(notAnAddress.statusCode, 400);
  });

  test('the same answer for a new, a pending, a confirmed and a suppressed address; one email per 10 minutes', async () => {
    await web.app.subscriptionStore.suppress('blocked@example.org', 'admin', null, new Date());
    const before = (await web.outbox()).length;
    const bodies = [];
    for (const email of [
      'fresh@example.org',
      'fresh@example.org',
      'reader@example.org',
      'blocked@example.org',
    ]) {
      const res = await subscribe({ email }, '192.0.2.12');
      assert.equal(res.statusCode, 200);
      bodies.push(res.body);
    }
    assert.equal(new Set(bodies).size, 1, 'every answer is the same page');
    const sent = (await web.outbox()).slice(before).map((m) => JSON.stringify(m.to));
    // fresh: one confirmation (the repeat within 10 minutes sends nothing); reader: one "already subscribed"
    // notice (its first email was the confirmation, 0 minutes ago, so none); blocked: nothing.
    assert.equal(sent.filter((to) => to.includes('fresh@example.org')).length, 1);
    assert.equal(sent.filter((to) => to.includes('blocked@example.org')).length, 0);
    assert.equal(sent.filter((to) => to.includes('reader@example.org')).length, 0);
  });

  test('after 10 minutes a repeated request sends a new link; unconfirmed requests expire', async () => {
    const service = web.app.subscriptions;
    const t0 = new Date('2030-01-01T00:00:00Z');
    const request = {
      email: 'late@example.org',
      frequency: 'daily',
      topics: { categories: [], keywords: [] },
      source: 'form',
      ip: null,
    } as const;
    const count = async () =>
      (await web.outbox()).filter((m) => JSON.stringify(m.to).includes('late@example.org')).length;
    await service.request(request, t0);
    await service.request(request, new Date(t0.getTime() + 9 * 60_000));
    assert.equal(await count(), 1);
    await service.request(request, new Date(t0.getTime() + 11 * 60_000));
    assert.equal(await count(), 2);
    const mails = (await web.outbox()).filter((m) => JSON.stringify(m.to).includes('late@example.org'));
    const token =
      new URL(linkIn(mails.at(-1)?.text ?? '', `${PUBLIC_URL}/subscribe/confirm?token=`)).searchParams.get(
        'token',
      ) ?? '';
    const expired = new Date(t0.getTime() + 11 * 60_000 + 49 * 3_600_000);
    await assert.rejects(service.confirm(token, expired), /expired/);
    assert.ok((await web.app.subscriptionStore.deleteExpired(expired)) >= 1);
    assert.equal(await row('late@example.org'), undefined);
  });

  test('a form posted from another site is refused', async () => {
    const res = await web.server.inject({
      method: 'POST',
      url: '/subscribe',
      payload: form({ email: 'csrf@example.org' }),
      headers: { ...FORM, origin: 'https://evil.example' },
    });
    assert.equal(res.statusCode, 403);
    assert.equal(await row('csrf@example.org'), undefined);
  });

  test('one IP address gets 429 with Retry-After after SUBSCRIBE_IP_LIMIT requests an hour', async () => {
    const statuses = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await subscribe({ email: `flood${i}@example.org` }, '198.51.100.7')).statusCode);
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 200, 429]);
    const limited = await subscribe({ email: 'flood9@example.org' }, '198.51.100.7');
    assert.equal(limited.statusCode, 429);
    assert.ok(Number(limited.headers['retry-after']) > 0);
    assert.equal((await subscribe({ email: 'other-ip@example.org' }, '198.51.100.8')).statusCode, 200);
  });
});
