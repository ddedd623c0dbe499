/**
 * What search needs of newly written papers, done after an import rather than inside its transactions
 * (DESIGN: new or changed papers are queued for indexing and embedding): the keyword index (SQLite),
 * key phrases and summaries, vectors, then the summaries a chat model writes when one is configured
 * (last: the slowest step, and nothing else waits for it). Each step picks up exactly what is still to
 * do, so a run cut short by a crash is finished by the next one (the next import, or the next start of
 * a server).
 */
import type { KeywordIndexQueue } from './keyword-index-queue.ts';
import type { KeywordStore } from './keyword-store.ts';
import type { MeaningIndex } from './meaning-index.ts';
import { type SummariesDone, type Summarizer, summarizePapers } from './summarize-papers.ts';

export type SearchUpdatePhase = 'keyword index' | 'keywords' | 'vectors' | 'summaries';

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
  /** Papers whose summary the chat model wrote (0 without SUMMARY_URL). */
  readonly summarized: number;
  /**
   * Why papers kept their extractive summary (the chat server failed, even after retries; they are
   * asked for again by the next update), null when none did. Such a failure fails nothing else.
   */
  readonly summaryError: string | null;
  readonly seconds: number;
}

export interface SearchUpdateParts {
  readonly queue: KeywordIndexQueue;
  readonly keywords: KeywordStore;
  readonly meaning: MeaningIndex;
  /** The chat model that writes summaries; null keeps the extractive ones. */
  readonly summarizer: Summarizer | null;
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
  const summaries = parts.summarizer
    ? await summarizePapers(parts.keywords, parts.summarizer, (done) =>
        onProgress?.({ phase: 'summaries', done }),
      )
    : null;
  return {
    indexed,
    described,
    embedded,
    summarized: summaries?.summarized ?? 0,
    summaryError: summaries ? summaryError(summaries) : null,
    seconds: (performance.now() - started) / 1000,
  };
}

function summaryError(done: SummariesDone): string | null {
  if (done.error === null) return null;
  if (done.stopped)
    return `summaries stopped; papers not summarized keep their extractive summary until the next update: ${done.error}`;
  const papers = done.failed === 1 ? '1 paper keeps its' : `${done.failed} papers keep their`;
  return `${papers} extractive summary until the next update: ${done.error}`;
}
