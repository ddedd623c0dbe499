import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addMember } from '../../src/accounts/add-member.ts';
import { communityDb } from '../../src/community/community-schema.ts';
import { describeEachDialect } from '../helpers/databases.ts';
import { type Browser, type CommunityApp, csrfIn, startCommunityApp } from './helpers/community-app.ts';

const PAPER = '2503.33333';
const papers = [
  {
    raw: {
      id: PAPER,
      title: 'Who wrote this?',
      abstract: 'Short.',
      authors: ['Ada Lovelace', 'Mallory <script>alert(1)</script>'],
    },
    listing: { day: '2025-03-14', source: 'test' },
  },
];

describeEachDialect('claimed authorship', (kind) => {
  let web: CommunityApp;
  let ada: Browser;
  let editor: Browser;
  before(async () => {
    web = await startCommunityApp(kind, papers);
    ada = web.browser();
    await ada.signIn('ada@example.org');
    await addMember(web.app.members, 'editor@example.org', 'editor', new Date());
    editor = web.browser();
    await editor.signIn('editor@example.org');
  });
  after(() => web.dispose());

  const claimRow = () =>
    communityDb(web.app.database.db)
      .selectFrom('authorship_claims')
      .innerJoin('members', 'members.id', 'authorship_claims.member_id')
      .select(['authorship_claims.status', 'authorship_claims.author_name', 'members.username'])
      .where('paper_id', '=', PAPER)
      .execute();

  test("a member can only claim one of the paper's author names", async () => {
    const res = await ada.submit(`/papers/${PAPER}`, '/claims', { paper: PAPER, author: 'Charles Babbage' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /is not one of the authors/);
    assert.equal((await claimRow()).length, 0);
  });

  test('claim, editor approves: the paper shows as verified and lists on the profile', async () => {
    const claimed = await ada.submit(`/papers/${PAPER}`, '/claims', {
      paper: PAPER,
      author: ' ada  LOVELACE ',
    });
    assert.equal(claimed.statusCode, 303, claimed.body);
    assert.deepEqual(await claimRow(), [{ status: 'pending', author_name: 'Ada Lovelace', username: 'ada' }]);
    assert.match((await ada.get(`/papers/${PAPER}`)).body, /You claimed to be Ada Lovelace: waiting/);
    assert.doesNotMatch((await ada.get('/members/ada')).body, /Who wrote this\?/, 'not on the profile yet');

    assert.equal((await ada.get('/editor/claims')).statusCode, 403, 'members cannot review claims');
    const review = await editor.get('/editor/claims');
    assert.match(review.body, /claims to be Ada Lovelace/);
    const memberId = /name="member" value="([^"]+)"/.exec(review.body)?.[1] ?? '';
    const forged = await ada.post('/editor/claims', {
      _csrf: csrfIn((await ada.get(`/papers/${PAPER}`)).body),
      member: memberId,
      paper: PAPER,
      decision: 'approved',
    });
    assert.equal(forged.statusCode, 403, 'a member cannot approve their own claim');
    assert.equal((await claimRow())[0]?.status, 'pending');

    const approved = await editor.submit('/editor/claims', '/editor/claims', {
      member: memberId,
      paper: PAPER,
      decision: 'approved',
    });
    assert.equal(approved.statusCode, 303);
    assert.equal((await claimRow())[0]?.status, 'approved');
    const page = (await web.browser().get(`/papers/${PAPER}`)).body;
    assert.match(page, /<span class="verified">Verified<\/span> by Ada Lovelace/);
    const profile = (await web.browser().get('/members/ada')).body;
    assert.match(
      profile,
      /href="\/papers\/2503.33333">Who wrote this\?<\/a> <span class="verified">verified author/,
    );
  });

  test('an approved author name cannot be claimed by someone else; rejected claims do not verify', async () => {
    const eve = web.browser();
    await eve.signIn('eve@example.org');
    const taken = await eve.submit(`/papers/${PAPER}`, '/claims', { paper: PAPER, author: 'Ada Lovelace' });
    assert.equal(taken.statusCode, 409);
    const other = await eve.submit(`/papers/${PAPER}`, '/claims', {
      paper: PAPER,
      author: 'Mallory <script>alert(1)</script>',
    });
    assert.equal(other.statusCode, 303);
    const review = (await editor.get('/editor/claims')).body;
    assert.doesNotMatch(review, /<script>alert/, 'author names are escaped');
    const memberId = /name="member" value="([^"]+)"/.exec(review)?.[1] ?? '';
    await editor.submit('/editor/claims', '/editor/claims', {
      member: memberId,
      paper: PAPER,
      decision: 'rejected',
    });
    const rows = await claimRow();
    assert.deepEqual(rows.map((r) => `${r.username}:${r.status}`).sort(), ['ada:approved', 'eve:rejected']);
    assert.doesNotMatch((await web.browser().get('/members/eve')).body, /Who wrote this\?/);
    assert.match((await eve.get(`/papers/${PAPER}`)).body, /an editor could not verify it/);
  });
});
