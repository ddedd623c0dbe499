/**
 * Keyword search in the store: SQLite FTS5 and PostgreSQL full text, the two versions side by side.
 * Every value reaches the database as a bound parameter; the FTS5 expression is built from quoted words
 * (keyword-terms.ts) and the PostgreSQL tsquery from plainto/phraseto_tsquery over parameters.
 */
import { type RawBuilder, sql } from 'kysely';
import type { DatabaseKind } from '../config/config.ts';
import type { Db } from '../db/schema.ts';
import { parseArxivId } from '../domain/arxiv-id.ts';
import type { SearchQuery, SearchSort } from '../domain/search-query.ts';
import type { ImpactIndex } from './impact-index.ts';
import { KeywordIndexQueue } from './keyword-index-queue.ts';
import { fts5Match, hasTextTerms, type KeywordTerms, keywordTerms } from './keyword-terms.ts';

/** How much a match in each field counts, relative to the abstract. */
export interface FieldWeights {
  readonly title: number;
  readonly authors: number;
  readonly abstract: number;
  readonly categories: number;
}

/** Tuned on SciFact train (title 1 → 0.701, 2 → 0.705, 3 → 0.708, 5 → 0.707 nDCG@10). */
export const DEFAULT_FIELD_WEIGHTS: FieldWeights = { title: 3, authors: 2, abstract: 1, categories: 0.5 };

/** One paper found, with its score (higher is better; comparable only within one result list). */
export interface ScoredPaper {
  readonly paperId: string;
  readonly score: number;
}

export interface Page {
  readonly limit: number;
  readonly offset: number;
}

export class KeywordIndex {
  constructor(
    private readonly db: Db,
    private readonly kind: DatabaseKind,
    private readonly weights: FieldWeights = DEFAULT_FIELD_WEIGHTS,
    /** SQLite: the in-memory posting lists that answer plain-word queries without scoring every match. */
    private readonly impacts: ImpactIndex | null = null,
    /** SQLite: papers imported but not yet in papers_fts, indexed before a search reads it. */
    private readonly queue: KeywordIndexQueue = new KeywordIndexQueue(db, kind),
  ) {}

  /** Papers whose id is the typed arXiv id, or whose title is the typed text (case aside). */
  async exactMatches(query: SearchQuery): Promise<string[]> {
    const id = parseArxivId(query.text);
    const title = query.text.replace(/[.\s]+$/, '');
    // Two lookups, each through an index (the primary key; papers_title_prefix, whose expression the
    // first condition repeats word for word so both engines use it); an OR would scan.
    const rows = await sql<{ id: string }>`
      SELECT id FROM papers WHERE id = ${id.ok ? id.value.id : null}
      UNION
      SELECT id FROM papers
      WHERE substr(lower(title), 1, 16) = substr(lower(${title}), 1, 16) AND lower(title) = lower(${title})
      ORDER BY id
      LIMIT 10`.execute(this.db);
    return rows.rows.map((r) => r.id);
  }

  /**
   * The keyword matches of a query: best first, or newest / most upvoted first when `sort` asks. A query
   * of filters only lists newest first (or most upvoted first).
   */
  async search(query: SearchQuery, page: Page, sort: SearchSort = 'relevance'): Promise<ScoredPaper[]> {
    const terms = keywordTerms(query);
    await this.queue.catchUp();
    const rows = !hasTextTerms(terms)
      ? await this.filtered(query, page, sort)
      : this.kind === 'sqlite'
        ? sort === 'relevance'
          ? await this.searchSqlite(query, terms, page)
          : await this.sortedSqlite(query, terms, page, sort)
        : await this.searchPostgres(query, terms, page, sort);
    return rows.map((r) => ({ paperId: r.paper_id, score: Number(r.score) }));
  }

  // -- SQLite: FTS5 ---------------------------------------------------------------------------------
  private async searchSqlite(query: SearchQuery, terms: KeywordTerms, page: Page) {
    const { title, authors, abstract, categories } = this.weights;
    const match = fts5Match(terms);
    // FTS5's `rank` column is bm25() with the field weights given by `rank MATCH` (computed once per
    // row): smaller is better. Its arguments weigh the columns in declared order (title, authors,
    // abstract, categories). Scores are negated so that higher is better.
    const weights = `bm25(${[title, authors, abstract, categories].map((w) => Number(w).toFixed(3)).join(', ')})`;
    if (!hasFilters(query)) {
      const top = await this.topFromImpacts(terms, page);
      if (top) return top;
      // The top of the FTS5 ranking first, then only those rows are joined to papers.
      const result = await sql<{ paper_id: string; score: number }>`
        SELECT p.id AS paper_id, top.score
        FROM (SELECT rowid, -rank AS score
              FROM papers_fts
              WHERE papers_fts MATCH ${match} AND rank MATCH ${weights}
              ORDER BY rank, rowid
              LIMIT ${page.limit + page.offset}) AS top
        JOIN papers p ON p.rowid = top.rowid
        ORDER BY top.score DESC, top.rowid
        LIMIT ${page.limit} OFFSET ${page.offset}`.execute(this.db);
      return result.rows;
    }
    const result = await sql<{ paper_id: string; score: number }>`
      SELECT p.id AS paper_id, -papers_fts.rank AS score
      FROM papers_fts
      JOIN papers p ON p.rowid = papers_fts.rowid
      WHERE papers_fts MATCH ${match} AND papers_fts.rank MATCH ${weights}
        AND ${filters(query)}
      ORDER BY papers_fts.rank, p.rowid
      LIMIT ${page.limit} OFFSET ${page.offset}`.execute(this.db);
    return result.rows;
  }

  /** Plain words only (no phrase, prefix or author): the impact index's exact top k, while it is fresh. */
  private async topFromImpacts(terms: KeywordTerms, page: Page) {
    if (!this.impacts?.ready || terms.phrases.length > 0 || terms.authors.length > 0) return null;
    const words = terms.optional.flatMap((t) => (t.kind === 'word' ? [t.text] : []));
    if (words.length !== terms.optional.length) return null;
    const hits = await this.impacts.topK(words, page.limit + page.offset);
    if (!hits) return null;
    const shown = hits.slice(page.offset);
    if (shown.length === 0) return [];
    const ids = await sql<{ rowid: number; id: string }>`
      SELECT rowid, id FROM papers WHERE rowid IN (${sql.join(shown.map((h) => h.rowid))})`.execute(this.db);
    const byRowid = new Map(ids.rows.map((r) => [Number(r.rowid), r.id]));
    return shown.flatMap((h) => {
      const id = byRowid.get(h.rowid);
      return id === undefined ? [] : [{ paper_id: id, score: h.score }];
    });
  }

  /** Every match, ordered by a paper column rather than by score: FTS5 finds, papers sorts. */
  private async sortedSqlite(
    query: SearchQuery,
    terms: KeywordTerms,
    page: Page,
    sort: Exclude<SearchSort, 'relevance'>,
  ) {
    const result = await sql<{ paper_id: string; score: number }>`
      SELECT p.id AS paper_id, 0 AS score
      FROM papers_fts
      JOIN papers p ON p.rowid = papers_fts.rowid
      WHERE papers_fts MATCH ${fts5Match(terms)} AND ${filters(query)}
      ORDER BY ${orderBy(sort)}
      LIMIT ${page.limit} OFFSET ${page.offset}`.execute(this.db);
    return result.rows;
  }

  // -- PostgreSQL: weighted tsvector (paper_search.document) ---------------------------------------
  private async searchPostgres(query: SearchQuery, terms: KeywordTerms, page: Page, sort: SearchSort) {
    // ts_rank takes weights from 0 to 1: scaled so the heaviest field counts 1.
    const { title, authors, abstract, categories } = scaled(this.weights);
    const tsquery = postgresTsquery(terms);
    const authorFilters = terms.authors.map(
      // ts_filter keeps the B-weighted lexemes: the authors field.
      (words) => sql`ts_filter(s.document, '{b}') @@ phraseto_tsquery('english', ${words.join(' ')})`,
    );
    const result = await sql<{ paper_id: string; score: number }>`
      WITH q AS (SELECT ${tsquery} AS query)
      SELECT p.id AS paper_id,
             -- ts_rank's weight array is {D, C, B, A} = {categories, abstract, authors, title};
             -- normalisation 1 divides by 1 + log(document length), as bm25 damps long abstracts.
             ts_rank(ARRAY[${categories}, ${abstract}, ${authors}, ${title}]::float4[],
                     s.document, q.query, 1) AS score
      FROM q
      JOIN paper_search s ON s.document @@ q.query
      JOIN papers p ON p.id = s.paper_id
      WHERE ${filters(query)}
        ${authorFilters.length > 0 ? sql`AND ${sql.join(authorFilters, sql` AND `)}` : sql``}
      ORDER BY ${sort === 'relevance' ? sql`score DESC, p.id` : orderBy(sort)}
      LIMIT ${page.limit} OFFSET ${page.offset}`.execute(this.db);
    return result.rows;
  }

  // -- Both: no words, only filters (`cat:cs.CL after:2025-01-01`): newest first -------------------
  private async filtered(query: SearchQuery, page: Page, sort: SearchSort) {
    const result = await sql<{ paper_id: string; score: number }>`
      SELECT p.id AS paper_id, 0 AS score
      FROM papers p
      WHERE ${filters(query)}
      ORDER BY ${orderBy(sort === 'upvotes' ? 'upvotes' : 'newest')}
      LIMIT ${page.limit} OFFSET ${page.offset}`.execute(this.db);
    return result.rows;
  }
}

/**
 * The tsquery of the words: optional words OR-ed (`||`), then AND-ed (`&&`) with each phrase. The author
 * words are matched separately, against the authors field only. Built from tsquery builder functions
 * over bound parameters; a prefix goes to to_tsquery as one single-quoted lexeme of letters and digits.
 */
function postgresTsquery(terms: KeywordTerms): RawBuilder<unknown> {
  const any = terms.optional.map((t) =>
    t.kind === 'prefix'
      ? sql`to_tsquery('english', ${`'${t.text.replaceAll("'", "''")}':*`})`
      : sql`plainto_tsquery('english', ${t.text})`,
  );
  const all = terms.phrases.map((words) => sql`phraseto_tsquery('english', ${words.join(' ')})`);
  const parts = [...(any.length > 0 ? [sql`(${sql.join(any, sql` || `)})`] : []), ...all];
  // Authors only: the papers with those names anywhere are the candidates; the author filter decides.
  const candidates =
    parts.length > 0 ? parts : terms.authors.map((a) => sql`phraseto_tsquery('english', ${a.join(' ')})`);
  return sql.join(candidates, sql` && `);
}

/** Newest first, or most upvoted first; papers without a date last on both engines (PostgreSQL sorts NULL first). */
function orderBy(sort: Exclude<SearchSort, 'relevance'>): RawBuilder<unknown> {
  const newest = sql`p.published_at DESC NULLS LAST, p.id`;
  return sort === 'upvotes' ? sql`p.upvotes DESC, ${newest}` : newest;
}

function scaled(weights: FieldWeights): FieldWeights {
  const top = Math.max(weights.title, weights.authors, weights.abstract, weights.categories, 1e-9);
  return {
    title: weights.title / top,
    authors: weights.authors / top,
    abstract: weights.abstract / top,
    categories: weights.categories / top,
  };
}

function hasFilters(query: SearchQuery): boolean {
  return query.categories.length > 0 || query.after !== null || query.before !== null;
}

/** Category and date filters, the same SQL on both engines. */
function filters(query: SearchQuery): RawBuilder<unknown> {
  const conditions: RawBuilder<unknown>[] = [sql`1 = 1`];
  if (query.categories.length > 0) {
    const any = query.categories.map((c) =>
      c.includes('.') ? sql`pc.category = ${c}` : sql`(pc.category = ${c} OR pc.category LIKE ${`${c}.%`})`,
    );
    conditions.push(
      sql`EXISTS (SELECT 1 FROM paper_categories pc WHERE pc.paper_id = p.id AND (${sql.join(any, sql` OR `)}))`,
    );
  }
  if (query.after) conditions.push(sql`p.published_at >= ${query.after}`);
  if (query.before) conditions.push(sql`p.published_at < ${query.before}`);
  return sql.join(conditions, sql` AND `);
}
