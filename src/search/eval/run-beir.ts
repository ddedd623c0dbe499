/**
 * `paperpulse eval beir`: loads a BEIR corpus into a (throwaway) store as papers, runs every judged
 * query in each mode and averages nDCG@10 and recall@100.
 */
import type { PaperRecord } from '../../domain/paper.ts';
import { parseSearchQuery } from '../../domain/search-query.ts';
import type { SearchMode, SearchService } from '../search-service.ts';
import { type BeirDocument, type BeirQuery, type Qrels, readCorpus } from './beir.ts';
import { mean, ndcgAt, recallAt } from './metrics.ts';

export type BeirFigures = Partial<Record<SearchMode, { 'ndcg@10': number; 'recall@100': number }>>;

/** Where the corpus goes: the paper store. */
export interface CorpusSink {
  upsertPapers(records: readonly PaperRecord[]): Promise<unknown>;
}

const BATCH = 1000;

/** Writes every corpus document as a paper (id, title, abstract); returns how many. */
export async function loadBeirCorpus(dir: string, sink: CorpusSink): Promise<number> {
  let batch: PaperRecord[] = [];
  let count = 0;
  for await (const doc of readCorpus(dir)) {
    batch.push(paperRecord(doc));
    count++;
    if (batch.length === BATCH) {
      await sink.upsertPapers(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await sink.upsertPapers(batch);
  return count;
}

export async function evaluateBeir(
  search: SearchService,
  queries: readonly BeirQuery[],
  qrels: Qrels,
  modes: readonly SearchMode[],
): Promise<BeirFigures> {
  const judged = queries.filter((q) => qrels.has(q.id));
  const figures: BeirFigures = {};
  for (const mode of modes) {
    const ndcg: number[] = [];
    const recall: number[] = [];
    for (const query of judged) {
      const relevant = qrels.get(query.id)!;
      const parsed = parseSearchQuery(query.text);
      const ranking = parsed.ok
        ? (await search.rank(parsed.query, mode, { limit: 100, offset: 0 })).map((r) => r.paperId)
        : [];
      ndcg.push(ndcgAt(10, ranking, relevant));
      recall.push(recallAt(100, ranking, relevant));
    }
    figures[mode] = { 'ndcg@10': round(mean(ndcg)), 'recall@100': round(mean(recall)) };
  }
  return figures;
}

function paperRecord(doc: BeirDocument): PaperRecord {
  return {
    paper: {
      id: doc.id,
      latestVersion: 1,
      title: doc.title,
      abstract: doc.text,
      authors: [],
      primaryCategory: null,
      categories: [],
      publishedAt: null,
      updatedAt: null,
      comment: null,
      journalRef: null,
      doi: null,
      license: null,
      codeUrls: [],
    },
    version: null,
    versions: [],
  };
}

function round(n: number): number {
  return Math.round(n * 10000) / 10000;
}
