/** Store views → the JSON shapes of schemas.ts. Pure. */
import { formatPeriod, type Period, periodRange } from '../../domain/period.ts';
import type { ListingItem } from '../../listings/listing-store.ts';
import type { PaperView } from '../../papers/paper-rows.ts';
import type { ListingEntry, Paper, PeriodRef } from './schemas.ts';

export const API_PREFIX = '/api/v1';

export function paperJson(paper: PaperView): Paper {
  return {
    id: paper.id,
    version: paper.latestVersion,
    title: paper.title,
    abstract: paper.abstract,
    authors: [...paper.authors],
    primaryCategory: paper.primaryCategory,
    categories: [...paper.categories],
    publishedAt: paper.publishedAt,
    updatedAt: paper.updatedAt,
    comment: paper.comment,
    journalRef: paper.journalRef,
    doi: paper.doi,
    license: paper.license,
    codeUrls: [...paper.codeUrls],
    upvotes: paper.upvotes,
    arxivUrl: `https://arxiv.org/abs/${paper.id}`,
    pdfUrl: `https://arxiv.org/pdf/${paper.id}`,
  };
}

export function entryJson(entry: Omit<ListingItem, 'paper'>): ListingEntry {
  return {
    day: entry.day,
    position: entry.position,
    submittedAt: entry.submittedAt,
    submittedBy: entry.submittedBy,
    submitterName: entry.submitterName,
  };
}

export function periodJson(period: Period): PeriodRef {
  const label = formatPeriod(period);
  const { from, to } = periodRange(period);
  const path = period.kind === 'day' ? `listings/${label}` : `listings/${period.kind}/${label}`;
  return { kind: period.kind, label, from, to, path: `${API_PREFIX}/${path}` };
}
