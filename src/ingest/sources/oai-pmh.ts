import fs from 'node:fs/promises';
import { XMLValidator } from 'fast-xml-parser';
import { SourceError } from '../../domain/errors.ts';
import type { RawPaper } from '../../domain/normalise.ts';
import { HttpStatusError, type PoliteHttpClient } from '../http-client.ts';
import type { Source, SourceItem } from '../source.ts';
import { child, children, createXmlParser, integer, isNode, text, type XmlNode } from './xml.ts';

/** One ListRecords or GetRecord answer of arXiv's OAI-PMH interface (export.arxiv.org/oai2). */
export interface OaiPmhPage {
  readonly items: SourceItem[];
  /** Asks for the next page; null when this page is the last. */
  readonly resumptionToken: string | null;
  readonly completeListSize: number | null;
}

export type OaiMetadataPrefix = 'arXiv' | 'arXivRaw' | 'oai_dc';

export interface OaiPmhOptions {
  readonly client: PoliteHttpClient;
  /** The OAI-PMH endpoint, e.g. `https://export.arxiv.org/oai2`. */
  readonly baseUrl: string;
  readonly metadataPrefix: OaiMetadataPrefix;
  /** Datestamps, `YYYY-MM-DD`. */
  readonly from?: string;
  readonly until?: string;
  /** An arXiv set such as `cs` or `physics:hep-th`. */
  readonly set?: string;
  readonly cursorKey: string;
}

const OAI_ID = /^oai:arXiv\.org:(.+)$/;
const ABS_URL = /^https?:\/\/(?:www\.|export\.)?arxiv\.org\/abs\/(.+)$/;
const REPEATED_SUFFIXES = [
  'OAI-PMH.error',
  '.record',
  '.arXiv.authors.author',
  '.arXivRaw.version',
  '.dc.title',
  '.dc.creator',
  '.dc.subject',
  '.dc.description',
  '.dc.date',
  '.dc.identifier',
];

const parser = createXmlParser((path) => REPEATED_SUFFIXES.some((suffix) => path.endsWith(suffix)));

/** Parses one answer; OAI errors throw, except `noRecordsMatch`, which is an empty page. */
export function parseOaiPmh(xml: string, where: string): OaiPmhPage {
  const root = readEnvelope(xml, where);
  const error = oaiErrorOf(root);
  if (error?.code === 'noRecordsMatch') return { items: [], resumptionToken: null, completeListSize: 0 };
  if (error) throw new SourceError(where, describeOaiError(error));
  const list = child(root, 'ListRecords') ?? child(root, 'GetRecord');
  if (!isNode(list)) {
    const verb = Object.keys(root).find(
      (k) => !['responseDate', 'request'].includes(k) && !k.startsWith('@_'),
    );
    throw new SourceError(where, `expected ListRecords or GetRecord, got ${verb ?? 'nothing'}`);
  }
  const items: SourceItem[] = [];
  children(list, 'record').forEach((record, i) => {
    const item = readRecord(record, `${where} record ${i + 1}`);
    if (item) items.push(item);
  });
  const token = child(list, 'resumptionToken');
  return {
    items,
    resumptionToken: text(token),
    completeListSize: integer(child(token, '@_completeListSize')),
  };
}

/**
 * Harvests with ListRecords, following resumption tokens: each token is the cursor of the checkpoint
 * after its page, and a stored token resumes the harvest with `verb=ListRecords&resumptionToken=…`.
 */
export function oaiPmhSource(options: OaiPmhOptions): Source {
  const { client, baseUrl, metadataPrefix } = options;
  const firstUrl = withParams(baseUrl, {
    verb: 'ListRecords',
    metadataPrefix,
    from: options.from,
    until: options.until,
    set: options.set,
  });
  const resumeUrl = (token: string) => withParams(baseUrl, { verb: 'ListRecords', resumptionToken: token });
  return {
    name: `OAI-PMH ${firstUrl}`,
    cursorKey: options.cursorKey,
    async *read(context) {
      let token = context.cursor;
      let url = token === null ? firstUrl : resumeUrl(token);
      for (;;) {
        const page = await fetchPage(client, url, context.signal);
        yield* page.items;
        if (page.resumptionToken === null) {
          // The harvest is complete: clearing the cursor makes the next run start a new one
          // rather than resume from a token the server forgot hours ago.
          yield { kind: 'checkpoint', cursor: null };
          return;
        }
        if (page.resumptionToken === token) {
          throw new SourceError(url, `the server answered with the same resumption token "${token}" again`);
        }
        token = page.resumptionToken;
        yield { kind: 'checkpoint', cursor: token };
        url = resumeUrl(token);
      }
    },
  };
}

/** A saved ListRecords or GetRecord answer. */
export function oaiPmhFileSource(file: string): Source {
  return {
    name: file,
    cursorKey: null,
    async *read() {
      let xml: string;
      try {
        xml = await fs.readFile(file, 'utf8');
      } catch (error) {
        throw new SourceError(file, `cannot read the file (${(error as Error).message})`, { cause: error });
      }
      yield* parseOaiPmh(xml, file).items;
    },
  };
}

async function fetchPage(client: PoliteHttpClient, url: string, signal?: AbortSignal): Promise<OaiPmhPage> {
  let body: string;
  try {
    body = (await client.get(url, signal)).body;
  } catch (error) {
    if (!(error instanceof HttpStatusError)) throw error;
    const oaiError = oaiErrorIn(error.response.body);
    if (oaiError === null) throw error;
    throw new SourceError(url, describeOaiError(oaiError), { status: error.status, cause: error });
  }
  return parseOaiPmh(body, url);
}

function withParams(baseUrl: string, params: Record<string, string | undefined>): string {
  const url = new URL(baseUrl);
  for (const [name, value] of Object.entries(params)) if (value) url.searchParams.set(name, value);
  return url.toString();
}

interface OaiError {
  readonly code: string;
  readonly message: string;
}

function readEnvelope(xml: string, where: string): XmlNode {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    throw new SourceError(where, `not well-formed XML: ${msg} (line ${line}, column ${col})`);
  }
  const document: unknown = parser.parse(xml);
  const root = child(document, 'OAI-PMH');
  if (!isNode(root)) {
    const name = isNode(document) ? Object.keys(document).find((k) => !k.startsWith('?')) : undefined;
    throw new SourceError(where, `not an OAI-PMH response (root element <${name ?? 'none'}>)`);
  }
  return root;
}

function oaiErrorOf(root: XmlNode): OaiError | null {
  const [error] = children(root, 'error');
  if (error === undefined) return null;
  return { code: text(child(error, '@_code')) ?? 'unknown', message: text(error) ?? '' };
}

function oaiErrorIn(body: string): OaiError | null {
  try {
    return oaiErrorOf(readEnvelope(body, ''));
  } catch {
    return null;
  }
}

function describeOaiError({ code, message }: OaiError): string {
  const hint = code === 'badResumptionToken' ? ' (resumption tokens expire; start the harvest again)' : '';
  return `OAI-PMH error ${code}${message ? `: ${message}` : ''}${hint}`;
}

/** A record as a `paper` item, a `rejected` one when unreadable, or null when deleted. */
function readRecord(record: unknown, where: string): SourceItem | null {
  const header = child(record, 'header');
  if (text(child(header, '@_status')) === 'deleted') return null;
  const identifier = text(child(header, 'identifier'));
  const label = identifier === null ? where : `${where} (${identifier})`;
  const metadata = child(record, 'metadata');
  const headerId = identifier === null ? null : (OAI_ID.exec(identifier)?.[1] ?? null);
  let raw: RawPaper | string;
  if (isNode(child(metadata, 'arXivRaw'))) raw = fromArxivRaw(child(metadata, 'arXivRaw'), headerId);
  else if (isNode(child(metadata, 'arXiv'))) raw = fromArxiv(child(metadata, 'arXiv'), headerId);
  else if (isNode(child(metadata, 'dc'))) raw = fromDublinCore(child(metadata, 'dc'), headerId);
  else if (!isNode(metadata)) raw = 'record has no metadata';
  else raw = `unsupported metadata format <${Object.keys(metadata)[0] ?? 'none'}>`;
  return typeof raw === 'string'
    ? { kind: 'rejected', where: label, reason: raw }
    : { kind: 'paper', raw, where: label };
}

/** metadataPrefix=arXiv: structured authors, creation and last-update dates, no version numbers. */
function fromArxiv(node: unknown, headerId: string | null): RawPaper | string {
  const id = text(child(node, 'id')) ?? headerId;
  if (id === null) return 'record has no arXiv id';
  const categories = words(child(node, 'categories'));
  return {
    id,
    title: text(child(node, 'title')),
    abstract: text(child(node, 'abstract')),
    authors: children(child(node, 'authors'), 'author')
      .map((author) =>
        ['forenames', 'keyname', 'suffix']
          .map((part) => text(child(author, part)))
          .filter((part) => part !== null)
          .join(' '),
      )
      .filter((name) => name !== ''),
    // arXiv lists the primary category first.
    primaryCategory: categories[0] ?? null,
    categories,
    publishedAt: text(child(node, 'created')),
    updatedAt: text(child(node, 'updated')) ?? text(child(node, 'created')),
    comment: text(child(node, 'comments')),
    journalRef: text(child(node, 'journal-ref')),
    doi: text(child(node, 'doi')),
    license: text(child(node, 'license')),
  };
}

/** metadataPrefix=arXivRaw: every version with its date and size; title and abstract are the latest. */
function fromArxivRaw(node: unknown, headerId: string | null): RawPaper | string {
  const id = text(child(node, 'id')) ?? headerId;
  if (id === null) return 'record has no arXiv id';
  const categories = words(child(node, 'categories'));
  const versions = children(node, 'version').map((version) => ({
    version: Number(/^v(\d+)$/.exec(text(child(version, '@_version')) ?? '')?.[1] ?? Number.NaN),
    submittedAt: text(child(version, 'date')),
    size: text(child(version, 'size')),
  }));
  if (versions.some((v) => Number.isNaN(v.version))) return 'a <version> has no version="vN" attribute';
  return {
    id,
    title: text(child(node, 'title')),
    abstract: text(child(node, 'abstract')),
    authors: text(child(node, 'authors')),
    primaryCategory: categories[0] ?? null,
    categories,
    comment: text(child(node, 'comments')),
    journalRef: text(child(node, 'journal-ref')),
    doi: text(child(node, 'doi')),
    license: text(child(node, 'license')),
    versions,
  };
}

/**
 * metadataPrefix=oai_dc: the abs URL in dc:identifier, creators as "Last, First", the first and
 * last version dates in dc:date, the abstract and "Comment: …" in dc:description. Its subjects are
 * names ("Computer Science - Information Theory"), not category codes, so no categories are taken.
 */
function fromDublinCore(node: unknown, headerId: string | null): RawPaper | string {
  const identifiers = children(node, 'identifier')
    .map(text)
    .filter((value) => value !== null);
  const id =
    identifiers.map((value) => ABS_URL.exec(value)?.[1]).find((value) => value !== undefined) ?? headerId;
  if (!id) return 'record has no arXiv abs URL in dc:identifier';
  const descriptions = children(node, 'description')
    .map(text)
    .filter((value) => value !== null);
  const comment = descriptions.find((d) => d.startsWith('Comment:'));
  const dates = children(node, 'date')
    .map(text)
    .filter((value) => value !== null);
  const doi = identifiers.find((value) => value.startsWith('doi:'));
  return {
    id,
    title: text(children(node, 'title')[0]),
    abstract: descriptions.find((d) => d !== comment) ?? null,
    authors: children(node, 'creator')
      .map(text)
      .filter((name) => name !== null)
      .map(firstNameFirst),
    publishedAt: dates[0] ?? null,
    updatedAt: dates.at(-1) ?? null,
    comment: comment?.slice('Comment:'.length).trim() ?? null,
    doi: doi?.slice('doi:'.length) ?? null,
  };
}

/** "Liepins, Vilnis" → "Vilnis Liepins"; names with no comma (collaborations) or several stay as they are. */
function firstNameFirst(name: string): string {
  const parts = name.split(',').map((part) => part.trim());
  return parts.length === 2 && parts[0] && parts[1] ? `${parts[1]} ${parts[0]}` : name;
}

function words(value: unknown): string[] {
  return (text(value) ?? '').split(/\s+/).filter((word) => word !== '');
}
