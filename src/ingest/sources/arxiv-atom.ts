import fs from 'node:fs/promises';
import { XMLValidator } from 'fast-xml-parser';
import { ConfigError, SourceError } from '../../domain/errors.ts';
import type { RawPaper } from '../../domain/normalise.ts';
import { HttpStatusError, type PoliteHttpClient } from '../http-client.ts';
import type { Source, SourceItem } from '../source.ts';
import { child, children, createXmlParser, integer, isNode, text, type XmlNode } from './xml.ts';

/** One page of the arXiv API (export.arxiv.org/api/query), 2016 and 2026 generations alike. */
export interface ArxivFeedPage {
  readonly totalResults: number | null;
  readonly startIndex: number | null;
  readonly itemsPerPage: number | null;
  readonly items: SourceItem[];
}

export interface ArxivApiOptions {
  readonly client: PoliteHttpClient;
  /** The query endpoint, e.g. `https://export.arxiv.org/api/query`. */
  readonly apiUrl: string;
  readonly query?: string;
  readonly ids?: readonly string[];
  /** Entries asked for per request; default 100, at most 2000 (the API's limit). */
  readonly pageSize?: number;
  /** Stops before this result index (counted from the query's first result, so a resumed run stops there too). */
  readonly maxResults?: number;
  /** Where the next `start` is stored while a run is unfinished; default derived from the query, null for none. */
  readonly cursorKey?: string | null;
}

export type ArxivPagingOptions = Pick<ArxivApiOptions, 'pageSize' | 'maxResults' | 'cursorKey'>;

const MAX_PAGE_SIZE = 2000;
const ENTRY_ID = /^https?:\/\/(?:www\.|export\.)?arxiv\.org\/abs\/(.+)$/;
const VERSION = /v(\d+)$/;
const ERROR_ID = /\/api\/errors(?:#|$)/;
const REPEATED = new Set(['feed.entry', 'feed.entry.author', 'feed.entry.link', 'feed.entry.category']);

const parser = createXmlParser((path) => REPEATED.has(path));

/** Parses one Atom page; an API error feed throws, an unreadable entry becomes a `rejected` item. */
export function parseArxivAtom(xml: string, where: string): ArxivFeedPage {
  const feed = readFeed(xml, where);
  const apiError = apiErrorOf(feed);
  if (apiError !== null) throw new SourceError(where, `arXiv API error: ${apiError}`);
  return {
    totalResults: integer(child(feed, 'totalResults')),
    startIndex: integer(child(feed, 'startIndex')),
    itemsPerPage: integer(child(feed, 'itemsPerPage')),
    items: children(feed, 'entry').map((entry, i) => readEntry(entry, `${where} entry ${i + 1}`)),
  };
}

/** Searches the API (`query`, arXiv's search_query syntax) or looks up `ids`, page by page. */
export function arxivApiSource(options: ArxivApiOptions): Source {
  const params = new URLSearchParams();
  if (options.query) params.set('search_query', options.query);
  if (options.ids && options.ids.length > 0) params.set('id_list', options.ids.join(','));
  if (params.size === 0) throw new ConfigError('an arXiv API source needs a query or a list of ids');
  return pagedApiSource(options.client, options.apiUrl, params, options);
}

/** Pages through an API URL as the user pasted it: its query kept, its start and max_results replaced. */
export function arxivApiUrlSource(
  client: PoliteHttpClient,
  url: string,
  options: ArxivPagingOptions = {},
): Source {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(`not a URL: ${url}`);
  }
  const params = new URLSearchParams(parsed.searchParams);
  params.delete('start');
  params.delete('max_results');
  if (!params.get('search_query') && !params.get('id_list')) {
    throw new ConfigError(`${url}: an arXiv API URL needs search_query or id_list`);
  }
  return pagedApiSource(client, `${parsed.origin}${parsed.pathname}`, params, options);
}

/** A saved API answer: raw Atom XML, or the recorded `{"url","status_code","body"}` wrapper. */
export function arxivAtomFileSource(file: string): Source {
  return {
    name: file,
    cursorKey: null,
    async *read() {
      const text = await readText(file);
      const xml = text.trimStart().startsWith('{') ? unwrapRecording(text, file) : text;
      yield* parseArxivAtom(xml, file).items;
    },
  };
}

function pagedApiSource(
  client: PoliteHttpClient,
  apiUrl: string,
  params: URLSearchParams,
  options: ArxivPagingOptions,
): Source {
  const pageSize = options.pageSize ?? 100;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new ConfigError(
      `arXiv API page size must be a whole number from 1 to ${MAX_PAGE_SIZE}, not ${pageSize}`,
    );
  }
  const { maxResults } = options;
  const query = new URLSearchParams(params);
  query.sort();
  const name = `arXiv API (${query})`;
  return {
    name,
    cursorKey: options.cursorKey === undefined ? `arxiv-api:${query}` : options.cursorKey,
    async *read(context) {
      let start = startFromCursor(context.cursor, name);
      for (;;) {
        const size = maxResults === undefined ? pageSize : Math.min(pageSize, maxResults - start);
        if (size <= 0) {
          yield { kind: 'checkpoint', cursor: null };
          return;
        }
        const url = new URL(apiUrl);
        url.search = new URLSearchParams([
          ...params,
          ['start', String(start)],
          ['max_results', String(size)],
        ]).toString();
        const page = await fetchPage(client, url.toString(), context.signal);
        yield* page.items;
        // Advance by what came back: the API sometimes returns short pages, and overlap is harmless.
        start += page.items.length;
        const empty = page.items.length === 0;
        const finished =
          (page.totalResults !== null && start >= page.totalResults) ||
          (maxResults !== undefined && start >= maxResults) ||
          (empty && page.totalResults === null);
        // A finished run clears the cursor, so the next run of the query starts from its first result.
        // An empty page short of totalResults (a known API hiccup) stops the run but keeps the cursor.
        yield { kind: 'checkpoint', cursor: finished ? null : String(start) };
        if (finished || empty) return;
      }
    },
  };
}

async function fetchPage(
  client: PoliteHttpClient,
  url: string,
  signal?: AbortSignal,
): Promise<ArxivFeedPage> {
  let body: string;
  try {
    body = (await client.get(url, signal)).body;
  } catch (error) {
    // The API explains a bad request (HTTP 400) in an Atom error feed; its words beat the status line.
    if (!(error instanceof HttpStatusError)) throw error;
    const apiError = apiErrorIn(error.response.body);
    if (apiError === null) throw error;
    throw new SourceError(url, `arXiv API error: ${apiError}`, { status: error.status, cause: error });
  }
  return parseArxivAtom(body, url);
}

function startFromCursor(cursor: string | null, name: string): number {
  if (cursor === null) return 0;
  if (!/^\d+$/.test(cursor))
    throw new SourceError(name, `the stored cursor "${cursor}" is not a start offset`);
  return Number(cursor);
}

function readFeed(xml: string, where: string): XmlNode {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    throw new SourceError(where, `not well-formed XML: ${msg} (line ${line}, column ${col})`);
  }
  const document: unknown = parser.parse(xml);
  const feed = child(document, 'feed');
  if (!isNode(feed)) {
    const root = isNode(document) ? Object.keys(document).find((k) => !k.startsWith('?')) : undefined;
    throw new SourceError(where, `not an Atom feed (root element <${root ?? 'none'}>)`);
  }
  return feed;
}

/** The message of the API's error entry (`<id>…/api/errors#…</id>`), or null when the feed has none. */
function apiErrorOf(feed: XmlNode): string | null {
  for (const entry of children(feed, 'entry')) {
    if (ERROR_ID.test(text(child(entry, 'id')) ?? '')) {
      return text(child(entry, 'summary')) ?? 'unspecified error';
    }
  }
  return null;
}

function apiErrorIn(body: string): string | null {
  try {
    return apiErrorOf(readFeed(body, ''));
  } catch {
    return null;
  }
}

function readEntry(entry: unknown, where: string): SourceItem {
  const idUrl = text(child(entry, 'id'));
  if (idUrl === null) return { kind: 'rejected', where, reason: 'entry has no <id>' };
  const id = ENTRY_ID.exec(idUrl)?.[1];
  if (id === undefined)
    return { kind: 'rejected', where, reason: `entry id ${idUrl} is not an arXiv abs URL` };
  const publishedAt = text(child(entry, 'published'));
  const updatedAt = text(child(entry, 'updated'));
  const raw: RawPaper = {
    id,
    title: text(child(entry, 'title')),
    abstract: text(child(entry, 'summary')),
    authors: children(entry, 'author')
      .map((author) => text(child(author, 'name')))
      .filter((name) => name !== null),
    primaryCategory: text(child(child(entry, 'primary_category'), '@_term')),
    categories: children(entry, 'category')
      .map((category) => text(child(category, '@_term')))
      .filter((term) => term !== null),
    publishedAt,
    updatedAt,
    comment: text(child(entry, 'comment')),
    journalRef: text(child(entry, 'journal_ref')),
    doi: text(child(entry, 'doi')),
    versions: versionsOf(id, publishedAt, updatedAt),
  };
  return { kind: 'paper', raw, where: `${where} (${id})` };
}

/** The entry describes its latest version, updated then; `published` is when v1 appeared. */
function versionsOf(id: string, publishedAt: string | null, updatedAt: string | null): RawPaper['versions'] {
  const match = VERSION.exec(id);
  if (!match) return null;
  const version = Number(match[1]);
  const latest = { version, submittedAt: updatedAt };
  return version > 1 ? [{ version: 1, submittedAt: publishedAt }, latest] : [latest];
}

function unwrapRecording(json: string, file: string): string {
  let recording: unknown;
  try {
    recording = JSON.parse(json);
  } catch (error) {
    throw new SourceError(file, `not valid JSON (${(error as Error).message})`);
  }
  const body = child(recording, 'body');
  if (typeof body !== 'string') throw new SourceError(file, 'expected a recording with a "body" string');
  const status = child(recording, 'status_code');
  if (typeof status === 'number' && (status < 200 || status > 299)) {
    const url = text(child(recording, 'url')) ?? 'the arXiv API';
    const apiError = apiErrorIn(body);
    const why = apiError === null ? '' : `: arXiv API error: ${apiError}`;
    throw new SourceError(file, `recorded HTTP ${status} from ${url}${why}`, { status });
  }
  return body;
}

async function readText(file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new SourceError(file, `cannot read the file (${(error as Error).message})`, { cause: error });
  }
}
