/** The emails a subscription request sends. Pure. */
import type { MailMessage } from '../mail/mail-transport.ts';

export interface ConfirmationMailInput {
  readonly from: string;
  readonly to: string;
  readonly confirmUrl: string;
  readonly expiresInHours: number;
}

export function confirmationMail(input: ConfirmationMailInput): MailMessage {
  const text = [
    'Someone, hopefully you, asked Paperpulse to email this address a digest of research papers.',
    '',
    'To start receiving it, open this link and press “Confirm”:',
    input.confirmUrl,
    '',
    `The link works for ${input.expiresInHours} hours. If you did not ask for this, ignore this email:`,
    'nothing will be sent to you.',
  ].join('\n');
  return {
    from: input.from,
    to: input.to,
    subject: 'Confirm your Paperpulse digest',
    text,
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}

export interface AlreadySubscribedInput {
  readonly from: string;
  readonly to: string;
  readonly preferencesUrl: string;
}

/** To an address that is already a subscriber: no new subscription, just where to change it. */
export function alreadySubscribedMail(input: AlreadySubscribedInput): MailMessage {
  return {
    from: input.from,
    to: input.to,
    subject: 'You already receive the Paperpulse digest',
    text: [
      'Someone, hopefully you, asked Paperpulse to email this address a digest of research papers.',
      'This address already receives it. To change how often, your topics, or to unsubscribe:',
      input.preferencesUrl,
    ].join('\n'),
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}
