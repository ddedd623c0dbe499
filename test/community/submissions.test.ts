import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { addMember } from '../../src/accounts/add-member.ts';
import { SubmissionService } from '../../src/community/submissions.ts';
import { describeEachDialect } from '../helpers/databases.ts';
import { RecordingServer } from '../helpers/recording-server.ts';
import { repoRoot } from '../web/helpers/web-app.ts';
import { type CommunityApp, startCommunityApp } from './helpers/community-app.ts';

const recorded = JSON.parse(
  fs.readFileSync(
    path.join(repoRoot, 'test/fixtures/arxiv-api/recorded-json/id_2104.12255v1_s0_m100_6ae69987ffe1.json'),
    'utf8',
  ),
) as { body: string };
const onListing = {
  raw: { id: '2503.06666', title: 'Already featured', abstract: 'Short.', authors: ['Emmy Noether'] },
  listing: { day: '2025-03-14', source: 'test' },
};

const fresh = (id: string) => ({
  raw: {
    id,
    title: `Fresh paper ${id}`,
    abstract: 'Short.',
    authors: ['Ada Lovelace'],
    versions: [{ version: 1, submittedAt: '2025-03-10T10:00:00Z' }],
  },
});

describeEachDialect('submissions', (kind) => {
  let web: CommunityApp;
  let arxiv: RecordingServer;
  before(async () => {
    arxiv = await RecordingServer.start();
    arxiv.reply('/api/query?id_list=2104.12255&start=0&max_results=1', { status: 200, body: recorded.body });
    web = await startCommunityApp(kind, [onListing, fresh('2503.07777'), fresh('2503.08888')], {
      ARXIV_API_URL: arxiv.url('/api/query'),
      SUBMISSION_MAX_AGE_DAYS: '100000',
      SUBMISSIONS_PER_DAY: '2',
    });
  });
  after(async () => {
    await web.dispose();
    await arxiv.close();
  });

  test('a member submits an arXiv link: fetched from the arXiv API, on today\'s listing, "Submitted by"', async () => {
    const browser = web.browser();
    await browser.signIn('ada@example.org');
    const res = await browser.submit('/submit', '/submit', { paper: 'https://arxiv.org/abs/2104.12255v1' });
    assert.equal(res.statusCode, 303, res.body);
    assert.equal(res.headers.location, '/papers/2104.12255');
    assert.equal(arxiv.requests.length, 1);
    const listing = await web.app.listings.listingOf('2104.12255');
    assert.equal(listing?.submittedBy, 'ada');
    assert.equal(listing?.source, 'member');
    const day = await browser.get(`/papers/date/${listing?.day}`);
    assert.match(day.body, /Submitted by <a href="\/members\/ada">ada<\/a>/);
    assert.match((await browser.get('/members/ada')).body, /href="\/papers\/2104.12255"/);
  });

  test('each rule answers with a clear message and changes nothing', async () => {
    const browser = web.browser();
    await browser.signIn('grace@example.org');
    const notId = await browser.submit('/submit', '/submit', { paper: 'https://evil.example/paper.pdf' });
    assert.equal(notId.statusCode, 400);
    assert.match(notId.body, /is not an arXiv id or link/);
    const listed = await browser.submit('/submit', '/submit', { paper: '2503.06666' });
    assert.equal(listed.statusCode, 409);
    assert.match(listed.body, /already on the listing of 2025-03-14/);
    assert.equal(arxiv.requests.length, 1, 'nothing user-given was fetched');
    const member = await web.app.members.byUsername('grace');
    assert.ok(member);
    // The age rule with the default 14 days: the recorded paper's first version is from 2021.
    const strict = new SubmissionService(
      web.app.database.db,
      { papers: web.app.papers, listings: web.app.listings, fetcher: { fetchPaper: async () => {} } },
      { maxAgeDays: 14, perDay: 5, timeZone: 'UTC' },
    );
    await web.app.listings.removeEntry('2104.12255');
    await assert.rejects(
      strict.submit(member, '2104.12255', new Date()),
      /first appeared on 2021-04-20; only papers whose first version is at most 14 days old/,
    );
    assert.equal(await web.app.listings.listingOf('2104.12255'), null);
  });

  test('at most N submissions per member per day: 429 with Retry-After', async () => {
    const member = await web.app.members.findOrCreate('busy@example.org', new Date());
    await web.app.submissions.submit(member, '2104.12255', new Date());
    await web.app.submissions.submit(member, '2503.07777', new Date());
    const browser = web.browser();
    await browser.signIn('busy@example.org');
    const third = await browser.submit('/submit', '/submit', { paper: '2503.08888' });
    assert.equal(third.statusCode, 429);
    assert.match(third.body, /most allowed/);
    assert.ok(Number(third.headers['retry-after']) > 0);
  });

  test('editors remove papers from a listing; members may not', async () => {
    const member = web.browser();
    await member.signIn('plain@example.org');
    const refused = await member.submit('/members/plain', '/editor/listing/2503.06666', { action: 'remove' });
    assert.equal(refused.statusCode, 403);
    await addMember(web.app.members, 'editor@example.org', 'editor', new Date());
    const editor = web.browser();
    await editor.signIn('editor@example.org');
    const removed = await editor.submit('/papers/2503.06666', '/editor/listing/2503.06666', {
      action: 'remove',
    });
    assert.equal(removed.statusCode, 303);
    assert.equal(await web.app.listings.listingOf('2503.06666'), null);
    const featured = await editor.submit('/papers/2503.06666', '/editor/listing/2503.06666', {
      action: 'feature',
      day: '2025-03-15',
    });
    assert.equal(featured.statusCode, 303);
    assert.equal((await web.app.listings.listingOf('2503.06666'))?.day, '2025-03-15');
  });
});
