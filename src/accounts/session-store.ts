import type { Db } from '../db/schema.ts';
import { type AccountsDb, accountsDb } from './accounts-schema.ts';
import type { Member } from './member.ts';
import { memberFromRow } from './member-store.ts';
import { hashToken, isToken, randomToken } from './tokens.ts';

/**
 * Server-side sessions: the browser's cookie holds a random id, the store only its SHA-256, so a copy
 * of the store signs nobody in. Every sign-in makes a new id (no session fixation).
 */
export class SessionStore {
  private readonly db: AccountsDb;

  constructor(
    db: Db,
    private readonly lifetimeDays: number,
  ) {
    this.db = accountsDb(db);
  }

  /** Starts a session for the member; returns the id for the cookie. */
  async start(memberId: string, now: Date): Promise<string> {
    const id = randomToken();
    const expires = new Date(now.getTime() + this.lifetimeDays * 86_400_000);
    await this.db
      .insertInto('sessions')
      .values({
        id_hash: hashToken(id),
        member_id: memberId,
        created_at: now.toISOString(),
        expires_at: expires.toISOString(),
      })
      .execute();
    return id;
  }

  /** The member a cookie's session id belongs to, or null (unknown, malformed or expired). */
  async member(id: string | undefined, now: Date): Promise<Member | null> {
    if (!isToken(id)) return null;
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('members', 'members.id', 'sessions.member_id')
      .selectAll('members')
      .where('sessions.id_hash', '=', hashToken(id))
      .where('sessions.expires_at', '>', now.toISOString())
      .executeTakeFirst();
    return row ? memberFromRow(row) : null;
  }

  /** Ends one session (sign out). */
  async end(id: string | undefined): Promise<void> {
    if (!isToken(id)) return;
    await this.db.deleteFrom('sessions').where('id_hash', '=', hashToken(id)).execute();
  }

  /** Ends every session of a member (sign out everywhere); returns how many there were. */
  async endAll(memberId: string): Promise<number> {
    const result = await this.db.deleteFrom('sessions').where('member_id', '=', memberId).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
