import fs from 'node:fs';
import path from 'node:path';
import { BadRequestError } from '../domain/errors.ts';
import { detectFormat } from './detect-format.ts';
import type { PoliteHttpClient } from './http-client.ts';
import { readAhead } from './read-ahead.ts';
import { SOURCE_FORMATS, type Source, type SourceFormat } from './source.ts';
import { absSource } from './sources/abs.ts';
import { arxivApiUrlSource, arxivAtomFileSource } from './sources/arxiv-atom.ts';
import { hfPapersFileSource, hfPapersUrlSource } from './sources/hf-daily.ts';
import { jsonlSource } from './sources/jsonl.ts';
import { type OaiMetadataPrefix, oaiPmhFileSource, oaiPmhSource } from './sources/oai-pmh.ts';

const HEAD_BYTES = 4096;

/** Picks the source for a file, a directory or a URL, from `--format` or from what the input looks like. */
export function openSource(input: string, format: SourceFormat | 'auto', client: PoliteHttpClient): Source {
  if (format !== 'auto' && !SOURCE_FORMATS.includes(format)) {
    throw new BadRequestError(`unknown format "${format}" (one of: auto, ${SOURCE_FORMATS.join(', ')})`);
  }
  return /^https?:\/\//i.test(input)
    ? openUrlSource(input, format, client)
    : readAhead(openFileSource(input, format), input, format);
}

export function openFileSource(input: string, format: SourceFormat | 'auto' = 'auto'): Source {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(input);
  } catch {
    throw new BadRequestError(`${input}: no such file or directory`);
  }
  if (stat.isDirectory()) {
    if (format !== 'auto' && format !== 'abs')
      throw new BadRequestError(`${input}: only .abs files are read from a directory`);
    return absSource(input);
  }
  const label = path.relative(process.cwd(), input) || input;
  switch (format === 'auto' ? detectFileFormat(input) : format) {
    case 'jsonl':
      return jsonlSource(input, label);
    case 'hf-daily':
      return hfPapersFileSource(input);
    case 'arxiv-atom':
      return arxivAtomFileSource(input);
    case 'oai-pmh':
      return oaiPmhFileSource(input);
    case 'abs':
      return absSource(input);
  }
}

/**
 * A URL: the arXiv API (paged), an OAI-PMH ListRecords request (harvested with resumption tokens),
 * or the Hugging Face papers API. Only what an operator typed is fetched.
 */
function openUrlSource(input: string, format: SourceFormat | 'auto', client: PoliteHttpClient): Source {
  const url = new URL(input);
  const chosen = format === 'auto' ? urlFormat(url) : format;
  switch (chosen) {
    case 'arxiv-atom':
      return arxivApiUrlSource(client, input);
    case 'oai-pmh': {
      const prefix = url.searchParams.get('metadataPrefix') ?? 'arXiv';
      if (!['arXiv', 'arXivRaw', 'oai_dc'].includes(prefix)) {
        throw new BadRequestError(`${input}: metadataPrefix must be arXiv, arXivRaw or oai_dc`);
      }
      const from = url.searchParams.get('from');
      const until = url.searchParams.get('until');
      const set = url.searchParams.get('set');
      return oaiPmhSource({
        client,
        baseUrl: `${url.origin}${url.pathname}`,
        metadataPrefix: prefix as OaiMetadataPrefix,
        ...(from ? { from } : {}),
        ...(until ? { until } : {}),
        ...(set ? { set } : {}),
        cursorKey: `oai:${url.origin}${url.pathname}:${prefix}:${set ?? ''}:${from ?? ''}:${until ?? ''}`,
      });
    }
    case 'hf-daily':
      return hfPapersUrlSource(async (u) => (await client.get(u)).body, input);
    default:
      throw new BadRequestError(
        `${input}: cannot tell what this URL serves; give --format (arxiv-atom, oai-pmh, hf-daily)`,
      );
  }
}

function urlFormat(url: URL): SourceFormat | null {
  if (url.searchParams.has('verb') || /\/oai2?\/?$/i.test(url.pathname)) return 'oai-pmh';
  if (/\/api\/query\/?$/.test(url.pathname)) return 'arxiv-atom';
  if (/\/api\/(daily_papers|papers)/.test(url.pathname)) return 'hf-daily';
  return null;
}

function detectFileFormat(file: string): SourceFormat {
  const fd = fs.openSync(file, 'r');
  const buffer = Buffer.alloc(HEAD_BYTES);
  const read = fs.readSync(fd, buffer, 0, HEAD_BYTES, 0);
  fs.closeSync(fd);
  if (read === 0) throw new BadRequestError(`${file}: the file is empty`);
  const format = detectFormat(buffer.subarray(0, read).toString('utf8'));
  if (!format) {
    throw new BadRequestError(
      `${file}: cannot tell the format from its content; give --format (${SOURCE_FORMATS.join(', ')})`,
    );
  }
  return format;
}
