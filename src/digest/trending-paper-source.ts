/**
 * The digest's ranking: the period's listed papers by trending score (src/digest/trending-rank.ts), with
 * the GitHub stars each gained during the period read from the store. Falls back to the listing order
 * when trending has nothing to say.
 */
import { type CommunityDb, communityDb } from '../community/community-schema.ts';
import type { Db } from '../db/schema.ts';
import { parseUtcDay } from '../domain/period.ts';
import type { ListingStore } from '../listings/listing-store.ts';
import { candidateOf } from './listing-paper-source.ts';
import type { DigestPaperSource, RankedCandidates } from './paper-source.ts';
import { periodEnd, rankByTrending } from './trending-rank.ts';

/** The most papers of one period ranked (a week of listings is a few hundred). */
const MAX_PERIOD_PAPERS = 5000;
const CHUNK = 400;

export class TrendingPaperSource implements DigestPaperSource {
  private readonly db: CommunityDb;

  constructor(
    db: Db,
    private readonly listings: ListingStore,
  ) {
    this.db = communityDb(db);
  }

  async rankedPapers(fromDay: string, toDay: string, limit: number): Promise<RankedCandidates> {
    const items = await this.listings.itemsBetween(fromDay, toDay, MAX_PERIOD_PAPERS);
    const asOf = periodEnd(toDay);
    const stars = await this.starsGained(
      items.map((i) => i.paper.id),
      parseUtcDay(fromDay),
      asOf,
    );
    const inputs = items.map((item) => ({
      paper: candidateOf(item),
      listedAt: item.submittedAt,
      starsGained: stars.get(item.paper.id) ?? 0,
    }));
    return rankByTrending(inputs, asOf, limit);
  }

  /** Per paper, the stars its repositories gained between `from` and `to`: each one's last count minus its first. */
  private async starsGained(paperIds: readonly string[], from: Date, to: Date): Promise<Map<string, number>> {
    const gained = new Map<string, number>();
    for (let i = 0; i < paperIds.length; i += CHUNK) {
      const rows = await this.db
        .selectFrom('paper_stars')
        .select(['paper_id', (eb) => eb.fn.max('stars').as('most'), (eb) => eb.fn.min('stars').as('least')])
        .where('paper_id', 'in', paperIds.slice(i, i + CHUNK))
        .where('observed_at', '>=', from.toISOString())
        .where('observed_at', '<=', to.toISOString())
        .groupBy(['paper_id', 'repo'])
        .execute();
      for (const row of rows) {
        const gain = Number(row.most) - Number(row.least);
        gained.set(row.paper_id, (gained.get(row.paper_id) ?? 0) + gain);
      }
    }
    return gained;
  }
}
