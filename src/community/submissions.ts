import type { Member } from '../accounts/member.ts';
import type { Db } from '../db/schema.ts';
import { parseArxivId } from '../domain/arxiv-id.ts';
import { BadRequestError, ConflictError, NotFoundError, RateLimitedError } from '../domain/errors.ts';
import type { ListingEntry, PaperVersion } from '../domain/paper.ts';
import { dayInZone } from '../domain/period.ts';
import type { ListingCounts } from '../listings/listing-store.ts';
import type { PaperView } from '../papers/paper-rows.ts';
import { type CommunityDb, communityDb } from './community-schema.ts';

/** Fetches one paper (by version-less arXiv id) from arXiv into the store; never a user-given URL. */
export interface PaperFetcher {
  fetchPaper(id: string): Promise<void>;
}

/** What submissions read and write besides their own counting. */
export interface SubmissionPorts {
  readonly papers: {
    getPaper(id: string): Promise<PaperView | null>;
    getVersions(id: string): Promise<PaperVersion[]>;
  };
  readonly listings: {
    listingOf(id: string): Promise<{ day: string } | null>;
    upsertEntries(entries: readonly ListingEntry[], now?: Date): Promise<ListingCounts>;
  };
  readonly fetcher: PaperFetcher;
}

export interface SubmissionRules {
  /** The paper's first version must be at most this many days old. */
  readonly maxAgeDays: number;
  /** Submissions per member in any 24 hours. */
  readonly perDay: number;
  /** Decides which day's listing a submission goes on. */
  readonly timeZone: string;
}

const DAY_MS = 86_400_000;

/** A member putting a paper on today's listing, under the configured rules. */
export class SubmissionService {
  private readonly db: CommunityDb;

  constructor(
    db: Db,
    private readonly ports: SubmissionPorts,
    private readonly rules: SubmissionRules,
  ) {
    this.db = communityDb(db);
  }

  /** Submits an arXiv id or link; returns the paper id and the day's listing it went on. */
  async submit(member: Member, input: string, now: Date): Promise<{ paperId: string; day: string }> {
    const parsed = parseArxivId(input.trim());
    if (!parsed.ok) {
      throw new BadRequestError(
        `“${input.trim().slice(0, 80)}” is not an arXiv id or link: ${parsed.reason}.`,
      );
    }
    const { id } = parsed.value;
    await this.checkDailyLimit(member, now);
    const listed = await this.ports.listings.listingOf(id);
    if (listed) throw new ConflictError(`arXiv:${id} is already on the listing of ${listed.day}.`);
    let paper = await this.ports.papers.getPaper(id);
    if (!paper) {
      await this.ports.fetcher.fetchPaper(id);
      paper = await this.ports.papers.getPaper(id);
      if (!paper) throw new NotFoundError(`arXiv has no paper ${id}.`);
    }
    await this.checkAge(paper, now);
    const day = dayInZone(now, this.rules.timeZone);
    const counts = await this.ports.listings.upsertEntries(
      [
        {
          day,
          paperId: id,
          position: null,
          submittedAt: now.toISOString(),
          submittedBy: { username: member.username, fullname: member.displayName },
          upvotes: null,
          source: 'member',
        },
      ],
      now,
    );
    const conflict = counts.conflicts[0];
    if (conflict)
      throw new ConflictError(`arXiv:${id} is already on the listing of ${conflict.existingDay}.`);
    return { paperId: id, day };
  }

  private async checkDailyLimit(member: Member, now: Date): Promise<void> {
    const { perDay } = this.rules;
    const recent = await this.db
      .selectFrom('listings')
      .select('submitted_at')
      .where('submitted_by', '=', member.username)
      .where('source', '=', 'member')
      .where('submitted_at', '>', new Date(now.getTime() - DAY_MS).toISOString())
      .orderBy('submitted_at', 'desc')
      .limit(perDay)
      .execute();
    if (recent.length < perDay) return;
    const oldest = Date.parse(recent.at(-1)?.submitted_at ?? now.toISOString());
    const retryAfter = Math.max(1, Math.ceil((oldest + DAY_MS - now.getTime()) / 1000));
    throw new RateLimitedError(
      `You have submitted ${perDay} papers in the last 24 hours, the most allowed. ` +
        `You can submit again in ${Math.ceil(retryAfter / 3600)} hours.`,
      retryAfter,
    );
  }

  private async checkAge(paper: PaperView, now: Date): Promise<void> {
    const versions = await this.ports.papers.getVersions(paper.id);
    const first = versions.find((v) => v.version === 1)?.submittedAt ?? paper.publishedAt;
    if (!first) throw new BadRequestError(`arXiv:${paper.id} has no known first-version date.`);
    const ageDays = (now.getTime() - Date.parse(first)) / DAY_MS;
    if (ageDays > this.rules.maxAgeDays) {
      throw new BadRequestError(
        `arXiv:${paper.id} first appeared on ${first.slice(0, 10)}; only papers whose first version is at ` +
          `most ${this.rules.maxAgeDays} days old can be submitted.`,
      );
    }
  }
}
