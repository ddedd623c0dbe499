/**
 * The query of `GET /api/daily_papers`, read and checked: a malformed value is a BadRequestError that
 * names it, never a silent default.
 */
import { BadRequestError } from '../domain/errors.ts';
import { type Period, parseDay, parseMonth, parseWeek } from '../domain/period.ts';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 100;

export interface DailyPapersQuery {
  /** The day, week or month asked for; null for the latest day with papers. */
  readonly period: Period | null;
  readonly submitter?: string;
  /**
   * `trending` ranks by upvotes, then recency, until the trending score lands with the community
   * issue; `publishedAt` by listing time, latest first.
   */
  readonly sort: 'trending' | 'publishedAt';
  /** 0-based page number. */
  readonly page: number;
  readonly limit: number;
}

export type RawQuery = Readonly<Record<string, unknown>>;

export function parseDailyPapersQuery(query: RawQuery): DailyPapersQuery {
  const date = single(query, 'date');
  const week = single(query, 'week');
  const month = single(query, 'month');
  const given = [date, week, month].filter((value) => value !== undefined).length;
  if (given > 1) throw new BadRequestError('give at most one of date, week and month');
  const submitter = single(query, 'submitter');
  const sort = single(query, 'sort') ?? 'trending';
  if (sort !== 'trending' && sort !== 'publishedAt') {
    throw new BadRequestError(`sort must be "publishedAt" or "trending", got "${shorten(sort)}"`);
  }
  return {
    period: periodOf(date, week, month),
    ...(submitter !== undefined && submitter !== '' ? { submitter } : {}),
    sort,
    page: integer(query, 'p', 0, 0, 1_000_000),
    limit: integer(query, 'limit', DEFAULT_LIMIT, 1, MAX_LIMIT),
  };
}

function periodOf(date?: string, week?: string, month?: string): Period | null {
  if (date !== undefined) return parseDay(date) ?? invalid('date', date, 'YYYY-MM-DD, e.g. 2025-03-14');
  if (week !== undefined) return parseWeek(week) ?? invalid('week', week, 'YYYY-Www, e.g. 2025-W11');
  if (month !== undefined) return parseMonth(month) ?? invalid('month', month, 'YYYY-MM, e.g. 2025-03');
  return null;
}

function invalid(name: string, value: string, format: string): never {
  throw new BadRequestError(`${name} "${shorten(value)}" is not valid: write it as ${format}`);
}

/** A parameter given once (a repeated one is an error); undefined when absent. */
export function single(query: RawQuery, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new BadRequestError(`give ${name} once`);
  return value;
}

export function integer(query: RawQuery, name: string, fallback: number, min: number, max: number): number {
  const value = single(query, name);
  if (value === undefined || value === '') return fallback;
  if (!/^\d{1,9}$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new BadRequestError(
      `${name} must be a whole number from ${min} to ${max}, got "${shorten(value)}"`,
    );
  }
  return Number(value);
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
