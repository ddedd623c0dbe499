import type { Db } from '../db/schema.ts';
import { type GitHubDb, githubDb } from './github-schema.ts';

export interface RepoState {
  readonly etag: string | null;
  readonly stars: number | null;
}

/** Where `stars refresh` reads papers' code links and writes star snapshots (paper_stars, github_repos). */
export class StarStore {
  private readonly db: GitHubDb;

  constructor(db: Db) {
    this.db = githubDb(db);
  }

  /** Papers on a listing since `since` (ISO time) whose code links mention GitHub, with their links. */
  async listedPapersWithCode(since: string): Promise<{ paperId: string; codeUrls: string[] }[]> {
    const rows = await this.db
      .selectFrom('papers')
      .innerJoin('listings', 'listings.paper_id', 'papers.id')
      .select(['papers.id', 'papers.code_urls'])
      .where('listings.submitted_at', '>=', since)
      .where('papers.code_urls', 'like', '%github.com%')
      .orderBy('papers.id')
      .execute();
    return rows.map((r) => ({ paperId: r.id, codeUrls: JSON.parse(r.code_urls) as string[] }));
  }

  async repoState(repo: string): Promise<RepoState | null> {
    const row = await this.db
      .selectFrom('github_repos')
      .select(['etag', 'stars'])
      .where('repo', '=', repo)
      .executeTakeFirst();
    return row ? { etag: row.etag, stars: row.stars === null ? null : Number(row.stars) } : null;
  }

  /** One observation of a repository's stars, for each paper that links it, in one transaction. */
  async record(
    repo: string,
    paperIds: readonly string[],
    stars: number,
    etag: string | null,
    now: Date,
  ): Promise<void> {
    const at = now.toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('github_repos')
        .values({ repo, etag, stars, status: 'ok', checked_at: at })
        .onConflict((oc) => oc.column('repo').doUpdateSet({ etag, stars, status: 'ok', checked_at: at }))
        .execute();
      await trx
        .insertInto('paper_stars')
        .values(paperIds.map((paperId) => ({ paper_id: paperId, repo, observed_at: at, stars })))
        .onConflict((oc) => oc.columns(['paper_id', 'repo', 'observed_at']).doNothing())
        .execute();
    });
  }

  async markNotFound(repo: string, now: Date): Promise<void> {
    const at = now.toISOString();
    await this.db
      .insertInto('github_repos')
      .values({ repo, etag: null, stars: null, status: 'not_found', checked_at: at })
      .onConflict((oc) =>
        oc.column('repo').doUpdateSet({ etag: null, stars: null, status: 'not_found', checked_at: at }),
      )
      .execute();
  }
}
