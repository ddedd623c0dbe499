/**
 * Builds an HNSW graph on a worker thread: at a million papers the inserts take minutes, and a server
 * keeps answering meanwhile. The worker reads the vectors from shared memory and hands the graph back
 * through a temporary file (usearch saves and loads only files), which this thread loads in seconds.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startTypeScriptWorker } from '../worker/typescript-worker.ts';
import { type GraphSettings, HnswGraph } from './vector-hnsw-graph.ts';

export interface GraphJob {
  readonly dimension: number;
  readonly settings: GraphSettings;
  /** Every vector, `dimension` values per slot, in memory shared with the worker (not copied). */
  readonly vectors: Float32Array;
  /** The slots to insert, in this order. */
  readonly slots: Int32Array;
  /** The file the worker saves the graph to. */
  readonly path: string;
}

export type GraphWorkerMessage = { kind: 'progress'; done: number } | { kind: 'saved' };

export async function buildGraphInWorker(
  job: Omit<GraphJob, 'path'>,
  onProgress?: (done: number) => void,
): Promise<HnswGraph> {
  if (!(job.vectors.buffer instanceof SharedArrayBuffer)) {
    throw new Error('the graph worker reads vectors from a SharedArrayBuffer');
  }
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'paperpulse-graph-'));
  const file = path.join(dir, 'graph.usearch');
  try {
    const worker = startTypeScriptWorker(new URL('./vector-graph-worker.ts', import.meta.url), {
      ...job,
      path: file,
    });
    await new Promise<void>((resolve, reject) => {
      worker.on('message', (message: GraphWorkerMessage) => {
        if (message.kind === 'saved') resolve();
        else onProgress?.(message.done);
      });
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the graph worker stopped (exit code ${code})`)));
    }).finally(() => worker.terminate());
    return HnswGraph.load(job.dimension, job.settings, file);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
