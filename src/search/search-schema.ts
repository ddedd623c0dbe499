/** Kysely's view of the search tables (migrations/<dialect>/0002_search.sql), added to the store's schema. */
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

export type SearchSchema = {
  paper_vectors: PaperVectorsTable;
  embedding_models: EmbeddingModelsTable;
};

export type SearchDb = Kysely<Schema & SearchSchema>;

export function searchDb(db: Db): SearchDb {
  return db.withTables<SearchSchema>();
}
