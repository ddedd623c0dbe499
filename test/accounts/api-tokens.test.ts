import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { ApiTokenStore } from '../../src/accounts/api-tokens.ts';
import { type CommunityApp, csrfIn, startCommunityApp } from '../community/helpers/community-app.ts';
import { describeEachDialect } from '../helpers/databases.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const TOKEN_IN_PAGE = /id="new-token-value"[^>]*value="(pp_[A-Za-z0-9_-]{43})"/;

describeEachDialect('API tokens', (kind) => {
  let web: CommunityApp;
  before(async () => {
    web = await startCommunityApp(kind);
  });
  after(() => web.dispose());

  const rows = () =>
    web.app.database.db
      .withTables<{ api_tokens: Record<string, string | null> }>()
      .selectFrom('api_tokens')
      .selectAll()
      .execute();

  test('the store keeps only a SHA-256 of each token; a token finds its member and notes the use', async () => {
    const store = new ApiTokenStore(web.app.database.db);
    const ada = await web.app.members.findOrCreate('ada@example.org', new Date());
    const { info, token } = await store.create(ada, '  my   script ', new Date('2025-03-14T10:00:00Z'));
    assert.match(token, /^pp_[A-Za-z0-9_-]{43}$/);
    assert.equal(info.name, 'my script');
    const stored = (await rows()).find((r) => r.id === info.id);
    assert.equal(stored?.token_hash, sha256(token));
    assert.ok(!Object.values(stored ?? {}).includes(token), 'the token itself is stored nowhere');
    assert.equal((await store.list(ada.id))[0]?.lastUsedAt, null);
    const used = new Date('2025-03-14T11:00:00Z');
    assert.equal((await store.memberFor(token, used))?.username, 'ada');
    assert.equal((await store.list(ada.id))[0]?.lastUsedAt, used.toISOString());
    assert.equal(await store.memberFor(`${token.slice(0, -1)}x`, used), null, 'a changed token is nobody');
    assert.equal(await store.memberFor('not a token', used), null);
  });

  test("a member cannot revoke another member's token; a revoked token authenticates nobody", async () => {
    const store = new ApiTokenStore(web.app.database.db);
    const owner = await web.app.members.findOrCreate('owner@example.org', new Date());
    const other = await web.app.members.findOrCreate('other@example.org', new Date());
    const { info, token } = await store.create(owner, 'ci', new Date());
    await assert.rejects(store.revoke(other.id, info.id), /no such token/);
    assert.equal((await store.memberFor(token, new Date()))?.id, owner.id);
    await store.revoke(owner.id, info.id);
    assert.equal(await store.memberFor(token, new Date()), null);
    await assert.rejects(store.create(owner, '   ', new Date()), /Give the token a name/);
  });

  test('on the profile page: made with a CSRF-protected form, shown once, listed by name, revoked', async () => {
    const browser = web.browser();
    await browser.signIn('grace@example.org');
    const page = await browser.get('/members/grace');
    assert.match(page.body, /<h2 id="tokens-heading">API tokens<\/h2>/);
    assert.match(page.body, /No tokens yet/);

    const forged = await browser.post('/account/tokens', { name: 'forged' });
    assert.equal(forged.statusCode, 403, 'no CSRF token, no API token');

    const made = await browser.submit('/members/grace', '/account/tokens', { name: 'paper bot' });
    assert.equal(made.statusCode, 201, made.body.slice(0, 300));
    assert.equal(made.headers['cache-control'], 'no-store');
    const token = TOKEN_IN_PAGE.exec(made.body)?.[1];
    assert.ok(token, 'the new token is on the page');
    const grace = await web.app.members.byUsername('grace');
    assert.equal((await web.app.apiTokens.memberFor(token, new Date()))?.id, grace?.id);

    const again = await browser.get('/members/grace');
    assert.ok(!again.body.includes(token), 'shown only once');
    assert.match(again.body, /<strong>paper bot<\/strong>/);
    assert.match(again.body, /last used/);

    const stranger = web.browser();
    await stranger.signIn('mallory@example.org');
    const seen = await stranger.get('/members/grace');
    assert.doesNotMatch(seen.body, /API tokens|paper bot/, "nobody else sees a member's tokens");

    const id = /action="\/account\/tokens\/([A-Za-z0-9_-]+)\/revoke"/.exec(again.body)?.[1];
    assert.ok(id);
    const strangerCsrf = csrfIn((await stranger.get('/members/mallory')).body);
    const refused = await stranger.post(`/account/tokens/${id}/revoke`, { _csrf: strangerCsrf });
    assert.equal(refused.statusCode, 404, "another member's token is not theirs to revoke");
    const revoked = await browser.submit('/members/grace', `/account/tokens/${id}/revoke`);
    assert.equal(revoked.statusCode, 303);
    assert.equal(revoked.headers.location, '/members/grace');
    assert.equal(await web.app.apiTokens.memberFor(token, new Date()), null);
  });

  test('signed out, making a token asks to sign in', async () => {
    const browser = web.browser();
    const res = await browser.submit('/sign-in', '/account/tokens', { name: 'x' });
    assert.equal(res.statusCode, 401);
  });
});
