import { isEditor, type Member } from '../accounts/member.ts';
import type { Db } from '../db/schema.ts';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../domain/errors.ts';
import type { AuthorshipClaimsTable } from './community-schema.ts';
import { type CommunityDb, communityDb } from './community-schema.ts';

export type ClaimStatus = AuthorshipClaimsTable['status'];
export type ClaimDecision = Exclude<ClaimStatus, 'pending'>;

/** A member's claim to be one of a paper's authors, as pages show it. */
export interface Claim {
  readonly paperId: string;
  readonly paperTitle: string;
  readonly authorName: string;
  readonly status: ClaimStatus;
  readonly member: { readonly id: string; readonly username: string; readonly displayName: string };
  readonly createdAt: string;
}

/** Author names compare without case and with spacing collapsed: " ada  LOVELACE" is "Ada Lovelace". */
export function sameAuthorName(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
  return norm(a) === norm(b);
}

/**
 * Claimed authorship: a member claims one of a paper's author names; an editor approves or rejects the
 * claim. An approved claim shows the paper as verified and lists it on the member's profile. One claim
 * per member and paper; an author name approved for one member cannot be claimed by another.
 */
export class ClaimService {
  private readonly db: CommunityDb;

  constructor(db: Db) {
    this.db = communityDb(db);
  }

  async claim(member: Member, paperId: string, authorName: string, now: Date): Promise<void> {
    const paper = await this.db
      .selectFrom('papers')
      .select(['id', 'authors'])
      .where('id', '=', paperId)
      .executeTakeFirst();
    if (!paper) throw new NotFoundError(`There is no paper ${paperId.slice(0, 40)} here.`);
    const authors = JSON.parse(paper.authors) as string[];
    const name = authors.find((a) => sameAuthorName(a, authorName));
    if (!name) {
      throw new BadRequestError(
        `“${authorName.trim().slice(0, 80)}” is not one of the authors of arXiv:${paperId}.`,
      );
    }
    const taken = await this.db
      .selectFrom('authorship_claims')
      .select('member_id')
      .where('paper_id', '=', paperId)
      .where('author_name', '=', name)
      .where('status', '=', 'approved')
      .executeTakeFirst();
    if (taken && taken.member_id !== member.id)
      throw new ConflictError(`${name} is already a verified author of this paper.`);
    const inserted = await this.db
      .insertInto('authorship_claims')
      .values({
        member_id: member.id,
        paper_id: paperId,
        author_name: name,
        status: 'pending',
        created_at: now.toISOString(),
        decided_by: null,
        decided_at: null,
      })
      .onConflict((oc) => oc.columns(['member_id', 'paper_id']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1)
      throw new ConflictError('You have already claimed an author name on this paper.');
  }

  /** Editors: approve or reject a member's claim on a paper. */
  async decide(
    editor: Member,
    memberId: string,
    paperId: string,
    decision: ClaimDecision,
    now: Date,
  ): Promise<void> {
    if (!isEditor(editor)) throw new ForbiddenError('Only editors can decide authorship claims.');
    const updated = await this.db
      .updateTable('authorship_claims')
      .set({ status: decision, decided_by: editor.id, decided_at: now.toISOString() })
      .where('member_id', '=', memberId)
      .where('paper_id', '=', paperId)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new NotFoundError('There is no such claim.');
  }

  /** Claims waiting for an editor, oldest first. */
  pending(limit = 100): Promise<Claim[]> {
    return this.list({ status: 'pending' }, limit);
  }

  /** A paper's claims: approved ones make verified authors; the page also shows a member their own. */
  forPaper(paperId: string): Promise<Claim[]> {
    return this.list({ paperId }, 100);
  }

  private async list(only: { status?: ClaimStatus; paperId?: string }, limit: number): Promise<Claim[]> {
    let query = this.db
      .selectFrom('authorship_claims')
      .innerJoin('members', 'members.id', 'authorship_claims.member_id')
      .innerJoin('papers', 'papers.id', 'authorship_claims.paper_id')
      .select([
        'authorship_claims.paper_id',
        'papers.title',
        'authorship_claims.author_name',
        'authorship_claims.status',
        'authorship_claims.created_at',
        'members.id as member_id',
        'members.username',
        'members.display_name',
      ]);
    if (only.status) query = query.where('authorship_claims.status', '=', only.status);
    if (only.paperId) query = query.where('authorship_claims.paper_id', '=', only.paperId);
    const rows = await query
      .orderBy('authorship_claims.created_at')
      .orderBy('members.username')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      paperId: r.paper_id,
      paperTitle: r.title,
      authorName: r.author_name,
      status: r.status,
      member: { id: r.member_id, username: r.username, displayName: r.display_name },
      createdAt: r.created_at,
    }));
  }
}
