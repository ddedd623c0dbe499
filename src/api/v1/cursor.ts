/**
 * Opaque page cursors: base64url JSON that says which listing of papers it continues (so a cursor
 * cannot be replayed against another query) and where the previous page stopped. Pure.
 */
import { createHash } from 'node:crypto';
import { BadRequestError } from '../../domain/errors.ts';

/** Newest papers: the last paper's sort key and id, and the category the pages are filtered by. */
export interface PapersCursor {
  readonly kind: 'papers';
  readonly category: string | null;
  readonly sortKey: string;
  readonly id: string;
}

/** Search: how many results the previous pages held, and a fingerprint of the query. */
export interface SearchCursor {
  readonly kind: 'search';
  readonly query: string;
  readonly offset: number;
}

export type Cursor = PapersCursor | SearchCursor;

export function encodeCursor(cursor: Cursor): string {
  const body =
    cursor.kind === 'papers'
      ? { k: 'p', c: cursor.category, s: cursor.sortKey, i: cursor.id }
      : { k: 's', q: fingerprint(cursor.query), o: cursor.offset };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

/** The papers cursor, checked against the category of this request. */
export function decodePapersCursor(text: string, category: string | null): PapersCursor {
  const body = decode(text);
  if (
    body.k !== 'p' ||
    (body.c !== null && typeof body.c !== 'string') ||
    typeof body.s !== 'string' ||
    typeof body.i !== 'string'
  )
    throw notOurs();
  if (body.c !== category)
    throw new BadRequestError('cursor belongs to another category: start again without it');
  return { kind: 'papers', category, sortKey: body.s, id: body.i };
}

/** The search cursor, checked against the query of this request. */
export function decodeSearchCursor(text: string, query: string): SearchCursor {
  const body = decode(text);
  if (body.k !== 's' || typeof body.q !== 'string' || !Number.isSafeInteger(body.o) || Number(body.o) < 0)
    throw notOurs();
  if (body.q !== fingerprint(query))
    throw new BadRequestError('cursor belongs to another search: start again without it');
  return { kind: 'search', query, offset: Number(body.o) };
}

function decode(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    // Falls through to the error below.
  }
  throw notOurs();
}

function notOurs(): BadRequestError {
  return new BadRequestError('cursor is not one this API gave out: pass a nextCursor unchanged');
}

function fingerprint(query: string): string {
  return createHash('sha256').update(query).digest('base64url').slice(0, 12);
}
