/** Kysely's view of the tables; the SQL itself lives in migrations/<dialect>/. */
import type { ColumnType, Kysely } from 'kysely';

export interface PapersTable {
  id: string;
  latest_version: number;
  title: string;
  abstract: string;
  authors: string;
  primary_category: string | null;
  categories: string;
  published_at: string | null;
  updated_at: string | null;
  comment: string | null;
  journal_ref: string | null;
  doi: string | null;
  license: string | null;
  code_urls: string;
  upvotes: ColumnType<number, number | undefined, number>;
  created_at: string;
  modified_at: string;
}

export interface PaperCategoriesTable {
  paper_id: string;
  category: string;
}

export interface PaperVersionsTable {
  paper_id: string;
  version: number;
  submitted_at: string | null;
  size: string | null;
  title: string | null;
  abstract: string | null;
}

export interface ListingsTable {
  day: string;
  paper_id: string;
  position: number;
  submitted_at: string;
  submitted_by: string | null;
  submitter_name: string | null;
  source: string;
}

export interface IngestCursorsTable {
  source: string;
  cursor: string;
  updated_at: string;
}

export interface SchemaMigrationsTable {
  name: string;
  applied_at: string;
}

export interface Schema {
  papers: PapersTable;
  paper_categories: PaperCategoriesTable;
  paper_versions: PaperVersionsTable;
  listings: ListingsTable;
  ingest_cursors: IngestCursorsTable;
  schema_migrations: SchemaMigrationsTable;
}

export type Db = Kysely<Schema>;
