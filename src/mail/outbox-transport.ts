import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import type { MailMessage, MailTransport, SentMail } from './mail-transport.ts';

/**
 * Writes each message as an RFC 5322 `.eml` file in the outbox folder — the default, so a fresh install
 * sends nothing anywhere. Files are written under a temporary name and renamed, so a reader never sees half a message.
 */
export class OutboxTransport implements MailTransport {
  private readonly composer = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'unix',
  });

  constructor(readonly dir: string) {}

  async send(message: MailMessage): Promise<SentMail> {
    const info = await this.composer.sendMail(toNodemailer(message));
    const raw = info.message as Buffer;
    await fs.mkdir(this.dir, { recursive: true });
    const date = (message.date ?? new Date()).toISOString().replace(/[:.]/g, '-');
    const safeId = info.messageId.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 80);
    const file = path.join(this.dir, `${date}_${safeId}.eml`);
    const temporary = `${file}.partial`;
    await fs.writeFile(temporary, raw);
    await fs.rename(temporary, file);
    return { messageId: info.messageId, receipt: file };
  }

  async close(): Promise<void> {
    this.composer.close();
  }
}

export function toNodemailer(message: MailMessage): SendMailOptions {
  return {
    from: message.from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    ...(message.html ? { html: message.html } : {}),
    ...(message.headers ? { headers: { ...message.headers } } : {}),
    ...(message.messageId ? { messageId: message.messageId } : {}),
    ...(message.date ? { date: message.date } : {}),
  };
}
