import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { describeEachDialect } from '../helpers/databases.ts';
import { csrfFrom, type DigestApp, FORM, form, startDigestApp } from './helpers/digest-app.ts';

describeEachDialect('preferences and one-click unsubscribe', (kind) => {
  let web: DigestApp;
  let token: string;
  before(async () => {
    web = await startDigestApp(kind);
    const now = new Date();
    await web.app.subscriptionStore.insert(
      {
        email: 'sub@example.org',
        frequency: 'daily',
        topics: { categories: ['cs.CV'], keywords: [] },
        status: 'confirmed',
        consentSource: 'import',
        consentIpHash: null,
        consentAt: now.toISOString(),
      },
      now,
    );
    const subscription = await web.app.subscriptionStore.byEmail('sub@example.org');
    if (!subscription) throw new Error('not inserted');
    token = await web.app.subscriptions.linkToken(subscription);
  });
  after(() => web.dispose());
  const status = async () => (await web.app.subscriptionStore.byEmail('sub@example.org'))?.status;

  test('the preferences page opens by its link, saves topics with a CSRF token, and refuses a forged link', async () => {
    const page = await web.server.inject({ method: 'GET', url: `/subscription?token=${token}` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /sub@example\.org/);
    assert.match(page.body, /value="cs\.CV"/);
    const { cookie, token: csrf } = csrfFrom(page);
    const save = await web.server.inject({
      method: 'POST',
      url: '/subscription',
      payload: form({
        token,
        _csrf: csrf,
        frequency: 'weekly',
        categories: 'cs.CL',
        keywords: 'agents',
        action: 'save',
      }),
      headers: { ...FORM, cookie },
    });
    assert.equal(save.statusCode, 303);
    const saved = await web.app.subscriptionStore.byEmail('sub@example.org');
    assert.equal(saved?.frequency, 'weekly');
    assert.deepEqual(saved?.topics, { categories: ['cs.CL'], keywords: ['agents'] });

    const noCsrf = await web.server.inject({
      method: 'POST',
      url: '/subscription',
      payload: form({ token, frequency: 'daily' }),
      headers: FORM,
    });
    assert.equal(noCsrf.statusCode, 403);
    const forged = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    assert.equal(
      (await web.server.inject({ method: 'GET', url: `/subscription?token=${forged}` })).statusCode,
      404,
    );
  });

  test('GET /unsubscribe shows a button and changes nothing; the RFC 8058 POST unsubscribes at once', async () => {
    const page = await web.server.inject({ method: 'GET', url: `/unsubscribe?token=${token}` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<button type="submit">Unsubscribe<\/button>/);
    assert.equal(await status(), 'confirmed');
    // A mail client: no cookie, no Origin, the body RFC 8058 prescribes.
    const post = await web.server.inject({
      method: 'POST',
      url: `/unsubscribe?token=${token}`,
      payload: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(post.statusCode, 200);
    assert.match(post.body, /You are unsubscribed/);
    assert.equal(await status(), 'unsubscribed');
  });

  test('one-click also works with a multipart body, and subscribing again from preferences works', async () => {
    const { cookie, token: csrf } = csrfFrom(
      await web.server.inject({ method: 'GET', url: `/subscription?token=${token}` }),
    );
    const again = await web.server.inject({
      method: 'POST',
      url: '/subscription',
      payload: form({ token, _csrf: csrf, frequency: 'daily', action: 'resubscribe' }),
      headers: { ...FORM, cookie },
    });
    assert.equal(again.statusCode, 303);
    assert.equal(await status(), 'confirmed');
    const boundary = 'xyz';
    const post = await web.server.inject({
      method: 'POST',
      url: `/unsubscribe?token=${token}`,
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    assert.equal(post.statusCode, 200);
    assert.equal(await status(), 'unsubscribed');
  });
});
