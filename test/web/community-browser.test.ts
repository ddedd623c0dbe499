import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  type CommunityApp,
  latestLink,
  PUBLIC_URL,
  startCommunityApp,
} from '../community/helpers/community-app.ts';
import { chromiumAvailable, launchChromium, listenOnLoopback } from '../helpers/chromium.ts';
import { describeEachDialect } from '../helpers/databases.ts';
import { RecordingServer } from '../helpers/recording-server.ts';
import { repoRoot } from './helpers/web-app.ts';

const SUBMITTED = '2104.12255';
const recorded = JSON.parse(
  fs.readFileSync(
    path.join(repoRoot, 'test/fixtures/arxiv-api/recorded-json/id_2104.12255v1_s0_m100_6ae69987ffe1.json'),
    'utf8',
  ),
) as { body: string };

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
/** Two papers already on listings: a fresh one with a few upvotes, an older one with more. */
const listed = (id: string, title: string, upvotes: number, listedHoursAgo: number) => ({
  raw: { id, title, abstract: 'Short.', authors: ['Emmy Noether'] },
  listing: {
    day: hoursAgo(listedHoursAgo).slice(0, 10),
    submittedAt: hoursAgo(listedHoursAgo),
    upvotes,
    source: 'test',
  },
});

if (!chromiumAvailable('community browser tests')) {
  test('community browser tests', { skip: 'chromium not found' }, () => {});
} else {
  describeEachDialect('two members in two browsers', (kind) => {
    let web: CommunityApp;
    let arxiv: RecordingServer;
    let browser: Browser;
    let base: string;
    const contexts: BrowserContext[] = [];

    before(async () => {
      arxiv = await RecordingServer.start();
      arxiv.reply(`/api/query?id_list=${SUBMITTED}&start=0&max_results=1`, {
        status: 200,
        body: recorded.body,
      });
      web = await startCommunityApp(
        kind,
        [
          listed('2503.60001', 'Fresh and liked', 5, 1),
          listed('2503.60002', 'Older but more upvoted', 9, 30),
        ],
        { ARXIV_API_URL: arxiv.url('/api/query'), SUBMISSION_MAX_AGE_DAYS: '100000' },
      );
      base = await listenOnLoopback(web.server);
      browser = await launchChromium();
    });
    after(async () => {
      for (const c of contexts) await c.close();
      await browser?.close();
      await web?.dispose();
      await arxiv?.close();
    });

    /** A new browser context signed in through the link in the outbox. */
    async function signedIn(email: string): Promise<Page> {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(`${base}/sign-in`);
      await page.getByLabel(/email/i).fill(email);
      await page.getByRole('button', { name: /sign-in link|send|sign in/i }).click();
      await page.waitForLoadState();
      const link = (await latestLink(web.outbox, email)).replace(PUBLIC_URL, base);
      await page.goto(link);
      assert.match(page.url(), /\/members\//, `${email} lands on their profile`);
      return page;
    }

    const votes = async (page: Page) =>
      ((await page.locator('.paper-actions .votes').textContent()) ?? '').trim();

    test('sign in, submit, upvote, comment and reply: each sees the other; trending orders by score', async () => {
      const ada = await signedIn('ada@example.org');
      const grace = await signedIn('grace@example.org');

      await ada.goto(`${base}/submit`);
      await ada.getByLabel('arXiv id or link').fill(`https://arxiv.org/abs/${SUBMITTED}v1`);
      await ada.getByRole('button', { name: 'Submit' }).click();
      await ada.waitForURL(`${base}/papers/${SUBMITTED}`);
      assert.equal(arxiv.requests.length, 1, 'the paper was fetched from the (local) arXiv API');

      // The upvote happens in place: the page is not reloaded (the marker survives).
      await ada.evaluate(() => {
        (window as unknown as { marker: number }).marker = 1;
      });
      await ada.getByRole('button', { name: '▲ Upvote' }).click();
      await ada.locator('form.upvote button[aria-pressed="true"]').waitFor();
      assert.match(await votes(ada), /^1\s*upvote$/);
      assert.equal(await ada.evaluate(() => (window as unknown as { marker?: number }).marker), 1);

      await grace.goto(`${base}/papers/${SUBMITTED}`);
      assert.match(await votes(grace), /^1\s*upvote$/, "grace sees ada's upvote");
      assert.match(String(await grace.locator('.featured').textContent()), /submitted by ada/);
      await grace.getByRole('button', { name: '▲ Upvote' }).click();
      await grace.locator('form.upvote button[aria-pressed="true"]').waitFor();
      assert.match(await votes(grace), /^2\s*upvotes$/);

      await ada
        .getByLabel('Add a comment (Markdown)')
        .fill('A **clear** result. Code at https://example.org/code');
      await ada.getByRole('button', { name: 'Post comment' }).click();
      await ada.locator('.comment .comment-body strong', { hasText: 'clear' }).waitFor();

      await grace.reload();
      const adasComment = grace.locator('ol.comments > li.comment').first();
      assert.match(String(await adasComment.locator('.comment-meta').textContent()), /ada/);
      assert.equal(await adasComment.locator('.comment-body a').getAttribute('rel'), 'ugc nofollow noopener');
      await adasComment.locator('summary', { hasText: 'Reply' }).click();
      await adasComment.getByLabel('Your reply (Markdown)').fill('Agreed, and it *replicates*.');
      await adasComment.getByRole('button', { name: 'Post reply' }).click();
      await grace.locator('ol.replies em', { hasText: 'replicates' }).waitFor();

      await ada.reload();
      assert.match(await votes(ada), /^2\s*upvotes$/, "ada sees grace's upvote");
      const reply = ada.locator('ol.comments > li.comment ol.replies > li.comment');
      assert.match(String(await reply.locator('.comment-meta').textContent()), /grace/);
      assert.match(String(await reply.locator('.comment-body').textContent()), /Agreed, and it replicates\./);

      const axe = await new AxeBuilder({ page: ada }).analyze();
      assert.deepEqual(
        axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
        [],
        'the paper page with its discussion has no axe violations',
      );

      await grace.goto(`${base}/papers/trending?window=week`);
      const rows = grace.locator('li.trending-item');
      const titles = await rows.locator('> a').allTextContents();
      const scores = (await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-score')))).map(
        Number,
      );
      assert.deepEqual(titles.slice(0, 3), [
        'Fresh and liked',
        (await web.app.papers.getPaper(SUBMITTED))?.title,
        'Older but more upvoted',
      ]);
      assert.deepEqual(
        scores,
        [...scores].sort((a, b) => b - a),
        'rows are in descending score order',
      );
    });

    test('without JavaScript the upvote form still works (post, redirect back)', async () => {
      const context = await browser.newContext({ javaScriptEnabled: false });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(`${base}/sign-in`);
      await page.getByLabel(/email/i).fill('nojs@example.org');
      await page.getByRole('button', { name: /sign-in link|send|sign in/i }).click();
      await page.waitForLoadState();
      await page.goto((await latestLink(web.outbox, 'nojs@example.org')).replace(PUBLIC_URL, base));
      await page.goto(`${base}/papers/2503.60002`);
      const before = await votes(page);
      await page.getByRole('button', { name: '▲ Upvote' }).click();
      await page.waitForURL(`${base}/papers/2503.60002`);
      assert.match(before, /^9\s*upvotes$/);
      assert.match(await votes(page), /^10\s*upvotes$/);
    });
  });
}
