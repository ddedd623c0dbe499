import { parseArxivId } from './arxiv-id.ts';
import type { PaperRecord, PaperVersion } from './paper.ts';
import { cleanText, findLinks, splitAuthors } from './text.ts';

/** A record as a source read it, before clean-up. Every field but the id may be missing. */
export interface RawPaper {
  id: string;
  title?: string | null;
  abstract?: string | null;
  authors?: readonly string[] | string | null;
  primaryCategory?: string | null;
  categories?: readonly string[] | string | null;
  publishedAt?: string | null;
  updatedAt?: string | null;
  comment?: string | null;
  journalRef?: string | null;
  doi?: string | null;
  license?: string | null;
  codeUrls?: readonly string[] | null;
  versions?:
    | readonly {
        version: number;
        submittedAt?: string | null;
        size?: string | null;
        title?: string | null;
        abstract?: string | null;
      }[]
    | null;
}

export type NormaliseResult = { ok: true; record: PaperRecord } | { ok: false; reason: string };

export const LIMITS = { title: 1_000, abstract: 20_000, authors: 5_000, author: 300, field: 2_000 } as const;

const CATEGORY = /^[a-z-]+(\.[a-z-]+)?$/i;

export function normaliseRecord(raw: RawPaper): NormaliseResult {
  const parsed = parseArxivId(raw.id ?? '');
  if (!parsed.ok) return { ok: false, reason: parsed.reason };
  const { id } = parsed.value;
  const title = cleanText(raw.title ?? '');
  if (title === '') return { ok: false, reason: `${id}: no title` };
  if (title.length > LIMITS.title)
    return { ok: false, reason: `${id}: title longer than ${LIMITS.title} characters` };
  const abstract = cleanText(raw.abstract ?? '');
  if (abstract.length > LIMITS.abstract) {
    return { ok: false, reason: `${id}: abstract longer than ${LIMITS.abstract} characters` };
  }
  const authors = (
    typeof raw.authors === 'string' ? splitAuthors(raw.authors) : (raw.authors ?? []).map(cleanText)
  )
    .filter((a) => a !== '')
    .map((a) => a.slice(0, LIMITS.author))
    .slice(0, LIMITS.authors);

  const categoryList =
    typeof raw.categories === 'string' ? raw.categories.split(/[\s,]+/) : (raw.categories ?? []);
  const primary = raw.primaryCategory?.trim() || null;
  const categories = unique(
    [primary, ...categoryList].map((c) => c?.trim() ?? '').filter((c) => CATEGORY.test(c)),
  );

  const versions = normaliseVersions(raw.versions ?? []);
  const version = parsed.value.version ?? versions.at(-1)?.version ?? null;
  const comment = optionalText(raw.comment);
  // Only http(s) links are kept: a source could hand us `javascript:` or `data:` ones.
  const codeUrls = unique([
    ...(raw.codeUrls ?? []).filter(isHttpUrl),
    ...findLinks(abstract),
    ...findLinks(comment ?? ''),
  ]);
  const publishedAt =
    toIsoDate(raw.publishedAt) ?? versions.find((v) => v.version === 1)?.submittedAt ?? null;
  const updatedAt = toIsoDate(raw.updatedAt) ?? versions.at(-1)?.submittedAt ?? publishedAt;

  return {
    ok: true,
    record: {
      version,
      versions: withCurrentVersion(versions, version, title, abstract),
      paper: {
        id,
        latestVersion: Math.max(version ?? 1, versions.at(-1)?.version ?? 1),
        title,
        abstract,
        authors,
        primaryCategory: primary && CATEGORY.test(primary) ? primary : null,
        categories,
        publishedAt,
        updatedAt,
        comment,
        journalRef: optionalText(raw.journalRef),
        doi: optionalText(raw.doi),
        license: optionalText(raw.license),
        codeUrls,
      },
    },
  };
}

function normaliseVersions(raw: NonNullable<RawPaper['versions']>): PaperVersion[] {
  const byNumber = new Map<number, PaperVersion>();
  for (const v of raw) {
    if (!Number.isInteger(v.version) || v.version < 1) continue;
    byNumber.set(v.version, {
      version: v.version,
      submittedAt: toIsoDate(v.submittedAt),
      size: optionalText(v.size),
      title: optionalText(v.title),
      abstract: v.abstract ? cleanText(v.abstract).slice(0, LIMITS.abstract) : null,
    });
  }
  return [...byNumber.values()].sort((a, b) => a.version - b.version);
}

/** The version this record describes carries its title and abstract in the history. */
function withCurrentVersion(
  versions: PaperVersion[],
  version: number | null,
  title: string,
  abstract: string,
) {
  if (version === null) return versions;
  const all = versions.some((v) => v.version === version)
    ? versions
    : [...versions, { version, submittedAt: null, size: null, title: null, abstract: null }];
  return all
    .map((v) => (v.version === version ? { ...v, title, abstract } : v))
    .sort((a, b) => a.version - b.version);
}

/** Any date a source gives (ISO, RFC 2822, `YYYY-MM-DD`) as ISO 8601 UTC with milliseconds, or null. */
export function toIsoDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const text = value.trim();
  const time = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(time)) return null;
  return new Date(time).toISOString();
}

function isHttpUrl(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
}

function optionalText(value: string | null | undefined): string | null {
  const text = cleanText(value ?? '');
  return text === '' ? null : text.slice(0, LIMITS.field);
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
