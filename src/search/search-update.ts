/**
 * What search needs of newly written papers, done after an import rather than inside its transactions
 * (DESIGN: new or changed papers are queued for indexing and embedding): the keyword index (SQLite),
 * key phrases and summaries, then vectors. Each step picks up exactly what is still to do, so a run
 * cut short by a crash is finished by the next one (the next import, or the next start of a server).
 */
import type { KeywordIndexQueue } from './keyword-index-queue.ts';
import type { KeywordStore } from './keyword-store.ts';
import type { MeaningIndex } from './meaning-index.ts';

export type SearchUpdatePhase = 'keyword index' | 'keywords' | 'vectors';

export interface SearchUpdateProgress {
  readonly phase: SearchUpdatePhase;
  readonly done: number;
}

export interface SearchUpdate {
  /** Papers added to the keyword index (SQLite; 0 on PostgreSQL, which indexes as it writes). */
  readonly indexed: number;
  /** Papers given key phrases and a summary. */
  readonly described: number;
  /** Papers embedded (0 while search by meaning is not running). */
  readonly embedded: number;
  readonly seconds: number;
}

export interface SearchUpdateParts {
  readonly queue: KeywordIndexQueue;
  readonly keywords: KeywordStore;
  readonly meaning: MeaningIndex;
}

export async function updateSearch(
  parts: SearchUpdateParts,
  now: Date,
  onProgress?: (progress: SearchUpdateProgress) => void,
): Promise<SearchUpdate> {
  const started = performance.now();
  const indexed = await parts.queue.indexQueued((done) => onProgress?.({ phase: 'keyword index', done }));
  const described = await parts.keywords.describeMissing(now, (done) =>
    onProgress?.({ phase: 'keywords', done }),
  );
  const embedded = await parts.meaning.refresh((p) => onProgress?.({ phase: 'vectors', done: p.done }));
  return { indexed, described, embedded, seconds: (performance.now() - started) / 1000 };
}
