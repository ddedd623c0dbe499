import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { exportSubscribers, importSubscribers } from '../../src/subscriptions/import-export.ts';
import { describeEachDialect } from '../helpers/databases.ts';
import { type DigestApp, startDigestApp } from './helpers/digest-app.ts';

const CSV = [
  'Email,Frequency,Topics,Name',
  'ada@example.org,weekly,"cs.CL; diffusion",Ada',
  'not-an-address,daily,,Bad',
  'bob@example.org,,hep-th,Bob',
  'eve@example.org,hourly,,Eve',
  'BOB@example.org,daily,,Bob again',
  '',
].join('\r\n');

describeEachDialect('subscribers import and export', (kind) => {
  let web: DigestApp;
  before(async () => {
    web = await startDigestApp(kind);
  });
  after(() => web.dispose());
  const run = (csv: string, confirmed: boolean) =>
    importSubscribers(csv, web.app.subscriptionStore, web.app.subscriptions, { confirmed, now: new Date() });

  test('good rows are kept, bad rows reported by line; importing again changes nothing', async () => {
    const first = await run(CSV, true);
    assert.deepEqual(
      { read: first.read, new: first.new, updated: first.updated, unchanged: first.unchanged },
      { read: 5, new: 2, updated: 0, unchanged: 0 },
    );
    assert.deepEqual(
      first.rejected.map((r) => r.line),
      [3, 5, 6],
    );
    const ada = await web.app.subscriptionStore.byEmail('ada@example.org');
    assert.equal(ada?.status, 'confirmed');
    assert.equal(ada?.frequency, 'weekly');
    assert.deepEqual(ada?.topics, { categories: ['cs.CL'], keywords: ['diffusion'] });
    assert.equal(ada?.consentSource, 'import');
    const second = await run(CSV, true);
    assert.equal(second.new + second.updated, 0);
    assert.equal(second.unchanged, 2);
  });

  test('without --confirmed each new address is pending and gets a confirmation email', async () => {
    const summary = await run('email\ncarol@example.org\n', false);
    assert.equal(summary.new, 1);
    assert.equal((await web.app.subscriptionStore.byEmail('carol@example.org'))?.status, 'pending');
    const mails = await web.outbox();
    assert.equal(mails.filter((m) => JSON.stringify(m.to).includes('carol@example.org')).length, 1);
  });

  test('a file without an email column is refused', async () => {
    await assert.rejects(run('name\nx\n', true), /email/);
  });

  test('export writes every subscription, and importing the export changes nothing', async () => {
    let csv = '';
    const count = await exportSubscribers(web.app.subscriptionStore, async (chunk) => {
      csv += chunk;
    });
    assert.equal(count, 3);
    assert.match(csv, /^email,frequency,topics,status,consent_at,consent_source\n/);
    assert.match(csv, /ada@example.org,weekly,cs.CL; diffusion,confirmed,/);
    const again = await run(csv, true);
    assert.equal(again.new + again.updated, 0);
    assert.equal(again.rejected.length, 0);
  });
});
