import fs from 'node:fs/promises';
import path from 'node:path';
import { SourceError } from '../../domain/errors.ts';
import { type RawPaper, toIsoDate } from '../../domain/normalise.ts';
import type { Source, SourceItem } from '../source.ts';

/**
 * arXiv's internal `.abs` metadata files, one paper per file:
 *
 * ```
 * ------------------------------------------------------------------------------
 * \\
 * arXiv:0704.0001
 * From: …
 * Date: Mon, 2 Apr 2007 19:18:42 GMT   (443kb)
 * Date (revised v2): Tue, 24 Jul 2007 20:10:27 GMT   (370kb)
 *
 * Title: … (continuation lines are indented)
 * Authors: …
 * Categories: hep-ph
 * \\
 *   the abstract
 * \\
 * ```
 */

/** Larger than any real `.abs` file by far; anything bigger is rejected unread. */
const MAX_FILE_BYTES = 2_000_000;
const READ_AHEAD = 16;
const SEPARATOR = '\\\\';
const FIELD_LINE = /^([A-Za-z][\w-]*(?: \(revised v\d+\))?):\s*(.*)$/;
const REVISED = /^Date \(revised v(\d+)\)$/;
const DATE_AND_SIZE = /^(.*?)\s*\((\d+)kb(?:,[A-Za-z]*)?\)$/;
// arXiv writes "LHCb Collaboration: R. Aaij, …"; the collaboration is a name of its own.
const COLLABORATION_COLON = /\b(collaborations?)\s*:/gi;

interface HeaderField {
  readonly name: string;
  value: string;
}

export function parseAbs(text: string, where: string): SourceItem {
  const reject = (reason: string): SourceItem => ({ kind: 'rejected', where, reason });
  if (text.trim() === '') return reject('empty file');

  const lines = text.split(/\r?\n/);
  const separators: number[] = [];
  lines.forEach((line, n) => {
    if (line.trimEnd() === SEPARATOR) separators.push(n);
  });
  const [headerStart, headerEnd] = separators;
  if (headerStart === undefined) return reject('no "\\\\" line: not an arXiv .abs file');
  if (headerEnd === undefined) return reject('truncated: no "\\\\" line after the header');
  // An abstract may hold `\\` lines of its own (LaTeX line breaks), so the abstract runs to the
  // last one, and that last one must end the file.
  const abstractEnd = separators.at(-1) ?? headerEnd;
  const endsWithSeparator = lines.slice(abstractEnd + 1).every((line) => line.trim() === '');
  if (abstractEnd === headerEnd || !endsWithSeparator) {
    return reject('truncated: no closing "\\\\" line after the abstract');
  }

  const fields = readHeader(lines.slice(headerStart + 1, headerEnd));
  const field = (name: string) => fields.find((f) => f.name === name)?.value ?? null;
  const id = field('arXiv');
  if (!id) return reject('no "arXiv:" line with the paper id');
  const title = field('Title');
  if (!title) return reject(`${id}: no "Title:" line`);
  const authors = field('Authors');
  if (!authors) return reject(`${id}: no "Authors:" line`);

  const versions: { version: number; submittedAt: string; size: string | null }[] = [];
  for (const { name, value } of fields) {
    const version = versionOfDateField(name);
    if (version === null) continue;
    const [, date = value, kilobytes] = DATE_AND_SIZE.exec(value) ?? [];
    const submittedAt = toIsoDate(date);
    if (submittedAt === null) return reject(`${id}: unreadable date in "${name}: ${value}"`);
    versions.push({ version, submittedAt, size: kilobytes === undefined ? null : `${kilobytes}kb` });
  }
  if (versions.length === 0) return reject(`${id}: no "Date:" line`);
  versions.sort((a, b) => a.version - b.version);

  const categories = field('Categories')?.split(/\s+/).filter(Boolean) ?? [];
  const raw: RawPaper = {
    id,
    title,
    abstract: lines.slice(headerEnd + 1, abstractEnd).join('\n'),
    authors: authors.replace(COLLABORATION_COLON, '$1,'),
    primaryCategory: categories[0] ?? null,
    categories,
    publishedAt: versions.find((v) => v.version === 1)?.submittedAt ?? null,
    updatedAt: versions.at(-1)?.submittedAt ?? null,
    comment: field('Comments'),
    journalRef: field('Journal-ref'),
    doi: field('DOI'),
    license: field('License'),
    versions,
  };
  return { kind: 'paper', raw, where };
}

/** `Date:` is v1; `Date (revised vN):` is vN; any other field is not a version. */
function versionOfDateField(name: string): number | null {
  if (name === 'Date') return 1;
  const revised = REVISED.exec(name)?.[1];
  return revised === undefined ? null : Number(revised);
}

/** `Name: value` lines; an indented line continues the field above it. */
function readHeader(lines: readonly string[]): HeaderField[] {
  const fields: HeaderField[] = [];
  for (const line of lines) {
    if (line.trim() === '') continue;
    const match = /^\s/.test(line) ? null : FIELD_LINE.exec(line);
    const last = fields.at(-1);
    if (match) fields.push({ name: match[1] ?? '', value: (match[2] ?? '').trim() });
    else if (last) last.value = `${last.value} ${line.trim()}`.trim();
  }
  return fields;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** `.abs` files are UTF-8 or, the older ones, latin1: UTF-8 when the bytes are valid UTF-8. */
export function decodeAbsBytes(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  }
}

/** One `.abs` file, or every `*.abs` file under a directory in sorted path order. */
export function absSource(pathOrDir: string): Source {
  return {
    name: pathOrDir,
    cursorKey: null,
    async *read(context) {
      const files = (await absFiles(pathOrDir)).values();
      // A few files are read ahead, and still yielded in order, so the disk stays busy meanwhile.
      const reading: Promise<SourceItem>[] = [];
      const readNext = () => {
        const file = files.next();
        if (!file.done) reading.push(readAbsFile(file.value));
      };
      for (let n = 0; n < READ_AHEAD; n++) readNext();
      for (let item = reading.shift(); item; item = reading.shift()) {
        readNext();
        context.signal?.throwIfAborted();
        yield await item;
      }
    },
  };
}

async function absFiles(pathOrDir: string): Promise<string[]> {
  let stats: Awaited<ReturnType<typeof fs.stat>>;
  try {
    stats = await fs.stat(pathOrDir);
  } catch (error) {
    throw new SourceError(pathOrDir, `cannot read: ${(error as Error).message}`, { cause: error });
  }
  if (!stats.isDirectory()) return [pathOrDir];
  const files: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      const entryPath = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(entryPath);
      else if (entry.isFile() && entry.name.endsWith('.abs')) files.push(entryPath);
    }
  };
  await walk(pathOrDir);
  return files.sort();
}

/** Never throws: a file that cannot be read is a rejected record, and the rest are still read. */
async function readAbsFile(file: string): Promise<SourceItem> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(file);
    const { size } = await handle.stat();
    if (size > MAX_FILE_BYTES) {
      return { kind: 'rejected', where: file, reason: `larger than ${MAX_FILE_BYTES} bytes (${size})` };
    }
    return parseAbs(decodeAbsBytes(await handle.readFile()), file);
  } catch (error) {
    return { kind: 'rejected', where: file, reason: `cannot read: ${(error as Error).message}` };
  } finally {
    await handle?.close();
  }
}
