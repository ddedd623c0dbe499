import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { communityDb } from '../../src/community/community-schema.ts';
import { GitHubClient } from '../../src/github/github-client.ts';
import { refreshStars } from '../../src/github/star-refresh.ts';
import { type CommunityApp, startCommunityApp } from '../community/helpers/community-app.ts';
import { describeEachDialect } from '../helpers/databases.ts';
import { RecordingServer } from '../helpers/recording-server.ts';
import { notFoundReply, notModifiedReply, rateLimitedReply, repoReply } from './helpers/github-replies.ts';

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
const paper = (id: string, codeUrls: string[], listedHoursAgo: number) => ({
  raw: { id, title: `Paper ${id}`, abstract: 'Short.', authors: ['Ada Lovelace'], codeUrls },
  listing: {
    day: hoursAgo(listedHoursAgo).slice(0, 10),
    submittedAt: hoursAgo(listedHoursAgo),
    source: 'test',
  },
});

describeEachDialect('GitHub stars refresh', (kind) => {
  let web: CommunityApp;
  let github: RecordingServer;
  before(async () => {
    github = await RecordingServer.start();
    web = await startCommunityApp(
      kind,
      [
        paper('2503.40001', ['https://github.com/ada/engine', 'https://ada.example/project'], 5),
        paper('2503.40002', ['https://github.com/Ada/Engine/tree/main'], 6),
        paper('2503.40003', ['https://github.com/gone/away'], 7),
        paper('2503.40004', ['https://github.com/old/paper'], 24 * 90),
      ],
      { GITHUB_API_URL: github.url(''), GITHUB_TOKEN: 'ghp_test' },
    );
  });
  after(async () => {
    await web.dispose();
    await github.close();
  });

  const snapshots = (paperId: string) =>
    communityDb(web.app.database.db)
      .selectFrom('paper_stars')
      .select(['repo', 'stars'])
      .where('paper_id', '=', paperId)
      .orderBy('observed_at')
      .execute();
  const run = () => refreshStars(web.app.github.client, web.app.github.store, { days: 30 });

  test('first run: one request per repository, a snapshot for every paper linking it', async () => {
    github.reply('/repos/ada/engine', repoReply('ada/engine', 100, 'W/"v1"'));
    github.reply('/repos/gone/away', notFoundReply());
    const summary = await run();
    assert.deepEqual(
      {
        repos: summary.repos,
        updated: summary.updated,
        notFound: summary.notFound,
        stopped: summary.stoppedUntil,
      },
      { repos: 2, updated: 1, notFound: 1, stopped: null },
    );
    assert.equal(github.requests.filter((r) => r.path === '/repos/ada/engine').length, 1);
    assert.ok(
      !github.requests.some((r) => r.path.startsWith('/repos/old/')),
      'papers listed long ago are left out',
    );
    assert.deepEqual(await snapshots('2503.40001'), [{ repo: 'ada/engine', stars: 100 }]);
    assert.deepEqual(await snapshots('2503.40002'), [{ repo: 'ada/engine', stars: 100 }]);
  });

  test('a conditional request answered 304 keeps the last count', async () => {
    github.reply('/repos/ada/engine', notModifiedReply('W/"v1"'));
    const summary = await run();
    assert.equal(summary.notModified, 1);
    const sent = github.requests.filter((r) => r.path === '/repos/ada/engine').at(-1);
    assert.equal(sent?.headers['if-none-match'], 'W/"v1"');
    assert.deepEqual(
      (await snapshots('2503.40001')).map((s) => s.stars),
      [100, 100],
    );
  });

  test('stars gained in the window feed the trending score', async () => {
    github.reply('/repos/ada/engine', repoReply('ada/engine', 150, 'W/"v2"'));
    await run();
    const item = await web.app.trending.forPaper('2503.40001', new Date());
    assert.equal(item?.starsGained, 50);
    assert.match((await web.browser().get('/papers/2503.40001')).body, /50 stars gained this week/);
  });

  test('an answer with X-RateLimit-Remaining: 0 stops the run before the next request', async () => {
    const reset = Math.ceil(Date.now() / 1000) + 3600;
    github.reply('/repos/ada/engine', {
      ...repoReply('ada/engine', 151, 'W/"v3"', 0),
      headers: { ...repoReply('ada/engine', 151, 'W/"v3"', 0).headers, 'x-ratelimit-reset': String(reset) },
    });
    const before = github.requests.length;
    const summary = await run();
    assert.equal(summary.updated, 1);
    assert.equal(summary.stoppedUntil?.getTime(), reset * 1000);
    assert.equal(summary.left, 1, 'gone/away is left for the next run');
    assert.equal(github.requests.length - before, 1);
    const again = await run();
    assert.equal(github.requests.length - before, 1, 'a run before the reset asks nothing');
    assert.equal(again.left, 2);
  });

  test('a 403 rate-limit answer stops the run and says when to retry', async () => {
    const reset = Math.ceil(Date.now() / 1000) + 600;
    github.reply('/repos/ada/engine', rateLimitedReply(reset));
    const client = new GitHubClient({ apiUrl: github.url(''), token: null });
    const before = github.requests.length;
    const summary = await refreshStars(client, web.app.github.store, { days: 30 });
    assert.equal(summary.stoppedUntil?.getTime(), reset * 1000);
    assert.equal(summary.left, 2, 'both repositories are left for the next run');
    assert.equal(github.requests.length - before, 1, 'nothing more is asked once the limit is used up');
    assert.deepEqual(
      (await snapshots('2503.40001')).map((s) => s.stars),
      [100, 100, 150, 151],
    );
  });
});
