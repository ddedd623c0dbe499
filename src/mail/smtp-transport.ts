import nodemailer, { type Transporter, type TransportOptions } from 'nodemailer';
import { MailError, type MailMessage, type MailTransport, type SentMail } from './mail-transport.ts';
import { toNodemailer } from './outbox-transport.ts';

export interface SmtpSettings {
  /** `smtp://user:pass@host:port` (STARTTLS when offered) or `smtps://…` (TLS from the start). */
  readonly url: string;
  readonly maxConnections: number;
  /** Messages per second at most, over all connections. */
  readonly ratePerSecond: number;
  readonly dkim?: { readonly domainName: string; readonly keySelector: string; readonly privateKey: string };
}

/** Sends through an SMTP server over pooled connections, at a configured rate. */
export class SmtpTransport implements MailTransport {
  private readonly transport: Transporter;

  constructor(settings: SmtpSettings) {
    this.transport = nodemailer.createTransport({
      url: settings.url,
      pool: true,
      maxConnections: settings.maxConnections,
      rateDelta: 1000,
      rateLimit: settings.ratePerSecond,
      ...(settings.dkim
        ? {
            dkim: {
              ...settings.dkim,
              // RFC 8058: the signature must cover the one-click unsubscribe headers.
              headerFieldNames: 'from:to:subject:date:message-id:list-unsubscribe:list-unsubscribe-post',
            },
          }
        : {}),
    } as TransportOptions);
  }

  async send(message: MailMessage): Promise<SentMail> {
    try {
      const info = await this.transport.sendMail(toNodemailer(message));
      return { messageId: info.messageId, receipt: String(info.response ?? '') };
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode ?? null;
      const permanent = code !== null && code >= 500;
      throw new MailError(`SMTP send to ${message.to} failed: ${(error as Error).message}`, permanent, code, {
        cause: error,
      });
    }
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}
