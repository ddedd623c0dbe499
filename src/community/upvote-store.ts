import { sql } from 'kysely';
import type { DatabaseKind } from '../config/config.ts';
import type { Db } from '../db/schema.ts';
import { NotFoundError } from '../domain/errors.ts';
import { type CommunityDb, communityDb } from './community-schema.ts';

export interface UpvoteState {
  readonly upvoted: boolean;
  /** The paper's count after the change: imported upvotes plus members' upvotes here. */
  readonly upvotes: number;
}

type Trx = CommunityDb;

/**
 * Upvotes: at most one per member and paper (the table's primary key). `papers.upvotes` is the count
 * every page, API and ranking reads; it is `imported_upvotes` (from the Hugging Face feed) plus the
 * rows here, and stays exact because it only moves, by one, in the same transaction as a row that was
 * really inserted or deleted.
 */
export class UpvoteStore {
  private readonly db: CommunityDb;

  constructor(
    db: Db,
    private readonly kind: DatabaseKind,
  ) {
    this.db = communityDb(db);
  }

  /** Upvotes (`on`) or takes the upvote back; asking twice changes nothing the second time. */
  set(memberId: string, paperId: string, on: boolean, now: Date): Promise<UpvoteState> {
    return this.db.transaction().execute(async (trx) => {
      await assertPaper(trx, paperId);
      if (on) await add(trx, memberId, paperId, now);
      else await remove(trx, memberId, paperId);
      return { upvoted: on, upvotes: await count(trx, paperId) };
    });
  }

  /** Flips the member's upvote. Under concurrent flips each one flips once: a lost race is retried. */
  toggle(memberId: string, paperId: string, now: Date): Promise<UpvoteState> {
    return this.db.transaction().execute(async (trx) => {
      await assertPaper(trx, paperId);
      // One member's toggles of one paper take turns: SQLite runs one transaction at a time anyway; on
      // PostgreSQL the member's row is locked until this one commits.
      if (this.kind === 'postgres') {
        await sql`select id from members where id = ${memberId} for update`.execute(trx);
      }
      for (let attempt = 0; attempt < 10; attempt++) {
        if (await remove(trx, memberId, paperId))
          return { upvoted: false, upvotes: await count(trx, paperId) };
        if (await add(trx, memberId, paperId, now))
          return { upvoted: true, upvotes: await count(trx, paperId) };
        // Someone inserted the same upvote between our delete and insert (PostgreSQL, read committed): again.
      }
      throw new Error(`upvote toggle for ${paperId} kept losing races`);
    });
  }

  async hasUpvoted(memberId: string, paperId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('upvotes')
      .select('paper_id')
      .where('member_id', '=', memberId)
      .where('paper_id', '=', paperId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** How many upvotes members gave here (without imported ones). */
  async memberUpvotes(paperId: string): Promise<number> {
    const row = await this.db
      .selectFrom('upvotes')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('paper_id', '=', paperId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

async function assertPaper(trx: Trx, paperId: string): Promise<void> {
  const paper = await trx.selectFrom('papers').select('id').where('id', '=', paperId).executeTakeFirst();
  if (!paper) throw new NotFoundError(`There is no paper ${paperId} here.`);
}

async function add(trx: Trx, memberId: string, paperId: string, now: Date): Promise<boolean> {
  const inserted = await trx
    .insertInto('upvotes')
    .values({ member_id: memberId, paper_id: paperId, created_at: now.toISOString() })
    .onConflict((oc) => oc.columns(['member_id', 'paper_id']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
  await trx.updateTable('papers').set({ upvotes: sql`upvotes + 1` }).where('id', '=', paperId).execute();
  return true;
}

async function remove(trx: Trx, memberId: string, paperId: string): Promise<boolean> {
  const deleted = await trx
    .deleteFrom('upvotes')
    .where('member_id', '=', memberId)
    .where('paper_id', '=', paperId)
    .executeTakeFirst();
  if (Number(deleted.numDeletedRows) !== 1) return false;
  await trx.updateTable('papers').set({ upvotes: sql`upvotes - 1` }).where('id', '=', paperId).execute();
  return true;
}

async function count(trx: Trx, paperId: string): Promise<number> {
  const row = await trx
    .selectFrom('papers')
    .select('upvotes')
    .where('id', '=', paperId)
    .executeTakeFirstOrThrow();
  return Number(row.upvotes);
}
