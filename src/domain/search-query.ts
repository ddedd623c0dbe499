/**
 * Search query parsing: what a reader types into the search box, as plain data. Pure, no I/O.
 *
 *   token merging            words (any of them may match; more matches rank higher)
 *   "state space"            a phrase: the words in this order, required
 *   token*                   a prefix (at least two letters)
 *   author:lecun  author:"Yann LeCun"
 *   cat:cs.CL  cat:cs        a category, or every category of an archive
 *   after:2024-01-01         published on or after that day
 *   before:2024-06-01        published before that day
 *
 * Any string gives a query or a reason; nothing throws. Words are the letters and digits of the text,
 * lowercased, so nothing a reader types reaches a full-text engine's own query syntax.
 */
import { isValidDay } from './period.ts';

export type SearchTerm =
  | { readonly kind: 'word'; readonly text: string }
  | { readonly kind: 'prefix'; readonly text: string }
  | { readonly kind: 'phrase'; readonly words: readonly string[] };

export interface SearchQuery {
  /** The text as typed, whitespace collapsed: compared with ids and titles for an exact match. */
  readonly text: string;
  readonly terms: readonly SearchTerm[];
  /** Each entry is the words of one author: `author:"Yann LeCun"` → ["yann", "lecun"]. */
  readonly authors: readonly (readonly string[])[];
  /** Exact categories (`cs.CL`) or whole archives (`cs`). */
  readonly categories: readonly string[];
  /** Inclusive lower bound on the publication day, YYYY-MM-DD. */
  readonly after: string | null;
  /** Exclusive upper bound on the publication day, YYYY-MM-DD. */
  readonly before: string | null;
}

export type SearchQueryResult = { ok: true; query: SearchQuery } | { ok: false; reason: string };

export const MAX_QUERY_LENGTH = 500;
const MAX_TERMS = 32;
const MIN_PREFIX = 2;

const WORD = /[\p{L}\p{N}]+/gu;
const CATEGORY = /^([a-z][a-z-]*)(?:\.([a-z][a-z-]*))?$/i;
/** A field, a quoted value, a bare chunk: `author:"Yann LeCun"`, `"state space"`, `token*`. */
const CHUNK = /([a-z]+):("[^"]*"?|[^\s"]*)|"([^"]*)"?|([^\s"]+)/gi;

/** The words of a text as the index sees them: letters and digits, lowercased. */
export function wordsOf(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(WORD) ?? [];
}

export function parseSearchQuery(input: string): SearchQueryResult {
  if (typeof input !== 'string') return fail('the query must be text');
  const text = input.normalize('NFKC').replace(/\s+/g, ' ').trim();
  if (text.length > MAX_QUERY_LENGTH) {
    return fail(`the query is too long (${text.length} characters; at most ${MAX_QUERY_LENGTH})`);
  }
  const terms: SearchTerm[] = [];
  const authors: string[][] = [];
  const categories: string[] = [];
  let after: string | null = null;
  let before: string | null = null;

  for (const match of text.matchAll(CHUNK)) {
    const [, field, fieldValue, quoted, bare] = match;
    if (field !== undefined && fieldValue !== undefined) {
      const value = unquote(fieldValue);
      const name = field.toLowerCase();
      if (value === '') {
        terms.push(...wordTerms(field));
        continue;
      }
      if (name === 'author') {
        const words = wordsOf(value);
        if (words.length > 0) authors.push(words);
      } else if (name === 'cat' || name === 'category') {
        const category = canonicalCategory(value);
        if (category === null)
          return fail(`"${value}" is not an arXiv category (e.g. cs.CL, or cs for all of cs)`);
        categories.push(category);
      } else if (name === 'after' || name === 'before') {
        if (!isValidDay(value)) return fail(`${name}: wants a day as YYYY-MM-DD, got "${shorten(value)}"`);
        if (name === 'after') after = value;
        else before = value;
      } else {
        // Not a field we know (`ratio:3`, `https://…`): its words are searched as typed.
        terms.push(...wordTerms(`${field} ${value}`));
      }
    } else if (quoted !== undefined) {
      const words = wordsOf(quoted);
      if (words.length === 1) terms.push({ kind: 'word', text: words[0]! });
      else if (words.length > 1) terms.push({ kind: 'phrase', words });
    } else if (bare !== undefined) {
      terms.push(...bareTerms(bare));
    }
  }
  if (after !== null && before !== null && after >= before) {
    return fail(`after:${after} is not before before:${before}, so nothing could match`);
  }
  if (terms.length > MAX_TERMS) return fail(`too many words (${terms.length}; at most ${MAX_TERMS})`);
  if (terms.length === 0 && authors.length === 0 && categories.length === 0 && !after && !before) {
    return fail('type some words to search for, e.g. token merging, "state space", author:lecun, cat:cs.CL');
  }
  return { ok: true, query: { text, terms: dedupe(terms), authors, categories, after, before } };
}

/** How a result list is ordered: by relevance (the mode's ranking), newest first, or most upvoted first. */
export const SEARCH_SORTS = ['relevance', 'newest', 'upvotes'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

/** The search page's filter fields, as typed (empty strings are no filter). */
export interface SearchFilters {
  /** An arXiv category or archive: `cs.CL`, `cs`. */
  readonly category?: string;
  /** First day, inclusive, YYYY-MM-DD. */
  readonly from?: string;
  /** Last day, inclusive, YYYY-MM-DD. */
  readonly to?: string;
}

/**
 * The query typed into the box ('' for none) narrowed by the page's filter fields: a query, or the
 * reason it cannot run. A category field joins the text's `cat:` ones (a paper in any of them matches);
 * of two date bounds, the narrower wins.
 */
export function parseSearchWithFilters(input: string, filters: SearchFilters): SearchQueryResult {
  const category = filters.category?.trim() ?? '';
  const from = filters.from?.trim() ?? '';
  const to = filters.to?.trim() ?? '';
  const hasFilters = category !== '' || from !== '' || to !== '';
  const text = typeof input === 'string' ? input.trim() : '';
  const parsed: SearchQueryResult =
    text === '' && hasFilters
      ? { ok: true, query: { text: '', terms: [], authors: [], categories: [], after: null, before: null } }
      : parseSearchQuery(text);
  if (!parsed.ok || !hasFilters) return parsed;
  const query = parsed.query;
  let canonical: string | null = null;
  if (category !== '') {
    canonical = canonicalCategory(category);
    if (canonical === null)
      return fail(`"${shorten(category)}" is not an arXiv category (e.g. cs.CL, or cs)`);
  }
  if (from !== '' && !isValidDay(from))
    return fail(`"from" wants a day as YYYY-MM-DD, got "${shorten(from)}"`);
  if (to !== '' && !isValidDay(to)) return fail(`"to" wants a day as YYYY-MM-DD, got "${shorten(to)}"`);
  const after =
    [query.after, from || null]
      .filter((d) => d !== null)
      .sort()
      .at(-1) ?? null;
  const before = [query.before, to ? nextDay(to) : null].filter((d) => d !== null).sort()[0] ?? null;
  if (after !== null && before !== null && after >= before) {
    return fail(`the date range is empty: from ${after} to ${to || before}`);
  }
  return {
    ok: true,
    query: {
      ...query,
      categories:
        canonical && !query.categories.includes(canonical)
          ? [...query.categories, canonical]
          : query.categories,
      after,
      before,
    },
  };
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** `token*` is a prefix; anything else is split into words. */
function bareTerms(chunk: string): SearchTerm[] {
  const words = wordsOf(chunk);
  const last = words.at(-1);
  if (chunk.endsWith('*') && last !== undefined && last.length >= MIN_PREFIX) {
    return [...words.slice(0, -1).map(word), { kind: 'prefix', text: last }];
  }
  return words.map(word);
}

function wordTerms(text: string): SearchTerm[] {
  return wordsOf(text).map(word);
}

function word(text: string): SearchTerm {
  return { kind: 'word', text };
}

/** arXiv spells categories `cs.CL`, `math.AG`, `q-bio.NC`, `cond-mat.mes-hall`: two-letter subjects upper case. */
function canonicalCategory(value: string): string | null {
  const match = CATEGORY.exec(value);
  if (!match) return null;
  const archive = match[1]!.toLowerCase();
  const subject = match[2];
  if (subject === undefined) return archive;
  return `${archive}.${subject.length === 2 ? subject.toUpperCase() : subject.toLowerCase()}`;
}

function unquote(value: string): string {
  return value.replace(/^"/, '').replace(/"$/, '').trim();
}

function dedupe(terms: readonly SearchTerm[]): SearchTerm[] {
  const seen = new Set<string>();
  return terms.filter((t) => {
    const key = t.kind === 'phrase' ? `p:${t.words.join(' ')}` : `${t.kind[0]}:${t.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function fail(reason: string): SearchQueryResult {
  return { ok: false, reason };
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}
