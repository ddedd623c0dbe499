/** Days, ISO weeks and months of listings. Pure: the caller passes `now`. */

export type Period =
  | { readonly kind: 'day'; readonly day: string }
  | { readonly kind: 'week'; readonly year: number; readonly week: number }
  | { readonly kind: 'month'; readonly year: number; readonly month: number };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const WEEK = /^(\d{4})-W(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

export function isValidDay(text: string): boolean {
  const m = DAY.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && y >= 1990;
}

export function parseDay(text: string): Period | null {
  return isValidDay(text) ? { kind: 'day', day: text } : null;
}

export function parseWeek(text: string): Period | null {
  const m = WEEK.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const week = Number(m[2]);
  if (year < 1990 || week < 1 || week > isoWeeksInYear(year)) return null;
  return { kind: 'week', year, week };
}

export function parseMonth(text: string): Period | null {
  const m = MONTH.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (year < 1990 || month < 1 || month > 12) return null;
  return { kind: 'month', year, month };
}

/** The first and last day (inclusive) of a period. */
export function periodRange(period: Period): { from: string; to: string } {
  if (period.kind === 'day') return { from: period.day, to: period.day };
  if (period.kind === 'month') {
    const from = new Date(Date.UTC(period.year, period.month - 1, 1));
    const to = new Date(Date.UTC(period.year, period.month, 0));
    return { from: formatDay(from), to: formatDay(to) };
  }
  const monday = isoWeekMonday(period.year, period.week);
  return { from: formatDay(monday), to: formatDay(addDays(monday, 6)) };
}

export function formatPeriod(period: Period): string {
  if (period.kind === 'day') return period.day;
  if (period.kind === 'month') return `${period.year}-${pad(period.month)}`;
  return `${period.year}-W${pad(period.week)}`;
}

/** The period of the same kind containing `day`. */
export function periodContaining(kind: Period['kind'], day: string): Period {
  if (kind === 'day') return { kind, day };
  const [y, m] = day.split('-').map(Number) as [number, number, number];
  if (kind === 'month') return { kind, year: y, month: m };
  return { kind: 'week', ...isoWeekOf(parseUtcDay(day)) };
}

/** The period of the same kind before (-1) or after (+1) this one. */
export function shiftPeriod(period: Period, step: -1 | 1): Period {
  if (period.kind === 'day') return { kind: 'day', day: formatDay(addDays(parseUtcDay(period.day), step)) };
  if (period.kind === 'month') {
    const date = new Date(Date.UTC(period.year, period.month - 1 + step, 1));
    return { kind: 'month', year: date.getUTCFullYear(), month: date.getUTCMonth() + 1 };
  }
  const monday = addDays(isoWeekMonday(period.year, period.week), 7 * step);
  return { kind: 'week', ...isoWeekOf(monday) };
}

export function isoWeekOf(date: Date): { year: number; week: number } {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - weekday);
  const yearStart = new Date(Date.UTC(d.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((d.getTime() - yearStart.getTime()) / 86_400_000 + 1) / 7);
  return { year: d.getUTCFullYear(), week };
}

function isoWeekMonday(year: number, week: number): Date {
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const weekday = jan4.getUTCDay() || 7;
  return addDays(jan4, 1 - weekday + (week - 1) * 7);
}

function isoWeeksInYear(year: number): number {
  return isoWeekOf(new Date(Date.UTC(year, 11, 28))).week;
}

/** The calendar day (`YYYY-MM-DD`) of an instant in an IANA time zone. */
export function dayInZone(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
  return parts;
}

export function parseUtcDay(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

export function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
