/** A subscriber's topics: arXiv categories and keywords. Pure. */

export interface Topics {
  readonly categories: readonly string[];
  readonly keywords: readonly string[];
}

export const NO_TOPICS: Topics = { categories: [], keywords: [] };

/** Archives written without a subject class (`hep-th`, `quant-ph`, …) next to the dotted ones (`cs.CL`). */
const DOTLESS_ARCHIVES = new Set([
  'astro-ph',
  'cond-mat',
  'gr-qc',
  'hep-ex',
  'hep-lat',
  'hep-ph',
  'hep-th',
  'math-ph',
  'nlin',
  'nucl-ex',
  'nucl-th',
  'physics',
  'quant-ph',
]);
const DOTTED = /^[a-z-]+\.[A-Za-z-]+$/;
const MAX_TOPICS = 20;
const MAX_KEYWORD_LENGTH = 60;

export function isCategory(text: string): boolean {
  return DOTTED.test(text) || DOTLESS_ARCHIVES.has(text);
}

/** Splits a list typed by a person or read from a CSV cell (`;` or `,` between items). */
export function splitList(text: string): string[] {
  return text
    .split(/[;,\n]/)
    .map((part) => part.trim().replace(/\s+/g, ' '))
    .filter((part) => part !== '');
}

/** Categories and keywords from separate fields; anything not a category in `categories` is an error. */
export function parseTopics(
  categoriesText: string,
  keywordsText: string,
): { ok: true; topics: Topics } | { ok: false; reason: string } {
  const categories = unique(splitList(categoriesText));
  const bad = categories.find((c) => !isCategory(c));
  if (bad !== undefined)
    return { ok: false, reason: `“${bad}” is not an arXiv category (like cs.CL or hep-th)` };
  const keywords = unique(splitList(keywordsText).map((k) => k.toLowerCase()));
  const long = keywords.find((k) => k.length > MAX_KEYWORD_LENGTH);
  if (long !== undefined)
    return { ok: false, reason: `keywords are at most ${MAX_KEYWORD_LENGTH} characters` };
  if (categories.length + keywords.length > MAX_TOPICS) {
    return { ok: false, reason: `at most ${MAX_TOPICS} topics` };
  }
  return { ok: true, topics: { categories, keywords } };
}

/** One mixed list (the CSV `topics` column): categories are recognised, the rest are keywords. */
export function parseMixedTopics(text: string) {
  const items = splitList(text);
  return parseTopics(items.filter(isCategory).join(';'), items.filter((i) => !isCategory(i)).join(';'));
}

/** The mixed-list form of topics, as `export` writes and `import` reads it. */
export function formatTopics(topics: Topics): string {
  return [...topics.categories, ...topics.keywords].join('; ');
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}
