/**
 * "Like my upvotes": the papers members upvoted, for many members in one query (a batch of deliveries
 * asks once, not once per delivery). The digest owns the port; this adapter reads the community's tables.
 */
import { type CommunityDb, communityDb } from '../community/community-schema.ts';
import type { Db } from '../db/schema.ts';
import type { UpvotedPaper } from './like-upvoted.ts';

export interface UpvotedPaperSource {
  /** Each member's most recent upvoted papers (at most `perMember`); members without upvotes are absent. */
  upvotedBy(memberIds: readonly string[], perMember: number): Promise<ReadonlyMap<string, UpvotedPaper[]>>;
}

const CHUNK = 400;

export class StoreUpvotedPapers implements UpvotedPaperSource {
  private readonly db: CommunityDb;

  constructor(db: Db) {
    this.db = communityDb(db);
  }

  async upvotedBy(memberIds: readonly string[], perMember: number) {
    const found = new Map<string, UpvotedPaper[]>();
    const unique = [...new Set(memberIds)];
    for (let i = 0; i < unique.length; i += CHUNK) {
      const rows = await this.db
        .selectFrom('upvotes')
        .innerJoin('papers', 'papers.id', 'upvotes.paper_id')
        .select(['upvotes.member_id', 'papers.id', 'papers.title', 'papers.categories'])
        .where('upvotes.member_id', 'in', unique.slice(i, i + CHUNK))
        .orderBy('upvotes.member_id')
        .orderBy('upvotes.created_at', 'desc')
        .execute();
      for (const row of rows) {
        const papers = found.get(row.member_id) ?? [];
        if (papers.length >= perMember) continue;
        papers.push({ id: row.id, title: row.title, categories: parseCategories(row.categories) });
        found.set(row.member_id, papers);
      }
    }
    return found;
  }
}

function parseCategories(value: unknown): string[] {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  return Array.isArray(parsed) ? parsed.filter((c): c is string => typeof c === 'string') : [];
}
