/** What the ingest benchmark asks its worker process to do, and what the worker measures. */

export type IngestJob =
  | {
      /** The real pipeline: importInput → normaliseRecord → StoreSink.writeBatch, then updateAppSearch. */
      readonly kind: 'pipeline';
      readonly corpus: string;
      readonly dbFile: string;
      /** False re-imports into the store a previous job left. */
      readonly fresh: boolean;
      readonly batchSize: number;
    }
  | {
      /** The hand-written floor: JSON.parse per line, raw better-sqlite3 prepared statements. */
      readonly kind: 'raw';
      readonly corpus: string;
      readonly dbFile: string;
      readonly batchSize: number;
    };

export interface IngestRun {
  readonly read: number;
  readonly new: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
  /** Wall time of the import alone (opening and migrating the store excluded). */
  readonly seconds: number;
  /** CPU time of the worker over the import (user + system): steadier than wall time on a busy machine. */
  readonly cpuSeconds: number;
  /**
   * CPU time of the importing (main) thread alone, where Linux tells it; the rest of cpuSeconds is the
   * read-ahead worker thread, SQLite and V8's helper threads.
   */
  readonly mainThreadCpuSeconds: number | null;
  /** RSS of the worker before the import started, and the most it ever held. */
  readonly baselineRssBytes: number;
  readonly peakRssBytes: number;
  /** The database file with its WAL, after the store was closed. */
  readonly dbBytes: number;
  /** The pipeline only: the queued search work after the import (keyword index, key phrases, summaries). */
  readonly search: SearchCatchUp | null;
}

export interface SearchCatchUp {
  readonly indexed: number;
  readonly described: number;
  readonly seconds: number;
  readonly cpuSeconds: number;
}
