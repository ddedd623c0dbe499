/**
 * Kills `paperpulse digest run` with SIGKILL at random points, many times, against a real SMTP server,
 * then lets it finish: nobody gets two digests (or two Message-IDs) for the period, everyone confirmed gets
 * one or is reported uncertain, and unsubscribed and suppressed addresses get nothing.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startCli } from '../helpers/cli.ts';
import { describeEachDialect } from '../helpers/databases.ts';
import { type DigestApp, startDigestApp } from '../subscriptions/helpers/digest-app.ts';
import { startSmtpServer, type TestSmtpServer } from './helpers/smtp-server.ts';
import { addSubscribers, subscriptionId } from './helpers/subscribers.ts';

const KILLS = Number(process.env.CRASH_KILLS ?? 30);
const SUBSCRIBERS = 240;

describeEachDialect('digest run killed at random points', (kind) => {
  let smtp: TestSmtpServer;
  let web: DigestApp;
  const confirmed = Array.from(
    { length: SUBSCRIBERS },
    (_, i) => `reader${String(i).padStart(3, '0')}@example.org`,
  );
  const unsubscribed = ['left1@example.org', 'left2@example.org', 'left3@example.org'];
  const suppressed = ['bounced1@example.org', 'bounced2@example.org'];

  before(async () => {
    smtp = await startSmtpServer(() => 'accept', 15);
    web = await startDigestApp(kind, { SMTP_URL: smtp.url, DIGEST_CONCURRENCY: '2', DIGEST_RETRY_MS: '200' });
    await addSubscribers(web.app, [
      ...confirmed.map((email) => ({ email })),
      ...unsubscribed.map((email) => ({ email, status: 'unsubscribed' as const })),
      ...suppressed.map((email) => ({ email })),
    ]);
    for (const email of suppressed)
      await web.app.subscriptionStore.suppress(email, 'complaint', null, new Date());
  });
  after(async () => {
    await web.dispose();
    await smtp.close();
  });

  const env = () => ({ ...process.env, ...web.env, LOG_LEVEL: 'silent' });

  test(`${KILLS} SIGKILLs, then a run to the end`, { timeout: 600_000 }, async () => {
    let kills = 0;
    let finishedEarly = false;
    for (let i = 0; i < KILLS && !finishedEarly; i++) {
      const child = startCli(['digest', 'run', '--period', '2025-03-14'], env());
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const before = smtp.received.length;
      // Most kills land while sending (a random moment after its first message); some at a random moment from the start.
      const early = Math.random() < 0.25;
      const deadline = Date.now() + 20_000;
      const wait = early ? Math.random() * 1200 : Math.random() * 120;
      let killed = false;
      if (!early) {
        while (smtp.received.length === before && Date.now() < deadline && child.exitCode === null) {
          await new Promise((r) => setTimeout(r, 2));
        }
      }
      await Promise.race([new Promise((r) => setTimeout(r, wait)), exited]);
      if (child.exitCode === null) {
        killed = child.kill('SIGKILL');
        if (killed) kills++;
      } else {
        finishedEarly = true;
      }
      await exited;
    }
    // The last run finishes the job.
    const final = startCli(['digest', 'run', '--period', '2025-03-14'], env());
    let stdout = '';
    final.stdout?.on('data', (d) => {
      stdout += d;
    });
    const code = await new Promise<number | null>((resolve) => final.on('exit', resolve));
    assert.ok(code === 0 || code === 3, `final run exit ${code}: ${stdout}`);
    console.log(`# ${kind}: ${kills} kills; final run: ${stdout.trim().split('\n').slice(0, 4).join(' / ')}`);
    assert.ok(kills >= Math.min(KILLS, 10), `only ${kills} kills landed`);

    const byRecipient = new Map<string, string[]>();
    for (const m of smtp.received) byRecipient.set(m.to, [...(byRecipient.get(m.to) ?? []), m.messageId]);
    const statuses = new Map(
      (
        await web.app.subscriptionStore.db
          .withTables<{ deliveries: { subscription_id: string; status: string; run_id: string } }>()
          .selectFrom('deliveries')
          .innerJoin('subscriptions', 'subscriptions.id', 'deliveries.subscription_id')
          .select(['subscriptions.email', 'deliveries.status'])
          .where('deliveries.run_id', '=', 'daily:2025-03-14')
          .execute()
      ).map((r) => [r.email, r.status]),
    );
    let uncertain = 0;
    for (const email of confirmed) {
      const ids = byRecipient.get(email) ?? [];
      const id = await subscriptionId(web.app, email);
      assert.ok(ids.length <= 1, `${email} received ${ids.length} digests`);
      for (const messageId of ids) assert.equal(messageId, `<digest.daily.2025-03-14.${id}@paperpulse.test>`);
      const status = statuses.get(email);
      if (status === 'uncertain') uncertain++;
      else {
        assert.equal(status, 'sent', `${email} is ${status}`);
        assert.equal(ids.length, 1, `${email} is marked sent but received ${ids.length}`);
      }
    }
    for (const email of [...unsubscribed, ...suppressed]) {
      assert.equal(byRecipient.get(email), undefined, `${email} received a digest`);
    }
    assert.match(
      stdout,
      new RegExp(`uncertain ${uncertain}\\b`),
      'the summary reports every uncertain delivery',
    );
    // At most the deliveries in flight at each kill (DIGEST_CONCURRENCY of them) can be uncertain.
    assert.ok(uncertain <= kills * 2, `${uncertain} uncertain after ${kills} kills`);
  });
});
