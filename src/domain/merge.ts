import type { Paper, PaperRecord, PaperVersion } from './paper.ts';

export interface StoredPaper {
  readonly paper: Paper;
  readonly versions: readonly PaperVersion[];
}

export type MergeOutcome = 'new' | 'updated' | 'unchanged';

/**
 * Folds what a source says about a paper into what the store holds. Version-aware: a newer version
 * replaces the shown title and abstract and the older one stays in the history; an older or
 * unversioned record only fills fields the store lacks. Merging the same record twice changes nothing.
 */
export function mergePaper(
  existing: StoredPaper | null,
  incoming: PaperRecord,
): { merged: StoredPaper; outcome: MergeOutcome } {
  if (existing === null) {
    return { merged: { paper: incoming.paper, versions: incoming.versions }, outcome: 'new' };
  }
  const current = existing.paper;
  const incomingVersion = incoming.version ?? current.latestVersion;
  const incomingLeads = incomingVersion >= current.latestVersion;
  const [lead, other] = incomingLeads ? [incoming.paper, current] : [current, incoming.paper];

  let versions = mergeVersions(existing.versions, incoming.versions);
  if (incomingVersion > current.latestVersion) {
    // Keep what the reader saw until now as that version's text.
    versions = mergeVersions(versions, [
      {
        version: current.latestVersion,
        submittedAt: null,
        size: null,
        title: current.title,
        abstract: current.abstract,
      },
    ]);
  }
  const paper: Paper = {
    id: current.id,
    latestVersion: Math.max(current.latestVersion, incoming.paper.latestVersion),
    title: lead.title || other.title,
    abstract: lead.abstract || other.abstract,
    authors: lead.authors.length > 0 ? lead.authors : other.authors,
    primaryCategory: lead.primaryCategory ?? other.primaryCategory,
    categories: lead.categories.length > 0 ? lead.categories : other.categories,
    publishedAt: current.publishedAt ?? incoming.paper.publishedAt,
    updatedAt: incomingLeads
      ? (lead.updatedAt ?? other.updatedAt)
      : (current.updatedAt ?? incoming.paper.updatedAt),
    comment: lead.comment ?? other.comment,
    journalRef: lead.journalRef ?? other.journalRef,
    doi: lead.doi ?? other.doi,
    license: lead.license ?? other.license,
    codeUrls: [...new Set([...lead.codeUrls, ...other.codeUrls])],
  };
  const merged = { paper, versions };
  return { merged, outcome: samePaper(existing, merged) ? 'unchanged' : 'updated' };
}

function mergeVersions(a: readonly PaperVersion[], b: readonly PaperVersion[]): PaperVersion[] {
  const byNumber = new Map<number, PaperVersion>(a.map((v) => [v.version, v]));
  for (const v of b) {
    const old = byNumber.get(v.version);
    byNumber.set(
      v.version,
      old === undefined
        ? v
        : {
            version: v.version,
            submittedAt: old.submittedAt ?? v.submittedAt,
            size: old.size ?? v.size,
            title: old.title ?? v.title,
            abstract: old.abstract ?? v.abstract,
          },
    );
  }
  return [...byNumber.values()].sort((x, y) => x.version - y.version);
}

export function samePaper(a: StoredPaper, b: StoredPaper): boolean {
  return stableJson(a) === stableJson(b);
}

function stableJson(value: StoredPaper): string {
  const p = value.paper;
  return JSON.stringify([
    p.id,
    p.latestVersion,
    p.title,
    p.abstract,
    p.authors,
    p.primaryCategory,
    p.categories,
    p.publishedAt,
    p.updatedAt,
    p.comment,
    p.journalRef,
    p.doi,
    p.license,
    p.codeUrls,
    value.versions.map((v) => [v.version, v.submittedAt, v.size, v.title, v.abstract]),
  ]);
}
