import { type RawBuilder, sql } from 'kysely';
import { type CommunityDb, communityDb } from '../community/community-schema.ts';
import type { DatabaseKind } from '../config/config.ts';
import type { Db } from '../db/schema.ts';
import { TRENDING, TRENDING_WINDOW_HOURS, type TrendingWindow } from '../domain/trending.ts';
import { type PaperView, paperFromRow } from '../papers/paper-rows.ts';

export interface TrendingItem {
  readonly paper: PaperView;
  readonly day: string;
  readonly upvotes: number;
  readonly starsGained: number;
  readonly ageHours: number;
  readonly score: number;
}

/**
 * The trending score in SQL (see src/domain/trending.ts for the definition and the constants), so the
 * ranking, limit and paging happen in the store. The two engines differ only in date arithmetic and the
 * name of the power function; both versions stand side by side below.
 */
export class TrendingStore {
  private readonly db: CommunityDb;

  constructor(
    db: Db,
    private readonly kind: DatabaseKind,
  ) {
    this.db = communityDb(db);
  }

  /** Papers that reached a listing in the window ending at `now`, highest score first. */
  async ranked(window: TrendingWindow, now: Date, limit = 100): Promise<TrendingItem[]> {
    const since = new Date(now.getTime() - TRENDING_WINDOW_HOURS[window] * 3_600_000);
    return this.query(now, since, limit, { listedSince: since });
  }

  /** One paper's score and its parts as of `now` (stars counted over the last week), or null when not listed. */
  async forPaper(paperId: string, now: Date): Promise<TrendingItem | null> {
    const since = new Date(now.getTime() - TRENDING_WINDOW_HOURS.week * 3_600_000);
    return (await this.query(now, since, 1, { paperId }))[0] ?? null;
  }

  private async query(
    now: Date,
    since: Date,
    limit: number,
    only: { listedSince?: Date; paperId?: string },
  ): Promise<TrendingItem[]> {
    const at = now.toISOString();
    const from = since.toISOString();
    // The constants are ours, not user input: written into the SQL as literals so both engines type them as numbers.
    // Hours between reaching the listing and `now`, never below zero.
    const ageHours: RawBuilder<number> =
      this.kind === 'sqlite'
        ? sql`max(0.0, (julianday(${at}) - julianday(listings.submitted_at)) * 24.0)`
        : sql`greatest(0.0, extract(epoch from (cast(${at} as timestamptz) - cast(listings.submitted_at as timestamptz))) / 3600.0)`;
    // Stars gained in the window: for each repository, its last count minus its first one.
    const starsGained = sql<number>`coalesce((
      select sum(gain) from (
        select max(paper_stars.stars) - min(paper_stars.stars) as gain
        from paper_stars
        where paper_stars.paper_id = papers.id and paper_stars.observed_at >= ${from} and paper_stars.observed_at <= ${at}
        group by paper_stars.repo
      ) as gains), 0)`;
    const points = sql`(papers.upvotes + ${sql.lit(TRENDING.starWeight)} * ${starsGained})`;
    const decay =
      this.kind === 'sqlite'
        ? sql`pow(${ageHours} + ${sql.lit(TRENDING.ageOffsetHours)}, ${sql.lit(TRENDING.gravity)})`
        : sql`power(cast(${ageHours} as double precision) + ${sql.lit(TRENDING.ageOffsetHours)}, ${sql.lit(TRENDING.gravity)})`;
    const score = sql<number>`cast(${points} as double precision) / ${decay}`;
    const listedFrom = only.listedSince?.toISOString() ?? '';
    let select = this.db
      .selectFrom('listings')
      .innerJoin('papers', 'papers.id', 'listings.paper_id')
      .selectAll('papers')
      .select(['listings.day', ageHours.as('age_hours'), starsGained.as('stars_gained'), score.as('score')])
      .where('listings.submitted_at', '>=', listedFrom)
      .where('listings.submitted_at', '<=', at);
    if (only.paperId !== undefined) select = select.where('papers.id', '=', only.paperId);
    const rows = await select.orderBy('score', 'desc').orderBy('papers.id').limit(limit).execute();
    return rows.map(({ day, age_hours, stars_gained, score: s, imported_upvotes: _imported, ...row }) => ({
      paper: paperFromRow(row),
      day,
      upvotes: Number(row.upvotes),
      starsGained: Number(stars_gained),
      ageHours: Number(age_hours),
      score: Number(s),
    }));
  }
}
