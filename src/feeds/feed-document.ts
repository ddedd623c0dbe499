/** A feed before it is written as RSS, Atom or JSON Feed: what every format needs, with absolute URLs. */
import type { ListingEntryView } from '../api/hf-json.ts';
import { isoTime, listingTime } from '../api/hf-json.ts';
import type { PaperView } from '../papers/paper-rows.ts';

export interface FeedEntry {
  /** The stable GUID and link: `${PUBLIC_URL}/papers/${id}`. */
  readonly url: string;
  readonly title: string;
  readonly abstract: string;
  readonly authors: readonly string[];
  readonly categories: readonly string[];
  /** Listing feeds: when the paper went on its listing; other feeds: its first arXiv version. */
  readonly date: Date;
  readonly arxivUrl: string;
}

export interface FeedDocument {
  readonly title: string;
  readonly description: string;
  /** The page the feed follows (absolute). */
  readonly pageUrl: string;
  /** The feed's own addresses (absolute), one per format. */
  readonly feedUrls: { readonly xml: string; readonly atom: string; readonly json: string };
  readonly updated: Date;
  readonly entries: readonly FeedEntry[];
}

/** An entry of a listing feed, dated by the listing time. */
export function listedEntry(paper: PaperView, entry: ListingEntryView, publicUrl: string): FeedEntry {
  return paperEntry(paper, new Date(listingTime(entry)), publicUrl);
}

/** An entry dated by the paper's first version (or its latest, or the epoch when arXiv told us neither). */
export function unlistedEntry(paper: PaperView, publicUrl: string): FeedEntry {
  return paperEntry(paper, new Date(isoTime(paper.publishedAt ?? paper.updatedAt) ?? 0), publicUrl);
}

function paperEntry(paper: PaperView, date: Date, publicUrl: string): FeedEntry {
  return {
    url: `${publicUrl}/papers/${paper.id}`,
    title: paper.title,
    abstract: paper.abstract,
    authors: paper.authors,
    categories: paper.categories,
    date,
    arxivUrl: `https://arxiv.org/abs/${paper.id}`,
  };
}

/** The newest entry's date, so an unchanged feed keeps its `updated` time; `fallback` when empty. */
export function newestDate(entries: readonly FeedEntry[], fallback: Date): Date {
  return (
    entries.reduce<Date | null>((newest, e) => (newest && newest >= e.date ? newest : e.date), null) ??
    fallback
  );
}

/** The three addresses of a feed at `path` (`/papers/feed` → `/papers/feed.xml`, …), with its query. */
export function feedUrlsAt(publicUrl: string, path: string, query = ''): FeedDocument['feedUrls'] {
  const search = query ? `?${query}` : '';
  return {
    xml: `${publicUrl}${path}.xml${search}`,
    atom: `${publicUrl}${path}.atom${search}`,
    json: `${publicUrl}${path}.json${search}`,
  };
}
