/**
 * As-you-type suggestions: titles whose words start with what is typed so far ("token mer" → "…Token
 * Merging"), through the keyword index (FTS5's title column; PostgreSQL's A-weighted lexemes).
 * Every typed word is reduced to letters and digits and bound as a parameter.
 */
import { sql } from 'kysely';
import type { DatabaseKind } from '../config/config.ts';
import type { Db } from '../db/schema.ts';
import { wordsOf } from '../domain/search-query.ts';
import { KeywordIndexQueue } from './keyword-index-queue.ts';

export interface TitleSuggestion {
  readonly id: string;
  readonly title: string;
}

export const MAX_SUGGESTIONS = 8;
/** Only the last few words typed count: a suggestion is for the start of a title search. */
const MAX_WORDS = 6;
/** A last word shorter than this is not used as a prefix (it would match most of the index). */
const MIN_PREFIX = 2;

export class TitleSuggest {
  constructor(
    private readonly db: Db,
    private readonly kind: DatabaseKind,
    private readonly queue: KeywordIndexQueue = new KeywordIndexQueue(db, kind),
  ) {}

  async suggest(typed: string, limit = MAX_SUGGESTIONS): Promise<TitleSuggestion[]> {
    const words = wordsOf(typed.slice(0, 200)).slice(-MAX_WORDS);
    const last = words.at(-1);
    if (last === undefined || last.length < MIN_PREFIX) return [];
    const n = Math.min(Math.max(1, Math.trunc(limit)), MAX_SUGGESTIONS);
    await this.queue.catchUp();
    const rows = this.kind === 'sqlite' ? await this.sqlite(words, n) : await this.postgres(words, n);
    return rows.map((r) => ({ id: r.id, title: r.title }));
  }

  private async sqlite(words: readonly string[], limit: number) {
    // `title : "w"` confines each word to the title column; the last word is a prefix ("mer" *).
    const match = words
      .map((w, i) => `title : ${quote(w)}${i === words.length - 1 ? ' *' : ''}`)
      .join(' AND ');
    const result = await sql<{ id: string; title: string }>`
      SELECT p.id, p.title
      FROM (SELECT rowid FROM papers_fts WHERE papers_fts MATCH ${match} ORDER BY rank LIMIT ${limit}) AS top
      JOIN papers p ON p.rowid = top.rowid`.execute(this.db);
    return result.rows;
  }

  private async postgres(words: readonly string[], limit: number) {
    // Lexemes in single quotes (words hold only letters and digits); the last one a prefix (:*).
    const tsquery = words
      .map((w, i) => `'${w.replaceAll("'", "''")}'${i === words.length - 1 ? ':*' : ''}`)
      .join(' & ');
    const result = await sql<{ id: string; title: string }>`
      WITH q AS (SELECT to_tsquery('english', ${tsquery}) AS query)
      SELECT p.id, p.title
      FROM q
      JOIN paper_search s ON s.document @@ q.query
      JOIN papers p ON p.id = s.paper_id
      WHERE to_tsvector('english', p.title) @@ q.query
      ORDER BY ts_rank(s.document, q.query) DESC, p.id
      LIMIT ${limit}`.execute(this.db);
    return result.rows;
  }
}

function quote(word: string): string {
  return `"${word.replaceAll('"', '""')}"`;
}
