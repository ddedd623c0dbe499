import type { Selectable } from 'kysely';
import type { PapersTable, PaperVersionsTable } from '../db/schema.ts';
import type { StoredPaper } from '../domain/merge.ts';
import type { Paper, PaperVersion } from '../domain/paper.ts';

/** A paper row as pages and APIs read it: the paper plus its upvote count. */
export interface PaperView extends Paper {
  readonly upvotes: number;
}

export function paperFromRow(row: Selectable<PapersTable>): PaperView {
  return {
    id: row.id,
    latestVersion: row.latest_version,
    title: row.title,
    abstract: row.abstract,
    authors: JSON.parse(row.authors),
    primaryCategory: row.primary_category,
    categories: JSON.parse(row.categories),
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    comment: row.comment,
    journalRef: row.journal_ref,
    doi: row.doi,
    license: row.license,
    codeUrls: JSON.parse(row.code_urls),
    upvotes: Number(row.upvotes),
  };
}

export function paperToRow(paper: Paper) {
  return {
    id: paper.id,
    latest_version: paper.latestVersion,
    title: paper.title,
    abstract: paper.abstract,
    authors: JSON.stringify(paper.authors),
    primary_category: paper.primaryCategory,
    categories: JSON.stringify(paper.categories),
    published_at: paper.publishedAt,
    updated_at: paper.updatedAt,
    comment: paper.comment,
    journal_ref: paper.journalRef,
    doi: paper.doi,
    license: paper.license,
    code_urls: JSON.stringify(paper.codeUrls),
  };
}

export function versionFromRow(row: Selectable<PaperVersionsTable>): PaperVersion {
  return {
    version: row.version,
    submittedAt: row.submitted_at,
    size: row.size,
    title: row.title,
    abstract: row.abstract,
  };
}

export function versionToRow(paperId: string, v: PaperVersion) {
  return {
    paper_id: paperId,
    version: v.version,
    submitted_at: v.submittedAt,
    size: v.size,
    title: v.title,
    abstract: v.abstract,
  };
}

export function storedPaper(
  row: Selectable<PapersTable>,
  versions: Selectable<PaperVersionsTable>[],
): StoredPaper {
  const { upvotes: _upvotes, ...paper } = paperFromRow(row);
  return { paper, versions: versions.map(versionFromRow) };
}
