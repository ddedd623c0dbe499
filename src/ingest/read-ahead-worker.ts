/**
 * The worker thread behind read-ahead.ts: reads a file source and normalises its records, and hands
 * them to the importing thread in chunks, at most a few chunks ahead of it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openFileSource } from './open-source.ts';
import { normalisedItem, type ReadAheadJob, type ReadAheadMessage } from './read-ahead.ts';
import type { SourceItem } from './source.ts';

/** Items per message: large enough that posting costs little per item. */
const CHUNK_ITEMS = 500;
/**
 * Chunks sent and not yet taken: bounds the memory a fast reader fills ahead of a slow writer (some
 * 25 MB of records). It must exceed a batch (DEFAULT_BATCH_SIZE, 5,000) by a margin, or the reader
 * would stop while each batch is written and the two threads take turns instead of working at once.
 */
const CHUNKS_AHEAD = 20;

const port = parentPort!;
const job = (workerData as { data: ReadAheadJob }).data;
let credits = CHUNKS_AHEAD;
let creditArrived: (() => void) | null = null;
port.on('message', () => {
  credits++;
  creditArrived?.();
});

const post = (message: ReadAheadMessage) => port.postMessage(message);

async function send(items: SourceItem[]): Promise<void> {
  while (credits === 0) {
    await new Promise<void>((resolve) => {
      creditArrived = resolve;
    });
    creditArrived = null;
  }
  credits--;
  post({ kind: 'items', items });
}

try {
  const source = openFileSource(job.file, job.format);
  let chunk: SourceItem[] = [];
  for await (const item of source.read({ cursor: job.cursor })) {
    chunk.push(normalisedItem(item));
    if (chunk.length >= CHUNK_ITEMS) {
      await send(chunk);
      chunk = [];
    }
  }
  if (chunk.length > 0) await send(chunk);
  post({ kind: 'done' });
} catch (error) {
  post({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
}
