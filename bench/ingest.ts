/**
 * Ingest benchmark: the corpus through the real pipeline into a fresh SQLite store, the same file again
 * (idempotent: all unchanged), and the hand-written floor beside them. Each run in a worker of its own.
 */
import path from 'node:path';
import { DEFAULT_BATCH_SIZE } from '../src/ingest/ingest.ts';
import { Child } from './child.ts';
import type { IngestJob, IngestRun } from './ingest-protocol.ts';

/** Papers per transaction, for the pipeline (its default) and the floor alike. */
export const BATCH_SIZE = DEFAULT_BATCH_SIZE;

export interface IngestMeasure extends IngestRun {
  readonly papersPerSecond: number;
}

export interface IngestFigures {
  readonly firstImport: IngestMeasure;
  readonly reimport: IngestMeasure;
  readonly rawFloor: IngestMeasure;
  /** The first import's rate as a share of the floor's. */
  readonly ratioToFloor: number;
}

const worker = path.join(import.meta.dirname, 'ingest-worker.ts');

export async function benchIngest(corpus: string, workDir: string): Promise<IngestFigures> {
  const dbFile = path.join(workDir, 'ingest.db');
  const firstImport = await runJob({ kind: 'pipeline', corpus, dbFile, fresh: true, batchSize: BATCH_SIZE });
  const reimport = await runJob({ kind: 'pipeline', corpus, dbFile, fresh: false, batchSize: BATCH_SIZE });
  const rawFloor = await runJob({
    kind: 'raw',
    corpus,
    dbFile: path.join(workDir, 'raw.db'),
    batchSize: BATCH_SIZE,
  });
  return {
    firstImport,
    reimport,
    rawFloor,
    ratioToFloor: firstImport.papersPerSecond / rawFloor.papersPerSecond,
  };
}

async function runJob(job: IngestJob): Promise<IngestMeasure> {
  const label = job.kind === 'raw' ? 'raw better-sqlite3 floor' : job.fresh ? 'first import' : 're-import';
  console.log(`  ingest: ${label}…`);
  const child = Child.start<IngestJob, IngestRun>(worker);
  try {
    const run = await child.ask(job);
    return { ...run, papersPerSecond: run.read / run.seconds };
  } finally {
    await child.close();
  }
}
