/**
 * "Done means" for email digests, in Chromium: a new reader subscribes from the home page's banner,
 * confirms from the link in the outbox, receives the digest of the demo listing with a reason on every
 * paper, and unsubscribes with one click the way a mail client does (RFC 8058) — after which a digest run
 * sends that address nothing.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { ParsedMail } from 'mailparser';
import type { Browser } from 'playwright-core';
import { parseDigestPeriod } from '../../src/digest/digest-period.ts';
import { addSubscribers } from '../digest/helpers/subscribers.ts';
import { chromiumAvailable, launchChromium, listenOnLoopback } from '../helpers/chromium.ts';
import { describeEachDialect } from '../helpers/databases.ts';
import { type DigestApp, PUBLIC_URL, startDigestApp } from '../subscriptions/helpers/digest-app.ts';
import { ingestPapers } from './helpers/web-app.ts';

const READER = 'new.reader@example.org';

const to = (mail: ParsedMail) => (mail.to && !Array.isArray(mail.to) ? mail.to.text : '');

if (!chromiumAvailable('digest browser test')) {
  test('digest browser test', { skip: 'chromium not found' }, () => {});
} else {
  describeEachDialect('a new reader, from the banner to one-click unsubscribe', (kind) => {
    let web: DigestApp;
    let browser: Browser;
    let base: string;

    before(async () => {
      web = await startDigestApp(kind);
      base = await listenOnLoopback(web.server);
      browser = await launchChromium();
    });
    after(async () => {
      await browser?.close();
      await web?.dispose();
    });

    const mailsTo = async (address: string) => (await web.outbox()).filter((m) => to(m) === address);
    const onThisServer = (url: string) => url.replace(PUBLIC_URL, base);

    test('subscribe, confirm, a digest with a reason on every paper, one-click unsubscribe, then nothing', async () => {
      const context = await browser.newContext();
      const page = await context.newPage();

      // 1. The home page's banner.
      await page.goto(`${base}/`);
      const banner = page.locator('aside.banner');
      assert.match(String(await banner.textContent()), /Get trending papers in your email inbox!/);
      await banner.getByLabel('Email address').fill(READER);
      await banner.getByRole('button', { name: 'Subscribe' }).click();
      await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();

      // 2. The confirmation email in the outbox; its link opens a page whose button confirms.
      const [confirmation] = await mailsTo(READER);
      assert.ok(confirmation, 'a confirmation email in the outbox');
      const link = /https?:\/\/\S+\/subscribe\/confirm\?token=[\w-]+/.exec(confirmation.text ?? '')?.[0];
      assert.ok(link, 'a confirmation link');
      await page.goto(onThisServer(link));
      assert.equal(
        (await web.app.subscriptionStore.byEmail(READER))?.status,
        'pending',
        'opening is not confirming',
      );
      await page.getByRole('button', { name: 'Confirm' }).click();
      await page.getByRole('heading', { name: 'You are subscribed' }).waitFor();
      assert.equal((await web.app.subscriptionStore.byEmail(READER))?.status, 'confirmed');

      // 3. A digest run of the demo listing's day, in process.
      const mar14 = parseDigestPeriod('2025-03-14');
      assert.ok(mar14);
      const first = await web.app.digests.run(mar14);
      assert.equal(first.counts.sent, 1);
      const digests = (await mailsTo(READER)).filter((m) => m.subject?.startsWith('Paperpulse:'));
      assert.equal(digests.length, 1);
      const digest = digests[0] as ParsedMail;
      assert.match(digest.subject ?? '', /^Paperpulse: 10 papers of Mar 14$/);
      await page.setContent(String(digest.html));
      const cards = page.locator('td.pp-card');
      assert.equal(await cards.count(), 10, 'ten papers');
      for (const card of await cards.all()) {
        const reason = String(await card.locator('p').first().textContent());
        const title = String(await card.locator('h2 a').textContent());
        assert.match(
          reason,
          /^\d+\. (#\d+ on the listing of Mar 14|trending #\d+ of Mar 14)/,
          `a reason for ${title}`,
        );
        assert.ok(title.trim().length > 0);
      }

      // 4. One click, as a mail client does it: POST the List-Unsubscribe URL, no cookies.
      const listUnsubscribe =
        digest.headerLines.find((h) => h.key === 'list-unsubscribe')?.line.replace(/\r?\n\s+/g, '') ?? '';
      const url = /<(https?:\/\/[^>]+)>/.exec(listUnsubscribe)?.[1];
      assert.ok(url, `an https? URL in List-Unsubscribe: ${listUnsubscribe}`);
      assert.match(
        digest.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line ?? '',
        /: List-Unsubscribe=One-Click$/,
      );
      const oneClick = await fetch(onThisServer(url), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
        redirect: 'manual',
      });
      assert.equal(oneClick.status, 200);
      assert.equal((await web.app.subscriptionStore.byEmail(READER))?.status, 'unsubscribed');

      // 5. The next digest run: another subscriber gets it, the reader gets nothing.
      await addSubscribers(web.app, [{ email: 'control@example.org' }]);
      await ingestPapers(web.app, [
        {
          raw: { id: '2503.80001', title: 'Monday paper', abstract: 'Short.', authors: ['Ada'] },
          listing: { day: '2025-03-17', upvotes: 1, source: 'test' },
        },
      ]);
      const before = (await mailsTo(READER)).length;
      const mar17 = parseDigestPeriod('2025-03-17');
      assert.ok(mar17);
      const second = await web.app.digests.run(mar17);
      assert.equal(second.counts.sent, 1);
      assert.equal((await mailsTo('control@example.org')).length, 1, 'the run did send');
      assert.equal((await mailsTo(READER)).length, before, 'nothing more to the reader');
      await context.close();
    });
  });
}
