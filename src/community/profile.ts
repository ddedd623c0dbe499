import type { Member } from '../accounts/member.ts';
import type { MemberStore } from '../accounts/member-store.ts';
import type { Db } from '../db/schema.ts';
import { type CommunityDb, communityDb } from './community-schema.ts';

export interface Profile {
  readonly member: Member;
  readonly submissions: readonly { paperId: string; title: string; day: string }[];
  readonly comments: readonly { id: string; paperId: string; paperTitle: string; excerpt: string }[];
  readonly claimedPapers: readonly { paperId: string; title: string }[];
}

const SHOWN = 50;

/** What a member's profile shows, newest first. */
export class ProfileService {
  private readonly db: CommunityDb;

  constructor(
    db: Db,
    private readonly members: MemberStore,
  ) {
    this.db = communityDb(db);
  }

  async profile(username: string): Promise<Profile | null> {
    const member = await this.members.byUsername(username);
    if (!member) return null;
    const [submissions, comments, claimed] = await Promise.all([
      this.db
        .selectFrom('listings')
        .innerJoin('papers', 'papers.id', 'listings.paper_id')
        .select(['listings.paper_id', 'papers.title', 'listings.day'])
        .where('listings.submitted_by', '=', member.username)
        .where('listings.source', '=', 'member')
        .orderBy('listings.submitted_at', 'desc')
        .limit(SHOWN)
        .execute(),
      this.db
        .selectFrom('comments')
        .innerJoin('papers', 'papers.id', 'comments.paper_id')
        .select(['comments.id', 'comments.paper_id', 'papers.title', 'comments.body'])
        .where('comments.member_id', '=', member.id)
        .where('comments.deleted_at', 'is', null)
        .where('comments.hidden_by', 'is', null)
        .orderBy('comments.created_at', 'desc')
        .limit(SHOWN)
        .execute(),
      this.db
        .selectFrom('authorship_claims')
        .innerJoin('papers', 'papers.id', 'authorship_claims.paper_id')
        .select(['authorship_claims.paper_id', 'papers.title'])
        .where('authorship_claims.member_id', '=', member.id)
        .where('authorship_claims.status', '=', 'approved')
        .orderBy('authorship_claims.decided_at', 'desc')
        .limit(SHOWN)
        .execute(),
    ]);
    return {
      member,
      submissions: submissions.map((r) => ({ paperId: r.paper_id, title: r.title, day: r.day })),
      comments: comments.map((r) => ({
        id: r.id,
        paperId: r.paper_id,
        paperTitle: r.title,
        excerpt: r.body.length > 140 ? `${r.body.slice(0, 139)}…` : r.body,
      })),
      claimedPapers: claimed.map((r) => ({ paperId: r.paper_id, title: r.title })),
    };
  }
}
