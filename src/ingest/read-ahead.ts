/**
 * Reads a large file source in a worker thread: parsing and normalising its records there, while this
 * thread writes the batches before them, puts both of the machine's cores to work on one import.
 */
import fs from 'node:fs';
import { normaliseRecord } from '../domain/normalise.ts';
import { startTypeScriptWorker } from '../worker/typescript-worker.ts';
import type { Source, SourceContext, SourceFormat, SourceItem } from './source.ts';

/** Files smaller than this are read on the importing thread: starting a worker would cost more. */
export const READ_AHEAD_MIN_BYTES = 4 * 1024 * 1024;

export interface ReadAheadJob {
  readonly file: string;
  readonly format: SourceFormat | 'auto';
  readonly cursor: string | null;
}

/** A source item as the worker hands it on: a record arrives normalised, anything else as it was. */
export function normalisedItem(item: SourceItem): SourceItem {
  if (item.kind !== 'paper') return item;
  return {
    kind: 'normalised',
    result: normaliseRecord(item.raw),
    where: item.where,
    ...(item.listing ? { listing: item.listing } : {}),
  };
}

export type ReadAheadMessage =
  | { readonly kind: 'items'; readonly items: SourceItem[] }
  | { readonly kind: 'done' }
  | { readonly kind: 'error'; readonly message: string };

/**
 * `source` (opened from `file` by openFileSource) read ahead in a worker thread when the file is large;
 * the same records, rejections and checkpoints in the same order either way.
 */
export function readAhead(source: Source, file: string, format: SourceFormat | 'auto'): Source {
  const stat = fs.statSync(file);
  if (!stat.isFile() || stat.size < READ_AHEAD_MIN_BYTES) return source;
  return {
    name: source.name,
    cursorKey: source.cursorKey,
    read: (context) => readInWorker({ file, format, cursor: context.cursor }, context),
  };
}

async function* readInWorker(job: ReadAheadJob, context: SourceContext): AsyncGenerator<SourceItem> {
  const worker = startTypeScriptWorker(new URL('./read-ahead-worker.ts', import.meta.url), job);
  const inbox: (ReadAheadMessage | { kind: 'exit'; code: number })[] = [];
  let arrived: (() => void) | null = null;
  const receive = (message: (typeof inbox)[number]) => {
    inbox.push(message);
    arrived?.();
  };
  worker.on('message', receive);
  worker.on('error', (error) => receive({ kind: 'error', message: error.message }));
  worker.on('exit', (code) => receive({ kind: 'exit', code }));
  try {
    for (;;) {
      while (inbox.length === 0) {
        await new Promise<void>((resolve) => {
          arrived = resolve;
        });
        arrived = null;
      }
      context.signal?.throwIfAborted();
      const message = inbox.shift()!;
      switch (message.kind) {
        case 'items':
          // Ask for the next chunk before this one is written, so the worker reads while we write.
          worker.postMessage('more');
          yield* message.items;
          break;
        case 'done':
          return;
        case 'error':
          throw new Error(message.message);
        case 'exit':
          throw new Error(`reading ${job.file} stopped (worker exit code ${message.code})`);
      }
    }
  } finally {
    await worker.terminate();
  }
}
