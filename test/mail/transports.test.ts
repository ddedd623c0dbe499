import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { MailError } from '../../src/mail/mail-transport.ts';
import { OutboxTransport } from '../../src/mail/outbox-transport.ts';
import { SmtpTransport } from '../../src/mail/smtp-transport.ts';

const message = {
  from: 'Paperpulse <no-reply@example.org>',
  to: 'reader@example.org',
  subject: 'Your papers for Mar 14',
  text: 'Plain text part',
  html: '<p>HTML part</p>',
  headers: {
    'List-Unsubscribe': '<https://papers.example.org/unsubscribe/abc>',
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  },
  messageId: '<digest-2025-03-14.42@papers.example.org>',
};

test('the outbox writes one complete .eml per message, with both parts and the headers', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-outbox-'));
  const outbox = new OutboxTransport(dir);
  const sent = await outbox.send(message);
  assert.equal(sent.messageId, message.messageId);
  const files = fs.readdirSync(dir);
  assert.deepEqual(files, [path.basename(sent.receipt)]);
  assert.ok(files[0]?.endsWith('.eml'));
  const parsed = await simpleParser(fs.readFileSync(sent.receipt));
  assert.equal(parsed.messageId, message.messageId);
  assert.equal(parsed.subject, message.subject);
  assert.equal(parsed.text?.trim(), 'Plain text part');
  assert.match(String(parsed.html), /HTML part/);
  assert.equal(rawHeader(parsed, 'list-unsubscribe-post'), 'List-Unsubscribe=One-Click');
  await outbox.close();
});

let received: { to: string; raw: string }[] = [];
let server: SMTPServer;
let port = 0;

before(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('gone@'))
        return callback(Object.assign(new Error('No such user'), { responseCode: 550 }));
      if (address.address.startsWith('busy@'))
        return callback(Object.assign(new Error('Try later'), { responseCode: 451 }));
      callback();
    },
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => {
        raw += chunk.toString();
      });
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo[0]?.address ?? '', raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as { port: number }).port;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('SMTP delivers to a real server; 5xx is permanent, 4xx is not', async () => {
  received = [];
  const smtp = new SmtpTransport({ url: `smtp://127.0.0.1:${port}`, maxConnections: 2, ratePerSecond: 100 });
  try {
    await smtp.send(message);
    assert.equal(received.length, 1);
    const parsed = await simpleParser(received[0]?.raw ?? '');
    assert.equal(parsed.messageId, message.messageId);
    assert.equal(rawHeader(parsed, 'list-unsubscribe'), '<https://papers.example.org/unsubscribe/abc>');

    await assert.rejects(smtp.send({ ...message, to: 'gone@example.org' }), (error: unknown) => {
      assert.ok(error instanceof MailError);
      assert.equal(error.permanent, true);
      assert.equal(error.responseCode, 550);
      return true;
    });
    await assert.rejects(smtp.send({ ...message, to: 'busy@example.org' }), (error: unknown) => {
      assert.ok(error instanceof MailError);
      assert.equal(error.permanent, false);
      return true;
    });
    assert.equal(received.length, 1, 'refused recipients received nothing');
  } finally {
    await smtp.close();
  }
});

/** A header's value as sent (mailparser folds List-* headers into a structure of its own). */
function rawHeader(mail: ParsedMail, name: string): string | undefined {
  const line = mail.headerLines.find((h) => h.key === name)?.line;
  return line?.slice(line.indexOf(':') + 1).trim();
}

test('with DKIM configured, the signature covers both List-Unsubscribe headers', async () => {
  received = [];
  const { generateKeyPairSync } = await import('node:crypto');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const smtp = new SmtpTransport({
    url: `smtp://127.0.0.1:${port}`,
    maxConnections: 1,
    ratePerSecond: 100,
    dkim: {
      domainName: 'example.org',
      keySelector: 'pp',
      privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    },
  });
  try {
    await smtp.send(message);
    const parsed = await simpleParser(received[0]?.raw ?? '');
    const signature = rawHeader(parsed, 'dkim-signature') ?? '';
    const signed = /\bh=([^;]+)/.exec(signature.replace(/\s+/g, ''))?.[1]?.toLowerCase().split(':') ?? [];
    assert.ok(signed.includes('list-unsubscribe'), signature);
    assert.ok(signed.includes('list-unsubscribe-post'), signature);
    assert.match(signature, /d=example\.org/);
  } finally {
    await smtp.close();
  }
});
