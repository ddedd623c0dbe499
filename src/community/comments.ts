import { isEditor, type Member } from '../accounts/member.ts';
import { randomId } from '../accounts/tokens.ts';
import type { Db } from '../db/schema.ts';
import { BadRequestError, ForbiddenError, NotFoundError, RateLimitedError } from '../domain/errors.ts';
import { type CommentLimits, commentLimitVerdict, commentWindowStart } from './comment-rate-limit.ts';
import { type CommentRecord, type CommentView, commentThread } from './comment-thread.ts';
import { type CommunityDb, communityDb } from './community-schema.ts';

export interface CommentRules extends CommentLimits {
  /** Longest comment, in characters of Markdown. */
  readonly maxChars: number;
}

/**
 * Comments on a paper, with one level of replies. Members edit and delete their own; editors hide
 * anyone's. Deleting keeps the row (its text cleared) so replies keep their place and the rate limit
 * still counts it.
 */
export class CommentService {
  private readonly db: CommunityDb;

  constructor(
    db: Db,
    private readonly rules: CommentRules,
  ) {
    this.db = communityDb(db);
  }

  /** Posts a comment, or a reply when `parentId` is given (a reply to a reply joins its thread). */
  async post(
    member: Member,
    paperId: string,
    body: string,
    parentId: string | null,
    now: Date,
  ): Promise<{ id: string; paperId: string }> {
    const text = this.checkBody(body);
    const paper = await this.db
      .selectFrom('papers')
      .select('id')
      .where('id', '=', paperId)
      .executeTakeFirst();
    if (!paper) throw new NotFoundError(`There is no paper ${paperId.slice(0, 40)} here.`);
    let threadId: string | null = null;
    if (parentId) {
      const parent = await this.find(parentId);
      if (parent.paper_id !== paperId) throw new BadRequestError('That comment is on another paper.');
      if (parent.deleted_at !== null || parent.hidden_by !== null)
        throw new BadRequestError('That comment was deleted or hidden; it takes no replies.');
      threadId = parent.parent_id ?? parent.id;
    }
    await this.checkRate(member, now);
    const id = randomId();
    await this.db
      .insertInto('comments')
      .values({
        id,
        paper_id: paperId,
        member_id: member.id,
        parent_id: threadId,
        body: text,
        created_at: now.toISOString(),
        edited_at: null,
        deleted_at: null,
        hidden_by: null,
      })
      .execute();
    return { id, paperId };
  }

  /** Changes the text of the member's own comment. */
  async edit(member: Member, id: string, body: string, now: Date): Promise<{ paperId: string }> {
    const text = this.checkBody(body);
    const comment = await this.ownLive(member, id, 'edit');
    await this.db
      .updateTable('comments')
      .set({ body: text, edited_at: now.toISOString() })
      .where('id', '=', id)
      .where('member_id', '=', member.id)
      .execute();
    return { paperId: comment.paper_id };
  }

  /** Deletes the member's own comment (its replies stay, under "[deleted]"). */
  async delete(member: Member, id: string, now: Date): Promise<{ paperId: string }> {
    const comment = await this.ownLive(member, id, 'delete');
    await this.db
      .updateTable('comments')
      .set({ body: '', deleted_at: now.toISOString() })
      .where('id', '=', id)
      .where('member_id', '=', member.id)
      .execute();
    return { paperId: comment.paper_id };
  }

  /** Editors: hides a comment from everyone but editors, or shows it again. */
  async setHidden(editor: Member, id: string, hidden: boolean): Promise<{ paperId: string }> {
    if (!isEditor(editor)) throw new ForbiddenError('Only editors can hide comments.');
    const comment = await this.find(id);
    await this.db
      .updateTable('comments')
      .set({ hidden_by: hidden ? editor.id : null })
      .where('id', '=', id)
      .execute();
    return { paperId: comment.paper_id };
  }

  /** The member's own comment, for the edit form. */
  async ownComment(member: Member, id: string): Promise<{ paperId: string; body: string }> {
    const comment = await this.ownLive(member, id, 'edit');
    return { paperId: comment.paper_id, body: comment.body };
  }

  /** The paper's discussion as `reader` sees it. */
  async thread(paperId: string, reader: Member | null): Promise<CommentView[]> {
    const rows = await this.db
      .selectFrom('comments')
      .innerJoin('members', 'members.id', 'comments.member_id')
      .select([
        'comments.id',
        'comments.parent_id',
        'comments.member_id',
        'members.username',
        'members.display_name',
        'comments.body',
        'comments.created_at',
        'comments.edited_at',
        'comments.deleted_at',
        'comments.hidden_by',
      ])
      .where('comments.paper_id', '=', paperId)
      .orderBy('comments.created_at')
      .execute();
    const records: CommentRecord[] = rows.map((r) => ({
      id: r.id,
      parentId: r.parent_id,
      memberId: r.member_id,
      username: r.username,
      displayName: r.display_name,
      body: r.body,
      createdAt: r.created_at,
      editedAt: r.edited_at,
      deletedAt: r.deleted_at,
      hiddenBy: r.hidden_by,
    }));
    return commentThread(records, { memberId: reader?.id ?? null, editor: isEditor(reader) });
  }

  /** How many comments each paper shows to every reader (neither deleted nor hidden). */
  async counts(paperIds: readonly string[]): Promise<Map<string, number>> {
    if (paperIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('comments')
      .select(['paper_id', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('paper_id', 'in', [...paperIds])
      .where('deleted_at', 'is', null)
      .where('hidden_by', 'is', null)
      .groupBy('paper_id')
      .execute();
    return new Map(rows.map((r) => [r.paper_id, Number(r.n)]));
  }

  private checkBody(body: string): string {
    const text = body.replace(/\r\n?/g, '\n').trim();
    if (text === '') throw new BadRequestError('A comment needs some text.');
    if (text.length > this.rules.maxChars) {
      throw new BadRequestError(
        `A comment can be at most ${this.rules.maxChars} characters long; this one has ${text.length}.`,
      );
    }
    return text;
  }

  private async checkRate(member: Member, now: Date): Promise<void> {
    const recent = await this.db
      .selectFrom('comments')
      .select('created_at')
      .where('member_id', '=', member.id)
      .where('created_at', '>', commentWindowStart(now))
      .execute();
    const verdict = commentLimitVerdict(
      this.rules,
      member.createdAt,
      recent.map((r) => r.created_at),
      now,
    );
    if (verdict.retryAfterSeconds === null) return;
    throw new RateLimitedError(
      `You have posted ${verdict.limit} comments in the last hour, the most allowed` +
        `${verdict.firstDay ? ' on the first day of an account' : ''}. ` +
        `You can comment again in ${Math.ceil(verdict.retryAfterSeconds / 60)} minutes.`,
      verdict.retryAfterSeconds,
    );
  }

  private async find(id: string) {
    const row = await this.db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError('There is no such comment.');
    return row;
  }

  /** The member's own comment that is not deleted; someone else's is a 403 that changes nothing. */
  private async ownLive(member: Member, id: string, doing: string) {
    const row = await this.find(id);
    if (row.member_id !== member.id) throw new ForbiddenError(`You can only ${doing} your own comments.`);
    if (row.deleted_at !== null) throw new NotFoundError('That comment was deleted.');
    return row;
  }
}
