/**
 * The .eml outbox as admins browse it: file names newest first, a page at a time, and one file's text.
 * Only names the outbox itself writes (`<ISO time>_<message id>.eml`, see src/mail/outbox-transport.ts)
 * are ever opened, so no request can name another path.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { NotFoundError } from '../domain/errors.ts';
import { type EmlSummary, summariseEml } from './eml-headers.ts';

const OUTBOX_NAME = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z_[A-Za-z0-9._-]{1,80}\.eml$/;
/** Enough of a file for its headers. */
const HEAD_BYTES = 16 * 1024;
/** The most of one message the page shows. */
export const MAX_SHOWN_BYTES = 1024 * 1024;

export interface OutboxEntry extends EmlSummary {
  readonly file: string;
}

export interface OutboxPage {
  readonly entries: readonly OutboxEntry[];
  readonly page: number;
  readonly pages: number;
  readonly total: number;
}

export function isOutboxName(name: string): boolean {
  return OUTBOX_NAME.test(name) && path.basename(name) === name;
}

export class OutboxFiles {
  constructor(
    private readonly dir: string,
    private readonly perPage = 50,
  ) {}

  /** One page (1 first) of the outbox, newest first: the names start with the time they were written. */
  async page(page: number): Promise<OutboxPage> {
    const names = (await this.names()).sort().reverse();
    const pages = Math.max(1, Math.ceil(names.length / this.perPage));
    const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
    const shown = names.slice((current - 1) * this.perPage, current * this.perPage);
    const entries = await Promise.all(
      shown.map(async (file) => ({ file, ...summariseEml(await this.head(file)) })),
    );
    return { entries, page: current, pages, total: names.length };
  }

  /** One message's source, cut at MAX_SHOWN_BYTES; 404 for any name the outbox would not write. */
  async read(file: string): Promise<{ text: string; cut: boolean; summary: EmlSummary }> {
    if (!isOutboxName(file)) throw new NotFoundError('There is no such message in the outbox.');
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(path.join(this.dir, file), 'r');
    } catch {
      throw new NotFoundError('There is no such message in the outbox.');
    }
    try {
      const buffer = Buffer.alloc(MAX_SHOWN_BYTES + 1);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      const text = buffer.subarray(0, Math.min(bytesRead, MAX_SHOWN_BYTES)).toString('utf8');
      return { text, cut: bytesRead > MAX_SHOWN_BYTES, summary: summariseEml(text) };
    } finally {
      await handle.close();
    }
  }

  private async names(): Promise<string[]> {
    try {
      return (await fs.readdir(this.dir)).filter(isOutboxName);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  private async head(file: string): Promise<string> {
    const handle = await fs.open(path.join(this.dir, file), 'r');
    try {
      const buffer = Buffer.alloc(HEAD_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
      return buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
  }
}
