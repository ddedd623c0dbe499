import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { describeConfig, loadConfig } from '../../src/config/config.ts';
import { SourceError } from '../../src/domain/errors.ts';
import { GitHubClient, GitHubRateLimitedError } from '../../src/github/github-client.ts';
import { githubRepoOf } from '../../src/github/github-repo.ts';
import { RecordingServer } from '../helpers/recording-server.ts';
import {
  notFoundReply,
  notModifiedReply,
  RESET_AT,
  rateLimitedReply,
  repoReply,
  secondaryLimitReply,
} from './helpers/github-replies.ts';

let github: RecordingServer;
before(async () => {
  github = await RecordingServer.start();
});
after(() => github.close());

const client = (token: string | null = 'ghp_test') =>
  new GitHubClient({ apiUrl: github.url(''), token, now: () => new Date('2025-12-31T23:00:00Z') });

test('githubRepoOf: owner/name from code links, nothing from other links', () => {
  const table: [string, string | null][] = [
    ['https://github.com/Octocat/Hello-World', 'octocat/hello-world'],
    ['https://www.github.com/a/b.git', 'a/b'],
    ['http://github.com/a/b/tree/main/src', 'a/b'],
    ['https://github.com/a', null],
    ['https://github.com/orgs/a', null],
    ['https://github.com/features/copilot', null],
    ['https://gitlab.com/a/b', null],
    ['https://github.com.evil.example/a/b', null],
    ['javascript:alert(1)', null],
  ];
  for (const [link, repo] of table) assert.equal(githubRepoOf(link), repo, link);
});

test('200: stargazers_count and the ETag; the token and API version are sent', async () => {
  github.reply('/repos/octocat/hello-world', repoReply('octocat/Hello-World', 1420, 'W/"abc"', 4321));
  const c = client();
  assert.deepEqual(await c.repoStars('octocat/hello-world', null), {
    kind: 'stars',
    stars: 1420,
    etag: 'W/"abc"',
  });
  const sent = github.requests.at(-1);
  assert.equal(sent?.headers.authorization, 'Bearer ghp_test');
  assert.equal(sent?.headers['x-github-api-version'], '2022-11-28');
  assert.equal(sent?.headers['if-none-match'], undefined);
  assert.deepEqual(c.lastRateLimit, { remaining: 4321, resetAt: RESET_AT });
  assert.equal(c.exhausted(), null);
});

test('304 to If-None-Match: not modified', async () => {
  github.reply('/repos/a/b', notModifiedReply('W/"abc"'));
  assert.deepEqual(await client(null).repoStars('a/b', 'W/"abc"'), { kind: 'not-modified' });
  const sent = github.requests.at(-1);
  assert.equal(sent?.headers['if-none-match'], 'W/"abc"');
  assert.equal(sent?.headers.authorization, undefined, 'no token configured, none sent');
});

test('404: not found', async () => {
  github.reply('/repos/gone/away', notFoundReply());
  assert.deepEqual(await client().repoStars('gone/away', null), { kind: 'not-found' });
});

test('403 with X-RateLimit-Remaining: 0 stops with the reset time; 429 with Retry-After too', async () => {
  github.reply('/repos/a/limited', rateLimitedReply());
  await assert.rejects(client().repoStars('a/limited', null), (error: unknown) => {
    assert.ok(error instanceof GitHubRateLimitedError);
    assert.equal(error.resetAt.toISOString(), RESET_AT.toISOString());
    assert.equal(error.retryAfterSeconds, 3600);
    return true;
  });
  github.reply('/repos/a/secondary', secondaryLimitReply(120));
  await assert.rejects(client().repoStars('a/secondary', null), (error: unknown) => {
    assert.ok(error instanceof GitHubRateLimitedError);
    assert.equal(error.resetAt.toISOString(), '2025-12-31T23:02:00.000Z');
    return true;
  });
});

test('a 403 without rate-limit signs, or a body without stargazers_count, is a SourceError', async () => {
  github.reply('/repos/a/forbidden', {
    status: 403,
    headers: { 'content-type': 'application/json', 'x-ratelimit-remaining': '4000' },
    body: JSON.stringify({ message: 'Resource not accessible by personal access token' }),
  });
  await assert.rejects(client().repoStars('a/forbidden', null), (error: unknown) => {
    assert.ok(error instanceof SourceError && !(error instanceof GitHubRateLimitedError));
    assert.match(error.message, /Resource not accessible/);
    return true;
  });
  github.reply('/repos/a/odd', { status: 200, headers: { 'content-type': 'application/json' }, body: '{}' });
  await assert.rejects(client().repoStars('a/odd', null), /no stargazers_count/);
});

test('config: GITHUB_API_URL defaults to api.github.com; GITHUB_TOKEN is hidden when printed', () => {
  const plain = loadConfig({ DEMO_DATA: 'off' });
  assert.deepEqual(plain.github, { apiUrl: 'https://api.github.com', token: null });
  const withToken = loadConfig({
    DEMO_DATA: 'off',
    GITHUB_TOKEN: 'ghp_secret',
    GITHUB_API_URL: 'http://127.0.0.1:9/',
  });
  assert.equal(withToken.github.apiUrl, 'http://127.0.0.1:9');
  assert.doesNotMatch(JSON.stringify(describeConfig(withToken)), /ghp_secret/);
});
