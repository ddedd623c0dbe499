import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { accountsDb } from '../../src/accounts/accounts-schema.ts';
import { addMember } from '../../src/accounts/add-member.ts';
import {
  type CommunityApp,
  latestLink,
  outboxCount,
  startCommunityApp,
} from '../community/helpers/community-app.ts';
import { describeEachDialect } from '../helpers/databases.ts';

describeEachDialect('members and sign-in', (kind) => {
  let web: CommunityApp;
  before(async () => {
    web = await startCommunityApp(kind, [], {
      SIGN_IN_PER_ADDRESS_PER_HOUR: '3',
      SIGN_IN_PER_IP_PER_HOUR: '6',
    });
  });
  after(() => web.dispose());

  test('the emailed link signs in: a HttpOnly, SameSite=Lax session cookie and the profile', async () => {
    const browser = web.browser('10.0.0.1');
    const res = await browser.signIn('Ada@Example.org');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/members/ada');
    const cookie = String(res.headers['set-cookie']);
    assert.match(cookie, /pp_session=[A-Za-z0-9_-]{43};/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.doesNotMatch(cookie, /Secure/, 'PUBLIC_URL is http here');
    const profile = await browser.get('/members/ada');
    assert.equal(profile.statusCode, 200);
    assert.match(profile.body, /@ada/);
    assert.match(profile.body, /Sign out everywhere/, 'own profile has the sign-out buttons');
    assert.equal((await browser.get('/account')).headers.location, '/members/ada');
  });

  test('asking for a link answers the same for a known and an unknown address', async () => {
    const a = web.browser('10.0.0.2');
    const b = web.browser('10.0.0.3');
    const known = await a.submit('/sign-in', '/sign-in', { email: 'ada@example.org' });
    const unknown = await b.submit('/sign-in', '/sign-in', { email: 'nobody@example.org' });
    assert.equal(known.statusCode, 200);
    assert.equal(unknown.statusCode, known.statusCode);
    assert.equal(unknown.body, known.body);
  });

  test('only the SHA-256 of a link token is stored', async () => {
    const link = await latestLink(web.outbox, 'nobody@example.org');
    const token = new URL(link).searchParams.get('token') ?? '';
    assert.equal(Buffer.from(token, 'base64url').length, 32);
    const rows = await accountsDb(web.app.database.db).selectFrom('sign_in_links').selectAll().execute();
    assert.ok(rows.every((r) => r.token_hash !== token));
    assert.ok(rows.some((r) => r.token_hash === createHash('sha256').update(token).digest('hex')));
  });

  test('a link works three times, then no more; an expired link never', async () => {
    const link = (await latestLink(web.outbox, 'nobody@example.org')).replace('http://localhost:3000', '');
    for (let i = 0; i < 3; i++) assert.equal((await web.browser('10.0.0.4').get(link)).statusCode, 303);
    const fourth = await web.browser('10.0.0.4').get(link);
    assert.equal(fourth.statusCode, 401);
    assert.match(fourth.body, /expired or has been used up/);
    await web.app.signIn.requestLink('late@example.org', '10.0.0.5', new Date());
    const late = new URL(await latestLink(web.outbox, 'late@example.org')).searchParams.get('token') ?? '';
    await assert.rejects(web.app.signIn.redeem(late, new Date(Date.now() + 31 * 60_000)), /expired/);
    assert.equal((await web.app.signIn.redeem(late, new Date())).email, 'late@example.org');
  });

  test('links are rate-limited per address and per IP: 429 with Retry-After, and no mail', async () => {
    const browser = web.browser('10.0.1.1');
    for (let i = 0; i < 3; i++) {
      assert.equal(
        (await browser.submit('/sign-in', '/sign-in', { email: 'busy@example.org' })).statusCode,
        200,
      );
    }
    const before = outboxCount(web.outbox);
    const limited = await browser.submit('/sign-in', '/sign-in', { email: 'busy@example.org' });
    assert.equal(limited.statusCode, 429);
    assert.ok(Number(limited.headers['retry-after']) > 3000, String(limited.headers['retry-after']));
    assert.equal(outboxCount(web.outbox), before);
    // Three more addresses from the same IP reach its limit of six.
    for (const n of [1, 2, 3]) {
      assert.equal(
        (await browser.submit('/sign-in', '/sign-in', { email: `x${n}@example.org` })).statusCode,
        200,
      );
    }
    const ipLimited = await browser.submit('/sign-in', '/sign-in', { email: 'fresh@example.org' });
    assert.equal(ipLimited.statusCode, 429);
    assert.ok(ipLimited.headers['retry-after']);
  });

  test('a session id planted before sign-in is not kept (no session fixation)', async () => {
    const browser = web.browser('10.0.2.1');
    const planted = 'A'.repeat(43);
    browser.cookies.set('pp_session', planted);
    await browser.signIn('grace@example.org');
    const issued = browser.cookies.get('pp_session');
    assert.ok(issued && issued !== planted);
    const attacker = web.browser('10.0.2.2');
    attacker.cookies.set('pp_session', planted);
    assert.equal((await attacker.get('/account')).headers.location, '/sign-in');
    assert.equal((await browser.get('/account')).headers.location, '/members/grace');
  });

  test('sign out ends this session; sign out everywhere ends all of them', async () => {
    const laptop = web.browser('10.0.3.1');
    const phone = web.browser('10.0.3.2');
    const tablet = web.browser('10.0.3.3');
    await laptop.signIn('alan@example.org');
    await phone.signIn('alan@example.org');
    await tablet.signIn('alan@example.org');
    const out = await laptop.submit('/members/alan', '/sign-out');
    assert.equal(out.statusCode, 303);
    assert.equal((await laptop.get('/account')).headers.location, '/sign-in');
    assert.equal((await phone.get('/account')).headers.location, '/members/alan');
    await phone.submit('/members/alan', '/sign-out-everywhere');
    assert.equal((await tablet.get('/account')).headers.location, '/sign-in');
  });

  test('sign out without the CSRF token is refused with 403 and keeps the session', async () => {
    const browser = web.browser('10.0.4.1');
    await browser.signIn('mallory-target@example.org');
    const res = await browser.post('/sign-out', {});
    assert.equal(res.statusCode, 403);
    assert.equal((await browser.get('/account')).headers.location, '/members/mallory-target');
  });

  test('`user add --role admin` creates a member or changes the role of one', async () => {
    const admin = await addMember(web.app.members, 'Boss@Example.org', 'admin', new Date());
    assert.equal(admin.role, 'admin');
    assert.equal(admin.email, 'boss@example.org');
    const editor = await addMember(web.app.members, 'ada@example.org', 'editor', new Date());
    assert.equal(editor.username, 'ada');
    assert.equal((await web.app.members.byUsername('ada'))?.role, 'editor');
    await assert.rejects(addMember(web.app.members, 'ada@example.org', 'king', new Date()), /role must be/);
  });
});
