import type { MailMessage } from '../mail/mail-transport.ts';

/**
 * What a digest run needs from mail: send one message, or throw a MailError (src/mail) that says whether
 * the failure is permanent.
 */
export interface DigestMailer {
  send(message: MailMessage): Promise<unknown>;
}
