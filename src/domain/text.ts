/** Text clean-up shared by every source: whitespace, LaTeX accents, links. Pure functions. */

const ACCENTS: Record<string, Record<string, string>> = {
  '"': { a: 'ä', e: 'ë', i: 'ï', o: 'ö', u: 'ü', y: 'ÿ', A: 'Ä', E: 'Ë', I: 'Ï', O: 'Ö', U: 'Ü' },
  "'": {
    a: 'á',
    e: 'é',
    i: 'í',
    o: 'ó',
    u: 'ú',
    y: 'ý',
    c: 'ć',
    n: 'ń',
    s: 'ś',
    z: 'ź',
    A: 'Á',
    E: 'É',
    I: 'Í',
    O: 'Ó',
    U: 'Ú',
    C: 'Ć',
    S: 'Ś',
    Z: 'Ź',
  },
  '`': { a: 'à', e: 'è', i: 'ì', o: 'ò', u: 'ù', A: 'À', E: 'È', O: 'Ò' },
  '^': { a: 'â', e: 'ê', i: 'î', o: 'ô', u: 'û', A: 'Â', E: 'Ê', O: 'Ô' },
  '~': { a: 'ã', n: 'ñ', o: 'õ', A: 'Ã', N: 'Ñ', O: 'Õ' },
  c: { c: 'ç', C: 'Ç', s: 'ş', S: 'Ş' },
  v: { c: 'č', s: 'š', z: 'ž', r: 'ř', e: 'ě', n: 'ň', C: 'Č', S: 'Š', Z: 'Ž', R: 'Ř' },
  u: { a: 'ă', g: 'ğ', A: 'Ă' },
  H: { o: 'ő', u: 'ű', O: 'Ő', U: 'Ű' },
  '=': { a: 'ā', e: 'ē', i: 'ī', o: 'ō', u: 'ū' },
  '.': { z: 'ż', Z: 'Ż', I: 'İ' },
  k: { a: 'ą', e: 'ę', A: 'Ą', E: 'Ę' },
};
const LETTERS: Record<string, string> = {
  o: 'ø',
  O: 'Ø',
  ss: 'ß',
  aa: 'å',
  AA: 'Å',
  ae: 'æ',
  AE: 'Æ',
  oe: 'œ',
  OE: 'Œ',
  l: 'ł',
  L: 'Ł',
  i: 'ı',
};

/**
 * Turns LaTeX accent macros (`Schr\"odinger`, `{\'e}`, `\c{c}`, `{\o}`) into the letters they stand for.
 * Everything else, math included, stays as typed: pages show LaTeX as text.
 */
export function decodeLatexAccents(text: string): string {
  if (!text.includes('\\')) return text;
  return text
    .replace(
      /\{\\([`'^"~=.])\s*\{?([A-Za-z])\}?\}|\\([`'^"~=.])\s*\{([A-Za-z])\}|\\([`'^"~=.])([A-Za-z])/g,
      (whole, a1, l1, a2, l2, a3, l3) => ACCENTS[a1 ?? a2 ?? a3]?.[l1 ?? l2 ?? l3] ?? whole,
    )
    .replace(
      /\{\\([cvuHk])\s*\{?([A-Za-z])\}?\}|\\([cvuHk])\{([A-Za-z])\}|\\([cvuHk]) ([A-Za-z])/g,
      (whole, a1, l1, a2, l2, a3, l3) => ACCENTS[a1 ?? a2 ?? a3]?.[l1 ?? l2 ?? l3] ?? whole,
    )
    .replace(
      /\{\\(ss|aa|AA|ae|AE|oe|OE|o|O|l|L|i)\}|\\(ss|aa|AA|ae|AE|oe|OE|o|O|l|L)(?![A-Za-z])/g,
      (whole, a, b) => LETTERS[a ?? b] ?? whole,
    );
}

// Runs of two or more, or one whitespace that is not a space: single spaces (most of them) are left
// alone, which keeps this off the top of the ingest profile.
const WHITESPACE_TO_COLLAPSE = /\s{2,}|[^\S ]/g;

/** Collapses runs of whitespace (newlines included) into single spaces and trims. */
export function collapseWhitespace(text: string): string {
  return text.replace(WHITESPACE_TO_COLLAPSE, ' ').trim();
}

/** Cleans a title or abstract: accents decoded, whitespace collapsed, control characters removed. */
export function cleanText(text: string): string {
  return collapseWhitespace(decodeLatexAccents(removeControlCharacters(text)));
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

function removeControlCharacters(text: string): string {
  return text.replace(CONTROL_CHARACTERS, ' ');
}

const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'{}|\\^`]+/gi;

/** Every http(s) link in a text, with trailing punctuation and unbalanced brackets trimmed. */
export function findLinks(text: string): string[] {
  const links: string[] = [];
  for (const match of text.matchAll(URL_IN_TEXT)) {
    let url = match[0];
    for (;;) {
      const trimmed = url.replace(/[.,;:!?]+$/, '');
      const last = trimmed.at(-1);
      const unbalanced =
        (last === ')' && count(trimmed, '(') < count(trimmed, ')')) ||
        (last === ']' && count(trimmed, '[') < count(trimmed, ']'));
      const next = unbalanced ? trimmed.slice(0, -1) : trimmed;
      if (next === url) break;
      url = next;
    }
    try {
      const parsed = new URL(url);
      if (parsed.hostname.includes('.')) links.push(url);
    } catch {
      // not a link after all
    }
  }
  return links;
}

function count(text: string, char: string): number {
  let n = 0;
  for (const c of text) if (c === char) n++;
  return n;
}

/**
 * Splits an arXiv-style author line ("A. One, B. Two and C. Three (Univ. X)") into names in order,
 * dropping parenthesised affiliations.
 */
export function splitAuthors(line: string): string[] {
  // `\,` is LaTeX's thin space (`M. Finger,\, Jr.`), not a separator.
  const withoutAffiliations = removeParenthesised(cleanText(line.replace(/\\[,;: ]/g, ' ')));
  const names: string[] = [];
  for (const part of withoutAffiliations.split(/\s*,\s*(?:and\s+)?|\s+and\s+|\s*;\s*|\s*&\s*/)) {
    const name = part.trim();
    if (name === '' || /^(et al\.?|others)$/i.test(name)) continue;
    // "Name, Jr." is one author.
    if (NAME_SUFFIX.test(name) && names.length > 0) names[names.length - 1] += ` ${name}`;
    else names.push(name);
  }
  return names;
}

const NAME_SUFFIX = /^(jr\.?|sr\.?|ii|iii|iv)$/i;

function removeParenthesised(text: string): string {
  let depth = 0;
  let out = '';
  for (const c of text) {
    if (c === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
    else if (depth === 0) out += c;
  }
  return collapseWhitespace(out);
}
