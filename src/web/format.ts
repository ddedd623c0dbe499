/** Display helpers for pages: dates and author lists as readers see them. */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2025-03-14` → `Mar 14, 2025`. */
export function formatDayLong(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return `${MONTHS[m - 1]} ${d}, ${y}`;
}

/** `2025-03-14` → `Mar 14`. */
export function formatDayShort(day: string): string {
  const [, m, d] = day.split('-').map(Number) as [number, number, number];
  return `${MONTHS[m - 1]} ${d}`;
}

export function formatMonth(year: number, month: number): string {
  return `${['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][month - 1]} ${year}`;
}

/** An ISO timestamp as `Mar 14, 2025`, or null. */
export function formatInstant(iso: string | null): string | null {
  return iso ? formatDayLong(iso.slice(0, 10)) : null;
}

/** The first few authors and how many more there are. */
export function shortAuthors(
  authors: readonly string[],
  shown = 6,
): { names: readonly string[]; more: number } {
  return authors.length <= shown + 1
    ? { names: authors, more: 0 }
    : { names: authors.slice(0, shown), more: authors.length - shown };
}

export function arxivAbsUrl(id: string): string {
  return `https://arxiv.org/abs/${id}`;
}

export function arxivPdfUrl(id: string): string {
  return `https://arxiv.org/pdf/${id}`;
}

/** The code links worth a button: repositories first. */
export function codeLink(urls: readonly string[]): string | null {
  return urls.find((u) => /github\.com|gitlab\.com|bitbucket\.org|codeberg\.org/i.test(u)) ?? null;
}
