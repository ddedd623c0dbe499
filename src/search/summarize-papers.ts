/**
 * One-line summaries written by a chat model (SUMMARY_URL, SUMMARY_MODEL), after the papers are
 * described extractively: every paper whose summary the configured model did not write (extractive,
 * or another model's) is sent to it, page by page, a few requests in flight at once. A server that
 * keeps failing stops the step; the papers keep their extractive summaries and the next update (the
 * next import, the next start of a server) tries again.
 */
import type { KeywordStore, SummaryToReplace } from './keyword-store.ts';

export interface PaperToSummarize {
  readonly title: string;
  readonly abstract: string;
}

/** The port: one plain-text line saying what a paper does or finds (ChatSummarizer). */
export interface Summarizer {
  /** Stored with each summary; papers summarized by another model are summarized again. */
  readonly model: string;
  summarize(paper: PaperToSummarize): Promise<string>;
}

export interface SummariesDone {
  readonly summarized: number;
  /** Papers that kept their summary this time: the next update asks for them again. */
  readonly failed: number;
  /** Why papers kept their summary (the last failure), null when none did. */
  readonly error: string | null;
  /** The server kept failing, so the step stopped before asking for every paper. */
  readonly stopped: boolean;
}

export interface SummarizeOptions {
  readonly pageSize?: number;
  readonly inFlight?: number;
}

/**
 * Asks `summarizer` for every paper whose summary it did not write, and stores each answer unless the
 * paper was described again meanwhile. Stops after as many failures in a row as requests in flight
 * (each already retried): the server is down, or refuses us. Store errors are thrown.
 */
export async function summarizePapers(
  keywords: KeywordStore,
  summarizer: Summarizer,
  onProgress?: (done: number) => void,
  options: SummarizeOptions = {},
): Promise<SummariesDone> {
  const pageSize = options.pageSize ?? 100;
  const inFlight = options.inFlight ?? 4;
  let summarized = 0;
  let failed = 0;
  let failuresInARow = 0;
  let error: string | null = null;
  const stopped = () => failuresInARow >= inFlight;
  // Walks the papers by id once: one that fails is left for the next update, not asked again now.
  let after = '';
  while (!stopped()) {
    const page = await keywords.summariesToReplace(summarizer.model, after, pageSize);
    if (page.length === 0) break;
    after = page.at(-1)?.id ?? after;
    let next = 0;
    const work = async () => {
      while (!stopped() && next < page.length) {
        const paper: SummaryToReplace = page[next++]!;
        let summary: string;
        try {
          summary = await summarizer.summarize(paper);
        } catch (e) {
          failed++;
          failuresInARow++;
          error = e instanceof Error ? e.message : String(e);
          continue;
        }
        failuresInARow = 0;
        if (await keywords.replaceSummary(paper, summary, summarizer.model)) {
          summarized++;
          onProgress?.(summarized);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(inFlight, page.length) }, work));
  }
  return { summarized, failed, error, stopped: stopped() };
}
