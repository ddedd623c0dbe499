/**
 * Our papers and listings in the Hugging Face Papers API's JSON shapes (see the recordings in
 * test/fixtures/hf/). Pure: the routes fetch, these functions only reshape.
 */
import type { ListingItem } from '../listings/listing-store.ts';
import type { PaperView } from '../papers/paper-rows.ts';
import type { PaperKeywords } from '../search/keyword-store.ts';
import { authorObjectId, discussionObjectId, userObjectId } from './hf-ids.ts';

export interface HfUser {
  readonly _id: string;
  readonly avatarUrl: string;
  readonly fullname: string;
  /** The username; `user` repeats it, as some answers and the huggingface_hub client spell it. */
  readonly name: string;
  readonly user: string;
  readonly type: 'user';
  readonly isPro: boolean;
  readonly isHf: boolean;
  readonly isMod: boolean;
}

export interface HfAuthor {
  readonly _id: string;
  readonly name: string;
  readonly hidden: boolean;
}

/** Links a client reads at the top level of an item and inside `paper`. */
interface HfCodeLinks {
  readonly githubRepo?: string;
  readonly projectPage?: string;
}

export interface HfPaper extends HfCodeLinks {
  readonly id: string;
  readonly authors: readonly HfAuthor[];
  /** When v1 was submitted to arXiv. */
  readonly publishedAt: string | null;
  /** When the paper was put on its listing, for a paper that is on one. */
  readonly submittedOnDailyAt?: string;
  readonly submittedOnDailyBy?: HfUser;
  readonly title: string;
  readonly summary: string;
  readonly upvotes: number;
  readonly discussionId: string;
  /** The one-line summary and key phrases (extractive, src/search/keyword-store.ts); absent until described. */
  readonly ai_summary?: string;
  readonly ai_keywords?: readonly string[];
}

export interface HfDailyItem extends HfCodeLinks {
  readonly paper: HfPaper;
  /** The listing time: a date/week/month query holds exactly the items whose time falls in it. */
  readonly publishedAt: string;
  readonly title: string;
  readonly summary: string;
  readonly thumbnail: string;
  readonly numComments: number;
  readonly submittedBy: HfUser;
  readonly isAuthorParticipating: boolean;
}

export type ListingEntryView = Omit<ListingItem, 'paper'>;

/** An item without its submitter: what `/api/papers/search` answers for a paper on a listing or not. */
export type HfItem = Omit<HfDailyItem, 'submittedBy'>;

/** What the community adds to an item: how many comments the paper shows to every reader. */
export interface HfItemCounts {
  readonly numComments: number;
  /** The paper's keywords and summary, when it has been described. */
  readonly described?: PaperKeywords | null;
}

const NO_COUNTS: HfItemCounts = { numComments: 0 };

export function hfItem(
  paper: PaperView,
  entry: ListingEntryView | null,
  counts: HfItemCounts = NO_COUNTS,
): HfItem {
  const inner = hfPaper(paper, entry, counts.described ?? null);
  return {
    paper: inner,
    // A paper on no listing is dated by its arXiv time.
    publishedAt: entry ? listingTime(entry) : (inner.publishedAt ?? ''),
    title: inner.title,
    summary: inner.summary,
    thumbnail: '',
    numComments: counts.numComments,
    isAuthorParticipating: false,
    ...codeLinks(paper.codeUrls),
  };
}

/** `/api/daily_papers` items: the paper wrapped with its listing and who submitted it. */
export function hfDailyItem(item: ListingItem, counts: HfItemCounts = NO_COUNTS): HfDailyItem {
  return { ...hfItem(item.paper, item, counts), submittedBy: submitterOf(item) };
}

/** The paper as `paper` inside an item, and (with its links) as `/api/papers/{id}` answers it. */
export function hfPaper(
  paper: PaperView,
  entry: ListingEntryView | null,
  described: PaperKeywords | null = null,
): HfPaper {
  const listedAt = entry ? listingTime(entry) : null;
  return {
    id: paper.id,
    authors: paper.authors.map((name, position) => ({
      _id: authorObjectId(paper.id, position),
      name,
      hidden: false,
    })),
    publishedAt: isoTime(paper.publishedAt ?? paper.updatedAt) ?? listedAt,
    ...(entry && listedAt ? { submittedOnDailyAt: listedAt, submittedOnDailyBy: submitterOf(entry) } : {}),
    title: paper.title,
    summary: paper.abstract,
    upvotes: paper.upvotes,
    discussionId: discussionObjectId(paper.id),
    ...(described ? { ai_summary: described.summary, ai_keywords: described.keywords } : {}),
    ...codeLinks(paper.codeUrls),
  };
}

/**
 * When the paper went on its listing, as ISO 8601 with milliseconds and `Z`. A recorded time whose UTC
 * date is not the listing's day (a demo import stamps the import time; a time zone east or west of UTC
 * shifts the date) is replaced by the day's midnight UTC, so the time always falls in the listing's day.
 */
export function listingTime(entry: ListingEntryView): string {
  const recorded = isoTime(entry.submittedAt);
  return recorded?.startsWith(entry.day) ? recorded : `${entry.day}T00:00:00.000Z`;
}

/**
 * Who put the paper on its listing. Entries without a member (the demo set, editors' imports) name
 * their source instead (`demo`, `hf`, …), since clients expect every item to have a submitter.
 */
function submitterOf(entry: ListingEntryView): HfUser {
  const username = entry.submittedBy ?? entry.source;
  return {
    _id: userObjectId(username),
    avatarUrl: '',
    fullname: entry.submitterName ?? username,
    name: username,
    user: username,
    type: 'user',
    isPro: false,
    isHf: false,
    isMod: false,
  };
}

const CODE_HOST = /^https?:\/\/(?:www\.)?github\.com\/[\w.-]+\/[\w-]+(?:\.[\w-]+)*/i;
/** Hosts whose links are neither the code nor a project page. */
const NOT_PROJECT_PAGE =
  /^https?:\/\/(?:[\w-]+\.)*(?:github\.com|arxiv\.org|doi\.org|huggingface\.co|hf\.co)(?:[/:]|$)/i;

/** The GitHub repository (the first GitHub link) and project page (the first other site) of a paper. */
export function codeLinks(urls: readonly string[]): HfCodeLinks {
  const githubRepo = urls.find((url) => CODE_HOST.test(url));
  const projectPage = urls.find((url) => /^https?:\/\//i.test(url) && !NOT_PROJECT_PAGE.test(url));
  return {
    ...(githubRepo ? { githubRepo: CODE_HOST.exec(githubRepo)?.[0] ?? githubRepo } : {}),
    ...(projectPage ? { projectPage } : {}),
  };
}

/** An ISO 8601 time as `2025-03-14T09:30:00.000Z`, or null when missing or unreadable. */
export function isoTime(value: string | null): string | null {
  if (!value) return null;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? null : time.toISOString();
}
