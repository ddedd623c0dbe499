import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { simpleParser } from 'mailparser';
import { parseDigestPeriod } from '../../src/digest/digest-period.ts';
import { describeEachDialect } from '../helpers/databases.ts';
import { type DigestApp, local, PUBLIC_URL, startDigestApp } from '../subscriptions/helpers/digest-app.ts';
import { type SmtpBehaviour, startSmtpServer, type TestSmtpServer } from './helpers/smtp-server.ts';
import { addSubscribers, subscriptionId } from './helpers/subscribers.ts';

const MAR_14 = parseDigestPeriod('2025-03-14');
if (!MAR_14) throw new Error('bad period');

describeEachDialect('digest delivery over SMTP', (kind) => {
  let smtp: TestSmtpServer;
  let web: DigestApp;
  before(async () => {
    smtp = await startSmtpServer();
    web = await startDigestApp(kind, {
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Paperpulse <digest@paperpulse.test>',
    });
    await addSubscribers(web.app, [
      { email: 'all@example.org' },
      { email: 'vision@example.org', categories: ['cs.CV'] },
      { email: 'nomatch@example.org', keywords: ['quasar'] },
      { email: 'weekly@example.org', frequency: 'weekly' },
      { email: 'gone@example.org', status: 'unsubscribed' },
      { email: 'bounced@example.org' },
    ]);
    await web.app.subscriptionStore.suppress('bounced@example.org', 'hard_bounce', null, new Date());
  });
  after(async () => {
    await web.dispose();
    await smtp.close();
  });

  test('one digest per daily subscriber, with both parts, RFC 8058 headers and a deterministic Message-ID', async () => {
    const summary = await web.app.digests.run(MAR_14);
    assert.equal(summary.done, true);
    assert.deepEqual(
      [summary.counts.sent, summary.counts.skipped, summary.counts.suppressed, summary.counts.failed],
      [3, 0, 1, 0],
    );
    assert.deepEqual(smtp.received.map((m) => m.to).sort(), [
      'all@example.org',
      'nomatch@example.org',
      'vision@example.org',
    ]);
    for (const received of smtp.received) {
      const mail = await simpleParser(received.raw);
      const header = (name: string) =>
        mail.headerLines
          .find((h) => h.key === name)
          ?.line.replace(/^[^:]+:\s*/, '')
          .replace(/\r?\n\s+/g, ' ');
      assert.deepEqual(mail.from?.value, [{ name: 'Paperpulse', address: 'digest@paperpulse.test' }]);
      assert.equal(mail.to && !Array.isArray(mail.to) ? mail.to.text : '', received.to);
      assert.ok(mail.date instanceof Date && !Number.isNaN(mail.date.getTime()));
      const id = await subscriptionId(web.app, received.to);
      assert.equal(mail.messageId, `<digest.daily.2025-03-14.${id}@paperpulse.test>`);
      assert.match(
        header('list-unsubscribe') ?? '',
        /^<http:\/\/paperpulse\.test\/unsubscribe\?token=[\w.-]+>$/,
      );
      assert.equal(header('list-unsubscribe-post'), 'List-Unsubscribe=One-Click');
      assert.match(mail.subject ?? '', /^Paperpulse: \d+ papers? of Mar 14$/);
      assert.ok(mail.text && mail.html, 'both a text and an HTML part');
      assert.ok(!/<img/i.test(mail.html || ''), 'no images');
      assert.match(mail.html || '', /<table role="presentation"/);
      assert.match(mail.text ?? '', /Why: #1 on the listing of Mar 14/);
    }
  });

  test('each paper has a reason: by category for topic subscribers, and a fallback note when nothing matched', async () => {
    const text = async (to: string) => {
      const raw = smtp.received.find((m) => m.to === to)?.raw;
      return (await simpleParser(raw ?? Buffer.from(''))).text ?? '';
    };
    const vision = await text('vision@example.org');
    const whys = vision.split('\n').filter((l) => l.includes('Why:'));
    assert.ok(whys.length > 0);
    for (const why of whys) assert.match(why, /in cs\.CV/);
    assert.match(await text('nomatch@example.org'), /Nothing matched your topics this time/);
  });

  test('every link to this site in a digest answers 200', async () => {
    for (const received of smtp.received) {
      const mail = await simpleParser(received.raw);
      const links = new Set(
        [
          ...`${mail.text}`.matchAll(/https?:\/\/paperpulse\.test[^\s<>"]*/g),
          ...`${mail.html}`.matchAll(/href="(http:\/\/paperpulse\.test[^"]*)"/g),
        ].map((m) => (m[1] ?? m[0]).replaceAll('&amp;', '&')),
      );
      assert.ok(links.size >= 5, `links in ${received.to}`);
      for (const link of links) {
        assert.ok(link.startsWith(PUBLIC_URL));
        const res = await web.server.inject({ method: 'GET', url: local(link) });
        assert.equal(res.statusCode, 200, link);
      }
    }
  });

  test('running the same period again sends nothing', async () => {
    const before = smtp.received.length;
    const summary = await web.app.digests.run(MAR_14);
    assert.equal(summary.counts.sent, 3);
    assert.equal(smtp.received.length, before);
  });

  test('a week with no papers sends no email', async () => {
    const week = parseDigestPeriod('2024-W02');
    if (!week) throw new Error('bad period');
    const summary = await web.app.digests.run(week);
    assert.equal(summary.counts.sent, 0);
    assert.equal(summary.counts.skipped, 1);
  });
});

describeEachDialect('digest delivery when the SMTP server fails', (kind) => {
  const plan: Record<string, (attempt: number) => SmtpBehaviour> = {
    'ok@example.org': () => 'accept',
    'greylisted@example.org': (n) => (n === 1 ? 451 : 'accept'),
    'busy@example.org': () => 421,
    'nosuchuser@example.org': () => 550,
    'dropped@example.org': (n) => (n === 1 ? 'drop' : 'accept'),
  };
  let smtp: TestSmtpServer;
  let web: DigestApp;
  before(async () => {
    smtp = await startSmtpServer((to, attempt) => plan[to]?.(attempt) ?? 'accept');
    web = await startDigestApp(kind, { SMTP_URL: smtp.url, DIGEST_RETRY_MS: '20', DIGEST_MAX_ATTEMPTS: '3' });
    await addSubscribers(
      web.app,
      Object.keys(plan).map((email) => ({ email })),
    );
  });
  after(async () => {
    await web.dispose();
    await smtp.close();
  });

  test('4xx and dropped connections are retried with backoff; 5xx fails at once and suppresses the address', async () => {
    const summary = await web.app.digests.run(MAR_14);
    assert.equal(summary.done, true);
    assert.deepEqual([summary.counts.sent, summary.counts.failed], [3, 2]);
    assert.deepEqual(smtp.received.map((m) => m.to).sort(), [
      'dropped@example.org',
      'greylisted@example.org',
      'ok@example.org',
    ]);
    // 421 is tried DIGEST_MAX_ATTEMPTS times; nodemailer's pool may itself requeue a message that was refused
    // before any byte of it went out, so the server can see more RCPTs than that.
    assert.ok((smtp.attempts.get('busy@example.org') ?? 0) >= 3, '421 is retried');
    assert.equal(smtp.attempts.get('nosuchuser@example.org'), 1, '550 is not retried');
    assert.equal(smtp.attempts.get('greylisted@example.org'), 2);
    assert.equal(await web.app.subscriptionStore.isSuppressed('nosuchuser@example.org'), true);
    assert.equal(await web.app.subscriptionStore.isSuppressed('busy@example.org'), false);
    const failed = await web.app.digests.listed(summary.runId, 'failed', 10);
    assert.deepEqual(
      failed.map((f) => f.email),
      ['busy@example.org', 'nosuchuser@example.org'],
    );
    assert.ok(
      failed.every((f) => !(f.last_error ?? '').includes('@example.org')),
      'no addresses in notes',
    );
  });
});

describeEachDialect('a digest run pauses after K failures in a row', (kind) => {
  let failing = true;
  let smtp: TestSmtpServer;
  let web: DigestApp;
  before(async () => {
    smtp = await startSmtpServer(() => (failing ? 451 : 'accept'));
    web = await startDigestApp(kind, {
      SMTP_URL: smtp.url,
      DIGEST_PAUSE_AFTER: '3',
      DIGEST_CONCURRENCY: '1',
      DIGEST_RETRY_MS: '10',
    });
    await addSubscribers(
      web.app,
      Array.from({ length: 8 }, (_, i) => ({ email: `s${i}@example.org` })),
    );
  });
  after(async () => {
    await web.dispose();
    await smtp.close();
  });

  test('it says so, keeps the rest pending, and a second run finishes the job', async () => {
    const paused = await web.app.digests.run(MAR_14);
    assert.equal(paused.done, false);
    assert.match(paused.paused ?? '', /paused after 3 failures in a row/);
    assert.equal(paused.counts.pending, 8);
    assert.equal(smtp.received.length, 0);
    failing = false;
    const resumed = await web.app.digests.run(MAR_14);
    assert.equal(resumed.done, true);
    assert.equal(resumed.counts.sent, 8);
    assert.equal(new Set(smtp.received.map((m) => m.to)).size, 8);
  });
});
