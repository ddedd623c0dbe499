import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { RawPaper } from '../../domain/normalise.ts';
import type { RawListing, Source, SourceItem } from '../source.ts';

/** Longest line read; anything longer is rejected rather than buffered. */
const MAX_LINE = 1_000_000;

/**
 * JSON Lines of papers: our own export (`id`, `published_at`, `versions`, `listing`, …) and the
 * demo set's spelling (`arxiv_id`, `published`, `primary_category`, `code_urls`).
 */
export function jsonlSource(file: string, label = file): Source {
  return {
    name: label,
    cursorKey: fileCursorKey(file),
    async *read({ cursor }) {
      const resumeAfter = cursor === null ? 0 : Number(cursor);
      const lines = readline.createInterface({
        input: fs.createReadStream(file, 'utf8'),
        crlfDelay: Infinity,
      });
      let n = 0;
      for await (const line of lines) {
        n++;
        if (n <= resumeAfter) continue;
        if (line.trim() !== '') yield parseJsonlLine(line, `${label}:${n}`);
        if (n % CHECKPOINT_LINES === 0) yield { kind: 'checkpoint', cursor: String(n) };
      }
      yield { kind: 'checkpoint', cursor: null };
    },
  };
}

/** Lines between two checkpoints: where a killed import resumes (stored with the batch that follows). */
const CHECKPOINT_LINES = 1000;

/** The cursor of a file names its path, size and modification time: a changed file starts over. */
export function fileCursorKey(file: string): string {
  const stat = fs.statSync(file);
  return `file:${path.resolve(file)}:${stat.size}:${Math.trunc(stat.mtimeMs)}`;
}

export function parseJsonlLine(line: string, where: string): SourceItem {
  if (line.length > MAX_LINE)
    return { kind: 'rejected', where, reason: `line longer than ${MAX_LINE} characters` };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { kind: 'rejected', where, reason: `not valid JSON (${(error as Error).message})` };
  }
  if (!isObject(value)) return { kind: 'rejected', where, reason: 'expected a JSON object per line' };
  const id = text(value.id) ?? text(value.arxiv_id);
  if (!id) return { kind: 'rejected', where, reason: 'no "id" (or "arxiv_id")' };
  const raw: RawPaper = {
    id: text(value.version) && !/v\d+$/.test(id) ? `${id}v${text(value.version)}` : id,
    title: text(value.title),
    abstract: text(value.abstract) ?? text(value.summary),
    authors: typeof value.authors === 'string' ? value.authors : stringList(value.authors),
    primaryCategory: text(value.primary_category),
    categories: stringList(value.categories),
    publishedAt: text(value.published_at) ?? text(value.published),
    updatedAt: text(value.updated_at) ?? text(value.updated),
    comment: text(value.comment),
    journalRef: text(value.journal_ref),
    doi: text(value.doi),
    license: text(value.license),
    codeUrls: stringList(value.code_urls),
    versions: Array.isArray(value.versions)
      ? value.versions.filter(isObject).map((v) => ({
          version: Number(v.version),
          submittedAt: text(v.submitted_at),
          size: text(v.size),
          title: text(v.title),
          abstract: text(v.abstract),
        }))
      : null,
  };
  const listing = isObject(value.listing) ? readListing(value.listing, value.upvotes) : undefined;
  return { kind: 'paper', raw, where: `${where} (${id})`, ...(listing ? { listing } : {}) };
}

function readListing(value: Record<string, unknown>, upvotes: unknown): RawListing {
  const username = text(value.submitted_by);
  return {
    day: text(value.day),
    submittedAt: text(value.submitted_at),
    submittedBy: username ? { username, fullname: text(value.submitter_name) } : null,
    position: typeof value.position === 'number' ? value.position : null,
    upvotes: typeof upvotes === 'number' ? upvotes : null,
    source: text(value.source) ?? 'file',
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return null;
}

function stringList(value: unknown): string[] | null {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : null;
}
