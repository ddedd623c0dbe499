import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type CommunityApp, startCommunityApp } from '../community/helpers/community-app.ts';
import { describeEachDialect } from '../helpers/databases.ts';

const CHECKBOX = /name="like_upvotes"/;

describeEachDialect('"like my upvotes" on /subscribe and the preferences page', (kind) => {
  let web: CommunityApp;
  before(async () => {
    web = await startCommunityApp(kind);
  });
  after(() => web?.dispose());
  const stored = (email: string) => web.app.subscriptionStore.byEmail(email);

  test('only a signed-in member is offered it on /subscribe; the pending subscription remembers the member', async () => {
    const anonymous = web.browser('10.0.0.1');
    assert.doesNotMatch((await anonymous.get('/subscribe')).body, CHECKBOX);
    const asked = await anonymous.post('/subscribe', {
      email: 'anon@example.org',
      frequency: 'daily',
      like_upvotes: 'on',
    });
    assert.equal(asked.statusCode, 200);
    const anon = await stored('anon@example.org');
    assert.equal(anon?.likeUpvotes, false, 'nobody signed in: no upvotes to be like');
    assert.equal(anon?.memberId, null);

    const ada = web.browser('10.0.0.2');
    assert.equal((await ada.signIn('ada@example.org')).statusCode, 303);
    assert.match((await ada.get('/subscribe')).body, CHECKBOX);
    await ada.post('/subscribe', { email: 'ada@example.org', frequency: 'weekly', like_upvotes: 'on' });
    const member = await web.app.members.byEmail('ada@example.org');
    const subscription = await stored('ada@example.org');
    assert.equal(subscription?.likeUpvotes, true);
    assert.equal(subscription?.memberId, member?.id);
    assert.equal(subscription?.status, 'pending');

    // A member's upvotes never steer a digest to somebody else's inbox.
    await ada.post('/subscribe', {
      email: 'someone-else@example.org',
      frequency: 'daily',
      like_upvotes: 'on',
    });
    const other = await stored('someone-else@example.org');
    assert.equal(other?.likeUpvotes, false);
    assert.equal(other?.memberId, null);
  });

  test('preferences: signing in offers it, saving turns it on; signed out it shows and can be turned off', async () => {
    const now = new Date();
    await web.app.subscriptionStore.insert(
      {
        email: 'grace@example.org',
        frequency: 'daily',
        topics: { categories: [], keywords: [] },
        status: 'confirmed',
        consentSource: 'import',
        consentIpHash: null,
        consentAt: now.toISOString(),
      },
      now,
    );
    const before = await stored('grace@example.org');
    assert.ok(before);
    const token = await web.app.subscriptions.linkToken(before);
    const url = `/subscription?token=${encodeURIComponent(token)}`;

    const signedOut = web.browser('10.0.0.3');
    assert.doesNotMatch((await signedOut.get(url)).body, CHECKBOX, 'not offered without a member');

    const grace = web.browser('10.0.0.4');
    await grace.signIn('grace@example.org');
    assert.match((await grace.get(url)).body, CHECKBOX);
    const saved = await grace.submit(url, '/subscription', {
      token,
      frequency: 'daily',
      categories: '',
      keywords: '',
      like_upvotes: 'on',
      action: 'save',
    });
    assert.equal(saved.statusCode, 303);
    const on = await stored('grace@example.org');
    const member = await web.app.members.byEmail('grace@example.org');
    assert.equal(on?.likeUpvotes, true);
    assert.equal(on?.memberId, member?.id);

    // Signed out, the box shows (checked) so the subscriber can turn it off; the member is remembered.
    assert.match((await signedOut.get(url)).body, /name="like_upvotes" value="on" checked/);
    await signedOut.submit(url, '/subscription', { token, frequency: 'daily', action: 'save' });
    const off = await stored('grace@example.org');
    assert.equal(off?.likeUpvotes, false);
    assert.equal(off?.memberId, member?.id);

    // Signed out, it cannot be turned on for nobody: the remembered member is the one followed.
    await signedOut.submit(url, '/subscription', {
      token,
      frequency: 'daily',
      like_upvotes: 'on',
      action: 'save',
    });
    assert.equal((await stored('grace@example.org'))?.likeUpvotes, true);
    assert.equal((await stored('grace@example.org'))?.memberId, member?.id);
  });
});
