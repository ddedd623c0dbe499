import type { MailMessage } from '../mail/mail-transport.ts';

/** What subscriptions need from mail: send one message (src/mail's transports fit). */
export interface Mailer {
  send(message: MailMessage): Promise<unknown>;
}
