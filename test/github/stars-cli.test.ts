import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { loadConfig } from '../../src/config/config.ts';
import { createApp } from '../../src/main.ts';
import { runCli, tempEnv } from '../helpers/cli.ts';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../helpers/databases.ts';
import { RecordingServer } from '../helpers/recording-server.ts';
import { ingestPapers, repoRoot } from '../web/helpers/web-app.ts';
import { rateLimitedReply, repoReply } from './helpers/github-replies.ts';

describeEachDialect('paperpulse stars refresh', (kind) => {
  let github: RecordingServer;
  let database: TestDatabase;
  let env: NodeJS.ProcessEnv;
  let dir: string;
  before(async () => {
    github = await RecordingServer.start();
    database = await createTestDatabase(kind);
    ({ dir, env } = tempEnv({
      DATABASE_URL: database.url,
      GITHUB_API_URL: github.url(''),
      GITHUB_TOKEN: 'ghp_cli',
    }));
    const app = await createApp(loadConfig(env, repoRoot), { schema: 'auto' });
    const now = new Date().toISOString();
    await ingestPapers(app, [
      {
        raw: {
          id: '2503.50001',
          title: 'With code',
          abstract: 'a',
          authors: ['A'],
          codeUrls: ['https://github.com/a/one'],
        },
        listing: { day: now.slice(0, 10), submittedAt: now, source: 'test' },
      },
      {
        raw: {
          id: '2503.50002',
          title: 'More code',
          abstract: 'b',
          authors: ['B'],
          codeUrls: ['https://github.com/b/two'],
        },
        listing: { day: now.slice(0, 10), submittedAt: now, source: 'test' },
      },
    ]);
    await app.close();
  });
  after(async () => {
    await github.close();
    await database.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('prints progress and a summary; exit 0', async () => {
    github.reply('/repos/a/one', repoReply('a/one', 7, 'W/"1"'));
    github.reply('/repos/b/two', repoReply('b/two', 9, 'W/"2"'));
    const res = await runCli(['stars', 'refresh'], env);
    assert.equal(res.code, 0, res.stderr);
    assert.match(
      res.stdout,
      /GitHub stars: 2 repositories; 2 updated, 0 unchanged \(304\), 0 not found, 0 failed\./,
    );
    assert.match(res.stderr, /stars: 2\/2 repositories/);
    assert.equal(github.requests.at(-1)?.headers.authorization, 'Bearer ghp_cli');
  });

  test('stopped by the rate limit: says when to try again, exit 75', async () => {
    const reset = Math.ceil(Date.now() / 1000) + 900;
    github.reply('/repos/a/one', rateLimitedReply(reset));
    const res = await runCli(['stars', 'refresh'], env);
    assert.equal(res.code, 75);
    assert.match(
      res.stdout,
      new RegExp(`2 repositories left\\. Try again after ${new Date(reset * 1000).toISOString()}`),
    );
  });
});
