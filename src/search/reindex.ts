/**
 * Building the search indexes: at start (load the stored model and vectors, or train a first model),
 * and on `paperpulse reindex` (rebuild the keyword index, retrain the model, re-embed every paper).
 */
import { sql } from 'kysely';
import type { DatabaseKind } from '../config/config.ts';
import type { Db } from '../db/schema.ts';
import { KeywordStore } from './keyword-store.ts';
import {
  DEFAULT_TRAINING,
  loadLsaEmbedder,
  type TrainingOptions,
  trainLsaEmbedder,
} from './lsa/lsa-embedder.ts';
import type { MeaningIndex, MeaningProgress } from './meaning-index.ts';
import type { VectorStore } from './vector-store.ts';

export type ReindexProgress =
  | MeaningProgress
  | { readonly phase: 'keyword' | 'keywords'; readonly done: number };

/** Makes search by meaning ready: the stored model and vectors, or a first model when there is none. */
export async function startMeaningSearch(
  meaning: MeaningIndex,
  store: VectorStore,
  options: { training?: TrainingOptions; now?: Date; onProgress?: (p: MeaningProgress) => void } = {},
): Promise<void> {
  const stored = await loadLsaEmbedder(store);
  if (stored) return meaning.use(stored, options.onProgress);
  if ((await store.countPapers()) === 0) return;
  options.onProgress?.({ phase: 'training', done: 0 });
  const trained = await trainLsaEmbedder(
    store,
    options.training ?? DEFAULT_TRAINING,
    options.now ?? new Date(),
  );
  await meaning.use(trained, options.onProgress);
}

/** Rebuilds everything search keeps: the keyword index from the papers, a new model and every vector. */
export async function reindexSearch(
  db: Db,
  kind: DatabaseKind,
  meaning: MeaningIndex,
  store: VectorStore,
  options: { training?: TrainingOptions; now?: Date; onProgress?: (p: ReindexProgress) => void } = {},
): Promise<void> {
  options.onProgress?.({ phase: 'keyword', done: 0 });
  await rebuildKeywordIndex(db, kind);
  // Keywords and summaries: word counts recounted, every paper described again.
  await new KeywordStore(db).rebuild(options.now ?? new Date(), (done) =>
    options.onProgress?.({ phase: 'keywords', done }),
  );
  options.onProgress?.({ phase: 'training', done: 0 });
  const trained = await trainLsaEmbedder(
    store,
    options.training ?? DEFAULT_TRAINING,
    options.now ?? new Date(),
  );
  await meaning.use(trained, options.onProgress);
}

async function rebuildKeywordIndex(db: Db, kind: DatabaseKind): Promise<void> {
  if (kind === 'sqlite') {
    // FTS5 re-reads every row of the content table (papers), by rowid: nothing is left queued.
    await db.transaction().execute(async (trx) => {
      await sql`INSERT INTO papers_fts (papers_fts) VALUES ('rebuild')`.execute(trx);
      await sql`DELETE FROM keyword_index_queue`.execute(trx);
    });
    return;
  }
  await db.transaction().execute(async (trx) => {
    await sql`DELETE FROM paper_search`.execute(trx);
    await sql`
      INSERT INTO paper_search (paper_id, document)
      SELECT id, paper_search_document(title, authors, abstract, categories) FROM papers`.execute(trx);
  });
}
