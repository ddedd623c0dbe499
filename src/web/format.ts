/** Display helpers for pages: dates, author lists and links as readers see them. */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function dayParts(day: string): [year: number, month: number, date: number] {
  return day.split('-').map(Number) as [number, number, number];
}

/** `2025-03-14` → `Mar 14, 2025`. */
export function formatDayLong(day: string): string {
  const [y, m, d] = dayParts(day);
  return `${MONTHS[m - 1]} ${d}, ${y}`;
}

/** `2025-03-14` → `Mar 14`. */
export function formatDayShort(day: string): string {
  const [, m, d] = dayParts(day);
  return `${MONTHS[m - 1]} ${d}`;
}

/** `2025, 3` → `March 2025`. */
export function formatMonth(year: number, month: number): string {
  return `${MONTH_NAMES[month - 1]} ${year}`;
}

/**
 * A range of days as briefly as it reads unambiguously:
 * `Mar 10 – 16, 2025`, `Mar 31 – Apr 6, 2025`, `Dec 29, 2025 – Jan 4, 2026`.
 */
export function formatDayRange(from: string, to: string): string {
  const [fy, fm] = dayParts(from);
  const [ty, tm, td] = dayParts(to);
  if (fy !== ty) return `${formatDayLong(from)} – ${formatDayLong(to)}`;
  if (fm !== tm) return `${formatDayShort(from)} – ${formatDayShort(to)}, ${ty}`;
  return `${formatDayShort(from)} – ${td}, ${ty}`;
}

/** An ISO timestamp as `Mar 14, 2025`, or null. */
export function formatInstant(iso: string | null): string | null {
  return iso ? formatDayLong(iso.slice(0, 10)) : null;
}

/** The first few authors and how many more there are; never hides just one name. */
export function shortAuthors(
  authors: readonly string[],
  shown = 6,
): { names: readonly string[]; more: number } {
  return authors.length <= shown + 1
    ? { names: authors, more: 0 }
    : { names: authors.slice(0, shown), more: authors.length - shown };
}

/** The start of a text cut at a word boundary, with an ellipsis when anything was cut. */
export function excerpt(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars).replace(/\s+\S*$/, '');
  return `${cut.replace(/[\s,;:.]+$/, '')}…`;
}

export function arxivAbsUrl(id: string, version?: number): string {
  return `https://arxiv.org/abs/${id}${version === undefined ? '' : `v${version}`}`;
}

export function arxivPdfUrl(id: string): string {
  return `https://arxiv.org/pdf/${id}`;
}

const CODE_HOSTS = /^https?:\/\/(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|codeberg\.org)\//i;

/** The code link worth a button on a card: the first repository link. */
export function codeLink(urls: readonly string[]): string | null {
  return urls.find((u) => CODE_HOSTS.test(u) && httpUrl(u) !== null) ?? null;
}

/** A link's label: `github.com/owner/repo` style, without the scheme. */
export function linkLabel(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname.replace(/^www\./, '')}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return url;
  }
}

/** The URL when it is an http(s) link, else null: a page never links to `javascript:` or `data:`. */
export function httpUrl(url: string): string | null {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}
