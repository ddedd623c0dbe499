import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { decodeWords, summariseEml } from '../../src/web/eml-headers.ts';
import { isOutboxName } from '../../src/web/outbox-files.ts';
import { type CommunityApp, startCommunityApp } from '../community/helpers/community-app.ts';
import { describeEachDialect } from '../helpers/databases.ts';

describe('outbox headers and names', () => {
  test('headers are unfolded and RFC 2047 words decoded', () => {
    const raw =
      'Content-Type: text/plain\r\nSubject: =?UTF-8?Q?Caf=C3=A9_papers?=\r\n =?UTF-8?B?IOKAlCBkb25l?=\r\n' +
      'To: reader@example.org\r\nDate: Fri, 14 Mar 2025 07:00:00 +0000\r\n\r\nSubject: not a header\r\n';
    const summary = summariseEml(raw);
    assert.equal(summary.subject, 'Café papers — done');
    assert.equal(summary.to, 'reader@example.org');
    assert.equal(summary.date?.toISOString(), '2025-03-14T07:00:00.000Z');
    assert.equal(decodeWords('plain text'), 'plain text');
    assert.equal(summariseEml('Subject: x\n\n').date, null);
  });

  test('only names the outbox writes are names', () => {
    assert.equal(
      isOutboxName('2025-03-14T07-00-00-000Z_digest.daily.2025-03-14.abc_paperpulse.test_.eml'),
      true,
    );
    for (const bad of [
      '../test.db',
      'test.db',
      '2025-03-14T07-00-00-000Z_../../x.eml',
      'x.eml.partial',
      '',
    ]) {
      assert.equal(isOutboxName(bad), false, bad);
    }
  });
});

describeEachDialect('/admin/outbox', (kind) => {
  let web: CommunityApp;
  before(async () => {
    web = await startCommunityApp(kind);
    await web.app.members.findOrCreate('root@example.org', new Date(), 'admin');
    // 60 messages, a minute apart: two pages; the newest has markup in its subject.
    for (let i = 0; i < 60; i++) {
      await web.app.mail.send({
        from: 'Paperpulse <digest@localhost>',
        to: `reader${i}@example.org`,
        subject: i === 59 ? 'Newest <script>alert(1)</script> é' : `Message ${i}`,
        text: i === 59 ? 'Body with <b>markup</b> & an ampersand' : 'Hello',
        date: new Date(Date.UTC(2025, 2, 14, 8, i)),
      });
    }
  });
  after(() => web?.dispose());

  test('anonymous visitors and members get 403', async () => {
    assert.equal((await web.browser().get('/admin/outbox')).statusCode, 403);
    const member = web.browser('10.0.0.9');
    await member.signIn('someone@example.org');
    assert.equal((await member.get('/admin/outbox')).statusCode, 403);
    const anyFile = fs.readdirSync(web.outbox).find((f) => f.endsWith('.eml')) ?? '';
    assert.equal((await member.get(`/admin/outbox/${anyFile}`)).statusCode, 403);
  });

  test('an admin browses newest first, a page at a time, and opens a message as escaped text', async () => {
    const admin = web.browser('10.0.0.10');
    await admin.signIn('root@example.org');
    const first = await admin.get('/admin/outbox');
    assert.equal(first.statusCode, 200);
    // 60 messages + two sign-in emails.
    assert.match(first.body, /62 messages, newest first · page 1 of 2/);
    const subjects = [...first.body.matchAll(/<a href="\/admin\/outbox\/([^"]+)">([^<]*)<\/a>/g)];
    assert.equal(subjects.length, 50);
    // The sign-in emails were written now, after 2025: they come first; then message 59, 58, …
    const digestOrder = subjects
      .map((m) => m[2])
      .filter((s) => s?.startsWith('Message') || s?.startsWith('Newest'));
    assert.match(digestOrder[0] ?? '', /^Newest &lt;script>alert\(1\)&lt;\/script> é$/);
    assert.equal(digestOrder[1], 'Message 58');
    assert.doesNotMatch(first.body, /<script>alert/);
    assert.match(first.body, /reader59@example\.org/);
    assert.match(first.body, /2025-03-14 08:59:00/);

    const second = await admin.get('/admin/outbox?page=2');
    assert.match(second.body, /page 2 of 2/);
    assert.equal([...second.body.matchAll(/<a href="\/admin\/outbox\/[^"]+">/g)].length, 12);
    assert.match(second.body, />Message 0</);

    const newest = subjects.find((m) => m[2]?.startsWith('Newest'))?.[1] ?? '';
    const opened = await admin.get(`/admin/outbox/${newest}`);
    assert.equal(opened.statusCode, 200);
    assert.match(opened.body, /<pre class="outbox-message">/);
    assert.match(opened.body, /Body with &lt;b>markup&lt;\/b> &amp; an ampersand/);
    assert.match(opened.body, /To: reader59@example\.org/);
  });

  test('no path but an outbox file name is ever opened', async () => {
    const admin = web.browser('10.0.0.11');
    await admin.signIn('root@example.org');
    fs.writeFileSync(path.join(web.outbox, 'secret.txt'), 'secret');
    for (const name of [
      '..%2F..%2Fetc%2Fpasswd',
      'secret.txt',
      '%2Fetc%2Fpasswd',
      '2025-03-14T07-00-00-000Z_missing.eml',
    ]) {
      const res = await admin.get(`/admin/outbox/${name}`);
      assert.equal(res.statusCode, 404, name);
      assert.doesNotMatch(res.body, /secret|root:/);
    }
  });
});

describeEachDialect('/admin/outbox with SMTP configured', (kind) => {
  let web: CommunityApp;
  before(async () => {
    web = await startCommunityApp(kind, [], { SMTP_URL: 'smtp://127.0.0.1:2525' });
  });
  after(() => web?.dispose());

  test('answers 404: there is no outbox', async () => {
    assert.equal((await web.browser().get('/admin/outbox')).statusCode, 404);
  });
});
