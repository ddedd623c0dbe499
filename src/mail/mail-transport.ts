/** What the mail adapters take and give. Consumers (sign-in links, digests) declare narrower ports of their own. */
export interface MailMessage {
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  /** Extra headers, e.g. List-Unsubscribe and List-Unsubscribe-Post. */
  readonly headers?: Readonly<Record<string, string>>;
  /** A deterministic Message-ID (`<…@host>`), so a resend after a crash is recognisable; generated when absent. */
  readonly messageId?: string;
  readonly date?: Date;
}

export interface SentMail {
  readonly messageId: string;
  /** Where it went: the .eml file written, or the SMTP server's answer. */
  readonly receipt: string;
}

export interface MailTransport {
  send(message: MailMessage): Promise<SentMail>;
  close(): Promise<void>;
}

/**
 * A send that failed. `permanent` is true for 5xx answers (the address should be suppressed); false for
 * 4xx answers and lost connections, which are worth retrying later.
 */
export class MailError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly responseCode: number | null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MailError';
  }
}
