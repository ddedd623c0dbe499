/** Small readers of our own pages' markup, for assertions (the pages are server-rendered strings). */

/** The paper ids of a listing's cards, in page order. */
export function cardIds(html: string): string[] {
  return [...html.matchAll(/<li class="card"><h2><a href="\/papers\/([^"]+)">/g)].map((m) => m[1] ?? '');
}

/**
 * The markup of a paper's card on a listing, or ''. Cards hold lists of their own (key phrases), so it
 * ends where the next card or the list of cards does.
 */
export function cardOf(html: string, paperId: string): string {
  const start = html.indexOf(`<li class="card"><h2><a href="/papers/${paperId}">`);
  if (start < 0) return '';
  const ends = [html.indexOf('<li class="card">', start + 1), html.indexOf('</ol>', start)].filter(
    (i) => i > 0,
  );
  return html.slice(start, Math.min(...ends));
}

/** The `href` of the first link with this `rel`, or null. */
export function relHref(html: string, rel: 'prev' | 'next'): string | null {
  return new RegExp(`<a rel="${rel}"[^>]* href="([^"]+)"`).exec(html)?.[1] ?? null;
}

/** The text of the first `<h1>`, tags removed. */
export function h1Text(html: string): string {
  return stripTags(/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1] ?? '');
}

/** The markup of the first element with this class (up to its closing tag of the same name, unnested). */
export function elementWithClass(html: string, tag: string, className: string): string {
  return new RegExp(`<${tag} class="${className}"[^>]*>[\\s\\S]*?</${tag}>`).exec(html)?.[0] ?? '';
}

export function stripTags(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
