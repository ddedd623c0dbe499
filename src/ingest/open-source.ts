import fs from 'node:fs';
import path from 'node:path';
import { BadRequestError } from '../domain/errors.ts';
import { detectFormat } from './detect-format.ts';
import { SOURCE_FORMATS, type Source, type SourceFormat } from './source.ts';
import { jsonlSource } from './sources/jsonl.ts';

const HEAD_BYTES = 4096;

/** Picks the source for a file or directory, from `--format` or from its content. */
export function openFileSource(input: string, format: SourceFormat | 'auto' = 'auto'): Source {
  if (format !== 'auto' && !SOURCE_FORMATS.includes(format)) {
    throw new BadRequestError(`unknown format "${format}" (one of: auto, ${SOURCE_FORMATS.join(', ')})`);
  }
  let stat: fs.Stats;
  try {
    stat = fs.statSync(input);
  } catch {
    throw new BadRequestError(`${input}: no such file or directory`);
  }
  const chosen = format === 'auto' ? (stat.isDirectory() ? 'abs' : detectFileFormat(input)) : format;
  switch (chosen) {
    case 'jsonl':
      return jsonlSource(input, path.relative(process.cwd(), input) || input);
    default:
      throw new BadRequestError(`${input}: the ${chosen} format is not supported yet`);
  }
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
