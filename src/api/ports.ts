/** What the API and feeds read from the store: the narrow views they need, owned here. */
import type { Member } from '../accounts/member.ts';
import type { ListingItem, ListingPageQuery } from '../listings/listing-store.ts';
import type { PaperView } from '../papers/paper-rows.ts';
import type { ListingEntryView } from './hf-json.ts';

export interface ListingReader {
  /** The latest day with papers (on or before `day` when given), or null. */
  latestDayOnOrBefore(day?: string): Promise<string | null>;
  pageBetween(query: ListingPageQuery): Promise<ListingItem[]>;
  entriesFor(paperIds: readonly string[]): Promise<Map<string, ListingEntryView>>;
  listingOf(paperId: string): Promise<ListingEntryView | null>;
}

/** How many comments each paper shows to every reader (src/community/comments.ts). */
export interface CommentCounter {
  counts(paperIds: readonly string[]): Promise<Map<string, number>>;
}

export interface PaperReader {
  getPaper(id: string): Promise<PaperView | null>;
  getPapers(ids: readonly string[]): Promise<Map<string, PaperView>>;
  newestInCategory(category: string, limit: number): Promise<PaperView[]>;
  categoryCounts(): Promise<{ category: string; papers: number }[]>;
}

/** Puts a paper on today's listing for a member, under the submission rules (src/community/submissions.ts). */
export interface PaperSubmitter {
  submit(member: Member, input: string, now: Date): Promise<{ paperId: string; day: string }>;
}
