/**
 * Kysely's view of the search tables (migrations/<dialect>/0002_search.sql, 0006_search_more.sql,
 * 0011_chat_summaries.sql), added to the store's schema.
 */
import type { Kysely } from 'kysely';
import type { Db, Schema } from '../db/schema.ts';

export interface PaperVectorsTable {
  paper_id: string;
  model: string;
  dimension: number;
  vector: Uint8Array;
  embedded_at: string;
}

export interface EmbeddingModelsTable {
  model: string;
  dimension: number;
  trained_on: number;
  data: Uint8Array;
  trained_at: string;
}

/**
 * migrations/<dialect>/0006_search_more.sql: keywords and summary per paper, word document counts;
 * 0011_chat_summaries.sql: the chat model that wrote the summary (null: extractive).
 */
export interface PaperKeywordsTable {
  paper_id: string;
  keywords: string;
  summary: string;
  summary_model: string | null;
  described_at: string;
}

export interface TermPapersTable {
  term: string;
  papers: number;
}

export type SearchSchema = {
  paper_vectors: PaperVectorsTable;
  embedding_models: EmbeddingModelsTable;
  paper_keywords: PaperKeywordsTable;
  term_papers: TermPapersTable;
};

export type SearchDb = Kysely<Schema & SearchSchema>;

export function searchDb(db: Db): SearchDb {
  return db.withTables<SearchSchema>();
}
