/**
 * How a parsed query's terms become index terms, for both full-text engines: which words are optional
 * (any may match; more matches rank higher) and which are required (quoted phrases).
 */
import type { SearchQuery, SearchTerm } from '../domain/search-query.ts';
import { STOPWORDS } from './stopwords.ts';

export interface KeywordTerms {
  /** Words and prefixes: at least one must match when there are any. */
  readonly optional: readonly Exclude<SearchTerm, { kind: 'phrase' }>[];
  /** Quoted phrases: every one must match. */
  readonly phrases: readonly (readonly string[])[];
  /** Author names (their words), each required, matched in the authors field only. */
  readonly authors: readonly (readonly string[])[];
}

export function keywordTerms(query: SearchQuery): KeywordTerms {
  const words = query.terms.filter((t) => t.kind !== 'phrase');
  const meaningful = words.filter((t) => t.kind === 'prefix' || !STOPWORDS.has(t.text));
  return {
    // A query of stopwords only ("to be or not to be") still searches for them.
    optional: meaningful.length > 0 ? meaningful : words,
    phrases: query.terms.flatMap((t) => (t.kind === 'phrase' ? [t.words] : [])),
    authors: query.authors,
  };
}

export function hasTextTerms(terms: KeywordTerms): boolean {
  return terms.optional.length > 0 || terms.phrases.length > 0 || terms.authors.length > 0;
}

/**
 * The FTS5 MATCH expression: every word double-quoted (a quote inside is doubled), so nothing typed is
 * read as FTS5 syntax (AND, NEAR, column:, ^, -). Words come from parseSearchQuery and hold only letters
 * and digits; the quoting is the second line of defence.
 */
export function fts5Match(terms: KeywordTerms): string | null {
  const parts: string[] = [];
  if (terms.optional.length > 0) {
    const any = terms.optional.map((t) => (t.kind === 'prefix' ? `${quote(t.text)} *` : quote(t.text)));
    parts.push(any.length === 1 ? any[0]! : `(${any.join(' OR ')})`);
  }
  for (const phrase of terms.phrases) parts.push(quote(phrase.join(' ')));
  for (const author of terms.authors) parts.push(`authors : ${quote(author.join(' '))}`);
  return parts.length > 0 ? parts.join(' AND ') : null;
}

function quote(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}
