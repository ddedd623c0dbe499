import type { Db } from '../db/schema.ts';
import { BadRequestError, RateLimitedError, UnauthorizedError } from '../domain/errors.ts';
import type { MailMessage } from '../mail/mail-transport.ts';
import { type AccountsDb, accountsDb } from './accounts-schema.ts';
import { type Member, normaliseEmail } from './member.ts';
import type { MemberStore } from './member-store.ts';
import { hashToken, isToken, randomToken } from './tokens.ts';

/** What sign-in needs from the mail adapter. */
export interface SignInMailer {
  send(message: MailMessage): Promise<unknown>;
}

export interface SignInSettings {
  readonly publicUrl: string;
  readonly from: string;
  readonly linkMinutes: number;
  readonly linkUses: number;
  readonly perAddressPerHour: number;
  readonly perIpPerHour: number;
}

const HOUR_MS = 3_600_000;

/**
 * Sign-in by emailed link. Asking for a link answers the same whether or not the address belongs to a
 * member (an unknown address becomes a member when its link is first used). Links are rate-limited per
 * address and per IP address, counted from the stored links, so the limit holds across web nodes.
 */
export class SignInService {
  private readonly db: AccountsDb;

  constructor(
    db: Db,
    private readonly members: MemberStore,
    private readonly mailer: SignInMailer,
    private readonly settings: SignInSettings,
  ) {
    this.db = accountsDb(db);
  }

  /** Emails a sign-in link to `input`; `ip` is the requester's address (only its hash is stored). */
  async requestLink(input: string, ip: string, now: Date): Promise<void> {
    const email = normaliseEmail(input);
    if (email === null) throw new BadRequestError('Please enter an email address, like ada@example.org.');
    const ipHash = hashToken(`ip:${ip}`);
    const since = new Date(now.getTime() - HOUR_MS).toISOString();
    await this.checkLimit('email', email, since, this.settings.perAddressPerHour, now);
    await this.checkLimit('ip_hash', ipHash, since, this.settings.perIpPerHour, now);
    const token = randomToken();
    await this.db
      .insertInto('sign_in_links')
      .values({
        token_hash: hashToken(token),
        email,
        ip_hash: ipHash,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + this.settings.linkMinutes * 60_000).toISOString(),
        uses: 0,
      })
      .execute();
    // Links older than a day count for nothing any more.
    await this.db
      .deleteFrom('sign_in_links')
      .where('created_at', '<', new Date(now.getTime() - 24 * HOUR_MS).toISOString())
      .execute();
    const link = `${this.settings.publicUrl}/sign-in/link?token=${token}`;
    await this.mailer.send({
      from: this.settings.from,
      to: email,
      subject: 'Your Paperpulse sign-in link',
      text:
        `Open this link to sign in to Paperpulse:\n\n${link}\n\n` +
        `It works for ${this.settings.linkMinutes} minutes. If you did not ask for it, ignore this email: ` +
        'nobody can sign in without the link.\n',
    });
  }

  /**
   * The member a link signs in (created on first use of a link to a new address). A link works
   * `linkUses` times within its lifetime; each use is counted atomically.
   */
  async redeem(token: string, now: Date): Promise<Member> {
    const refused = new UnauthorizedError(
      'This sign-in link has expired or has been used up. Ask for a new one below.',
    );
    if (!isToken(token)) throw refused;
    const tokenHash = hashToken(token);
    const used = await this.db
      .updateTable('sign_in_links')
      .set((eb) => ({ uses: eb('uses', '+', 1) }))
      .where('token_hash', '=', tokenHash)
      .where('expires_at', '>', now.toISOString())
      .where('uses', '<', this.settings.linkUses)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) throw refused;
    const link = await this.db
      .selectFrom('sign_in_links')
      .select('email')
      .where('token_hash', '=', tokenHash)
      .executeTakeFirstOrThrow();
    return this.members.findOrCreate(link.email, now);
  }

  private async checkLimit(
    column: 'email' | 'ip_hash',
    value: string,
    since: string,
    max: number,
    now: Date,
  ): Promise<void> {
    const rows = await this.db
      .selectFrom('sign_in_links')
      .select('created_at')
      .where(column, '=', value)
      .where('created_at', '>', since)
      .orderBy('created_at', 'desc')
      .limit(max)
      .execute();
    if (rows.length < max) return;
    const oldest = rows.at(-1)?.created_at ?? now.toISOString();
    const retryAfter = Math.max(1, Math.ceil((Date.parse(oldest) + HOUR_MS - now.getTime()) / 1000));
    const who = column === 'email' ? 'this address' : 'your network';
    throw new RateLimitedError(
      `Too many sign-in links were sent to ${who} in the last hour. Try again in ${Math.ceil(retryAfter / 60)} minutes.`,
      retryAfter,
    );
  }
}
