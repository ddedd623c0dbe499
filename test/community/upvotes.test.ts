import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { communityDb } from '../../src/community/community-schema.ts';
import { raiseUpvotesIn } from '../../src/papers/paper-store.ts';
import { describeEachDialect } from '../helpers/databases.ts';
import { type CommunityApp, PUBLIC_URL, startCommunityApp } from './helpers/community-app.ts';

const PAPER = '2503.04444';
const papers = [
  {
    raw: { id: PAPER, title: 'Counting votes exactly', abstract: 'Short.', authors: ['Ada Lovelace'] },
    listing: { day: '2025-03-14', source: 'test', upvotes: 3 },
  },
  { raw: { id: '2503.05555', title: 'Toggled a lot', abstract: 'Short.', authors: ['Alan Turing'] } },
];

describeEachDialect('upvotes', (kind) => {
  let web: CommunityApp;
  before(async () => {
    web = await startCommunityApp(kind, papers);
  });
  after(() => web.dispose());

  const count = async (id: string) => (await web.app.papers.getPaper(id))?.upvotes;
  const rows = async (id: string) =>
    (
      await communityDb(web.app.database.db)
        .selectFrom('upvotes')
        .selectAll()
        .where('paper_id', '=', id)
        .execute()
    ).length;

  test('a form POST without JavaScript upvotes once, redirects back, and shows on the listing', async () => {
    const browser = web.browser();
    await browser.signIn('ada@example.org');
    const from = `${PUBLIC_URL}/papers/date/2025-03-14`;
    for (let i = 0; i < 2; i++) {
      const res = await browser.post(
        `/upvote/${PAPER}`,
        { vote: 'up' },
        { origin: PUBLIC_URL, referer: from },
      );
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/papers/date/2025-03-14');
    }
    assert.equal(await count(PAPER), 4, 'three imported plus one member upvote, however often it is sent');
    const listing = await browser.get('/papers/date/2025-03-14');
    assert.match(listing.body, /<p class="votes">4<span class="vh"> upvotes<\/span><\/p>/);
    const page = await browser.get(`/papers/${PAPER}`);
    assert.match(page.body, /aria-pressed="true"/, 'the paper page shows the member has upvoted');
    const back = await browser.post(`/upvote/${PAPER}`, { vote: 'remove' }, { origin: PUBLIC_URL });
    assert.equal(back.headers.location, `/papers/${PAPER}`);
    assert.equal(await count(PAPER), 3);
  });

  test('an upvote needs a signed-in member (401) and a same-site form (403)', async () => {
    const stranger = web.browser();
    const res = await stranger.post(`/upvote/${PAPER}`, { vote: 'up' });
    assert.equal(res.statusCode, 401);
    const member = web.browser();
    await member.signIn('grace@example.org');
    assert.equal((await member.post(`/upvote/${PAPER}`, { vote: 'up' }, {})).statusCode, 403);
    const evil = await member.post(`/upvote/${PAPER}`, { vote: 'up' }, { origin: 'https://evil.example' });
    assert.equal(evil.statusCode, 403);
    assert.equal(await count(PAPER), 3);
  });

  test('50 members upvoting at once: the count is exact', async () => {
    const members = await Promise.all(
      Array.from({ length: 50 }, (_, i) => web.app.members.findOrCreate(`voter${i}@example.org`, new Date())),
    );
    await Promise.all(members.map((m) => web.app.upvotes.set(m.id, PAPER, true, new Date())));
    await Promise.all(members.map((m) => web.app.upvotes.set(m.id, PAPER, true, new Date())));
    assert.equal(await count(PAPER), 53);
    assert.equal(await rows(PAPER), 50);
  });

  test('50 concurrent toggles by one member: each flips once, the count matches the rows', async () => {
    const member = await web.app.members.findOrCreate('toggler@example.org', new Date());
    const results = await Promise.all(
      Array.from({ length: 50 }, () => web.app.upvotes.toggle(member.id, '2503.05555', new Date())),
    );
    assert.equal(results.filter((r) => r.upvoted).length, 25);
    assert.equal(await rows('2503.05555'), 0, 'an even number of flips ends where it started');
    assert.equal(await count('2503.05555'), 0);
  });

  test("a re-import that raises the imported count keeps the members' upvotes", async () => {
    await web.app.database.db.transaction().execute((trx) => raiseUpvotesIn(trx, new Map([[PAPER, 10]])));
    assert.equal(await count(PAPER), 60, 'ten imported plus fifty members');
    await web.app.database.db.transaction().execute((trx) => raiseUpvotesIn(trx, new Map([[PAPER, 5]])));
    assert.equal(await count(PAPER), 60, 'a lower imported count changes nothing');
  });
});
