import fs from 'node:fs/promises';
import { parseArxivId } from '../../domain/arxiv-id.ts';
import { SourceError } from '../../domain/errors.ts';
import type { RawPaper } from '../../domain/normalise.ts';
import type { Submitter } from '../../domain/paper.ts';
import type { RawListing, Source, SourceItem } from '../source.ts';

/**
 * Hugging Face Papers API answers: `/api/daily_papers` (a day's listing) and `/api/papers/search`,
 * both a JSON array of `{ paper: { id, title, summary, authors, publishedAt, upvotes, … }, … }`.
 */
export interface HfPapersOptions {
  /**
   * Whether the array is a daily listing. Left out, it is one when any element names who submitted
   * it (`submittedBy`, `paper.submittedOnDailyBy`), as `/api/daily_papers` elements do and search
   * results do not.
   */
  readonly listing?: boolean;
}

type JsonObject = Record<string, unknown>;

/** Throws SourceError when the answer is not a JSON array; a bad element is a `rejected` item. */
export function parseHfPapers(json: string, where: string, options: HfPapersOptions = {}): SourceItem[] {
  const value = parseJson(json, where);
  if (!Array.isArray(value)) {
    const apiError = isObject(value) && typeof value.error === 'string' ? `: "${value.error}"` : '';
    throw new SourceError(where, `expected a JSON array of papers, got ${describe(value)}${apiError}`);
  }
  const listing = options.listing ?? value.some(isDailyEntry);
  return value.map((element, index) => readElement(element, index + 1, `${where}#${index + 1}`, listing));
}

function readElement(element: unknown, position: number, where: string, listing: boolean): SourceItem {
  const reject = (reason: string): SourceItem => ({ kind: 'rejected', where, reason });
  if (!isObject(element)) return reject(`expected an object, got ${describe(element)}`);
  const paper = element.paper;
  if (!isObject(paper)) return reject('no "paper" object');
  const id = text(paper.id);
  if (!id) return reject('no "paper.id"');
  const parsed = parseArxivId(id);
  if (!parsed.ok) return reject(`bad "paper.id": ${parsed.reason}`);

  const raw: RawPaper = {
    id,
    title: text(paper.title) ?? text(element.title),
    abstract: text(paper.summary) ?? text(element.summary),
    // `hidden` only keeps the paper off that author's profile page; they are still an author.
    authors: Array.isArray(paper.authors)
      ? paper.authors.flatMap((author) => (isObject(author) && text(author.name)) || [])
      : null,
    publishedAt: text(paper.publishedAt),
    codeUrls: [
      ...new Set(
        [paper.githubRepo, element.githubRepo, paper.projectPage, element.projectPage].flatMap((url) =>
          typeof url === 'string' && /^https?:\/\//.test(url) ? [url] : [],
        ),
      ),
    ],
  };
  if (!listing) return { kind: 'paper', raw, where };
  return { kind: 'paper', raw, where, listing: readListing(element, paper, position) };
}

function isDailyEntry(element: unknown): boolean {
  return (
    isObject(element) &&
    (isObject(element.submittedBy) || (isObject(element.paper) && isObject(element.paper.submittedOnDailyBy)))
  );
}

function readListing(element: JsonObject, paper: JsonObject, position: number): RawListing {
  return {
    submittedAt: text(element.publishedAt) ?? text(paper.submittedOnDailyAt),
    submittedBy: readSubmitter(element.submittedBy ?? paper.submittedOnDailyBy),
    upvotes: typeof paper.upvotes === 'number' ? paper.upvotes : null,
    position,
    source: 'hf',
  };
}

/** `submittedBy` is a user card: `name` is the username (`user` in some answers), `fullname` the display name. */
function readSubmitter(value: unknown): Submitter | null {
  if (!isObject(value)) return null;
  const username = text(value.user) ?? text(value.name);
  return username ? { username, fullname: text(value.fullname) } : null;
}

export function hfPapersFileSource(file: string, options: HfPapersOptions = {}): Source {
  return {
    name: file,
    cursorKey: null,
    async *read() {
      let json: string;
      try {
        json = await fs.readFile(file, 'utf8');
      } catch (error) {
        throw new SourceError(file, `cannot read: ${(error as Error).message}`, { cause: error });
      }
      yield* parseHfPapers(json, file, options);
    },
  };
}

/** `fetchText` is the caller's HTTP client (polite, rate-limited); it throws on a failed request. */
export function hfPapersUrlSource(
  fetchText: (url: string) => Promise<string>,
  url: string,
  options: HfPapersOptions = {},
): Source {
  return {
    name: url,
    cursorKey: null,
    async *read() {
      yield* parseHfPapers(await fetchText(url), url, options);
    },
  };
}

function parseJson(json: string, where: string): unknown {
  try {
    return JSON.parse(json);
  } catch (error) {
    const message = (error as Error).message;
    throw new SourceError(where, `not valid JSON${locate(json, message)} (${message})`, { cause: error });
  }
}

/** " at line L, column C" when the parser's message gives a position, " at the end" when the text stops short. */
function locate(json: string, message: string): string {
  if (/end of JSON input/i.test(message)) return ' at the end';
  const position = /at position (\d+)/.exec(message)?.[1];
  if (position === undefined) return '';
  const offset = Number(position);
  if (offset >= json.trimEnd().length) return ' at the end';
  const before = json.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return ` at line ${line}, column ${column}`;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
