import type { Selectable } from 'kysely';
import type { Db } from '../db/schema.ts';
import { ConflictError } from '../domain/errors.ts';
import { type AccountsDb, accountsDb, type MembersTable } from './accounts-schema.ts';
import { type Member, type Role, usernameFromEmail } from './member.ts';
import { randomId } from './tokens.ts';

export class MemberStore {
  private readonly db: AccountsDb;

  constructor(db: Db) {
    this.db = accountsDb(db);
  }

  async byEmail(email: string): Promise<Member | null> {
    const row = await this.db.selectFrom('members').selectAll().where('email', '=', email).executeTakeFirst();
    return row ? memberFromRow(row) : null;
  }

  async byUsername(username: string): Promise<Member | null> {
    const row = await this.db
      .selectFrom('members')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirst();
    return row ? memberFromRow(row) : null;
  }

  async byId(id: string): Promise<Member | null> {
    const row = await this.db.selectFrom('members').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? memberFromRow(row) : null;
  }

  /**
   * The member with this (normalised) address, created when there is none: the username comes from the
   * address, with a number added when it is taken. Two first sign-ins racing end with one member.
   */
  async findOrCreate(email: string, now: Date, role: Role = 'member'): Promise<Member> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const existing = await this.byEmail(email);
      if (existing) return existing;
      const base = usernameFromEmail(email);
      const username = attempt === 0 ? base : `${base}-${attempt + 1}`;
      const inserted = await this.db
        .insertInto('members')
        .values({
          id: randomId(),
          email,
          username,
          display_name: email.split('@')[0] ?? username,
          role,
          created_at: now.toISOString(),
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) {
        const created = await this.byEmail(email);
        if (created) return created;
      }
    }
    throw new ConflictError(`could not find a free username for ${email}`);
  }

  async setRole(id: string, role: Role): Promise<void> {
    await this.db.updateTable('members').set({ role }).where('id', '=', id).execute();
  }

  async setDisplayName(id: string, displayName: string): Promise<void> {
    await this.db.updateTable('members').set({ display_name: displayName }).where('id', '=', id).execute();
  }
}

export function memberFromRow(row: Selectable<MembersTable>): Member {
  return {
    id: row.id,
    email: row.email,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    createdAt: row.created_at,
  };
}
