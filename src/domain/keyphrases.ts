/**
 * Key phrases of a paper, extractive: the runs of content words in its title and abstract, weighed by
 * TF-IDF over how many papers in the store use each word. Pure: the document frequencies are passed in.
 *
 *   "Token merging for vision transformers…"  → token merging, vision transformers, …
 *
 * Candidates are runs of up to three words between stopwords and punctuation. A phrase of several
 * words must occur twice, or in the title, to be kept: a one-off word pair is rarely a topic.
 */
import { STOPWORDS } from '../search/stopwords.ts';

/** How many papers use a word (the store's counts), and how many papers there are. */
export interface DocumentFrequencies {
  readonly papers: number;
  papersWith(word: string): number;
}

export const MAX_KEYPHRASES = 5;
const MAX_PHRASE_WORDS = 3;
/** A phrase found in the title counts this much more. */
const TITLE_BOOST = 1.5;
/** How much each word after the first adds to a phrase's score. */
const PHRASE_BONUS = 0.3;

/** Words of research prose too common to name a topic, on top of the English stopwords. */
const FILLER = new Set(
  (
    'also approach approaches based can demonstrate different due existing experiment experiments extensive ' +
    'first furthermore however including introduce large method methods model models moreover new novel ' +
    'one paper performance present problem propose proposed provide recent results show shows significant ' +
    'significantly state study task tasks several two three use used uses using via well whereas work works ' +
    'across achieve achieves available code even given high improve improves improved key many may much ' +
    'need often outperform outperforms previous prior publicly set simple still strong such thus us without ' +
    'though although rather able toward towards among within upon whether yet'
  ).split(' '),
);

/** Stopwords and filler together: one lookup per word. */
const EXCLUDED: ReadonlySet<string> = new Set([...STOPWORDS, ...FILLER]);

/** A word: letters and digits, joined by inner hyphens (`state-space`, `gpt-4`). */
const TOKEN = /[\p{L}\p{N}]+(?:[-'][\p{L}\p{N}]+)*/gu;
/** Anything that ends a phrase: sentence and clause punctuation, brackets. */
const BREAK = /[.,;:!?()[\]{}"“”]/;

/** The lowercased words of a text as key phrases see them (the store counts these). */
export function keyWords(text: string): string[] {
  const plain = plainForm(text);
  if (plain === null) return (text.normalize('NFKC').toLowerCase().match(TOKEN) ?? []).filter(isContentWord);
  const lower = plain.toLowerCase();
  const out: string[] = [];
  const at = asciiTokens(lower);
  for (let i = 0; i < at.length; i += 3) {
    if (isContentAt(lower, at[i]!, at[i + 1]!)) out.push(lower.slice(at[i], at[i + 1]));
  }
  return out;
}

/** Up to `max` key phrases of a paper, best first, each in the form it first appears in. */
export function extractKeyphrases(
  title: string,
  abstract: string,
  frequencies: DocumentFrequencies,
  max = MAX_KEYPHRASES,
): string[] {
  const titleRuns = runs(title);
  const allRuns = [...titleRuns, ...runs(abstract)];
  const termCounts = new Map<string, number>();
  for (const run of allRuns) for (const w of run) termCounts.set(w.key, (termCounts.get(w.key) ?? 0) + 1);
  const weights = new Map<string, number>();
  const weight = (word: string) => {
    let w = weights.get(word);
    if (w === undefined) {
      w = (1 + Math.log(termCounts.get(word) ?? 1)) * idf(frequencies, word);
      weights.set(word, w);
    }
    return w;
  };

  const titleKeys = new Set<string>();
  for (const run of titleRuns) grams(run, (key) => titleKeys.add(key));
  const candidates = new Map<string, Candidate>();
  for (const run of allRuns) {
    grams(run, (key, text, start, n) => {
      const seen = candidates.get(key);
      if (seen) seen.count++;
      else candidates.set(key, { key, text, words: wordsOf(run, start, n), count: 1, score: 0 });
    });
  }
  const scored: Candidate[] = [];
  for (const c of candidates.values()) {
    const inTitle = titleKeys.has(c.key);
    if (!(c.words.length === 1 || c.count >= 2 || inTitle)) continue;
    let sum = 0;
    for (const w of c.words) sum += weight(w);
    // The mean word weight, raised for each extra word: "token merging" beats "token", but a
    // three-word run of the title does not beat every single word just by adding up.
    c.score =
      (sum / c.words.length) * (1 + PHRASE_BONUS * (c.words.length - 1)) * (inTitle ? TITLE_BOOST : 1);
    scored.push(c);
  }
  // Best first (higher score, then key by locale): the order of a stable sort, taken one at a time
  // since only the first few are needed.
  const taken = new Uint8Array(scored.length);
  const picked: Candidate[] = [];
  while (picked.length < max) {
    let best = -1;
    for (let i = 0; i < scored.length; i++) {
      if (taken[i] === 1) continue;
      if (best < 0) best = i;
      else {
        const a = scored[i]!;
        const b = scored[best]!;
        if (a.score > b.score || (a.score === b.score && collator.compare(a.key, b.key) < 0)) best = i;
      }
    }
    if (best < 0) break;
    taken[best] = 1;
    const candidate = scored[best]!;
    // One phrase per topic: skip a phrase that shares a word with a better one.
    if (picked.some((p) => p.words.some((w) => candidate.words.includes(w)))) continue;
    picked.push(candidate);
  }
  return picked.map((p) => p.text);
}

interface Candidate {
  readonly key: string;
  readonly text: string;
  readonly words: string[];
  count: number;
  score: number;
}

/** Compares as `String.prototype.localeCompare` does (same default locale and options), cached. */
const collator = new Intl.Collator();

/**
 * The key phrases two papers share, to say why one is related to the other: each paper's phrases
 * whose every word occurs in the other paper's title, abstract or phrases, then single words of the
 * phrases that the other paper has. At most `max`, whole phrases first.
 */
export function sharedKeyphrases(
  a: { readonly keywords: readonly string[]; readonly text: string },
  b: { readonly keywords: readonly string[]; readonly text: string },
  max = 3,
): string[] {
  const wordsA = new Set(keyWords(`${a.text} ${a.keywords.join(' ')}`));
  const wordsB = new Set(keyWords(`${b.text} ${b.keywords.join(' ')}`));
  const shared: string[] = [];
  const seen = new Set<string>();
  const consider = (phrase: string, other: ReadonlySet<string>) => {
    const words = keyWords(phrase);
    const key = words.join(' ');
    if (words.length === 0 || seen.has(key) || !words.every((w) => other.has(w))) return;
    seen.add(key);
    shared.push(phrase);
  };
  for (const phrase of a.keywords) consider(phrase, wordsB);
  for (const phrase of b.keywords) consider(phrase, wordsA);
  // Then single words of the phrases ("token" of "token merging"), when whole phrases are too few.
  for (const phrase of shared) for (const word of keyWords(phrase)) seen.add(word);
  for (const phrase of a.keywords) for (const word of keyWords(phrase)) consider(word, wordsB);
  for (const phrase of b.keywords) for (const word of keyWords(phrase)) consider(word, wordsA);
  return shared.slice(0, max);
}

interface Word {
  readonly key: string;
  readonly text: string;
}

/** The runs of content words of a text, split at stopwords, filler words, numbers and punctuation. */
function runs(text: string): Word[][] {
  const out: Word[][] = [];
  let current: Word[] = [];
  const end = () => {
    if (current.length > 0) out.push(current);
    current = [];
  };
  const plain = plainForm(text);
  if (plain !== null) {
    const lower = plain.toLowerCase();
    const at = asciiTokens(plain);
    for (let i = 0; i < at.length; i += 3) {
      if (at[i + 2] === 1) end();
      if (isContentAt(lower, at[i]!, at[i + 1]!)) {
        current.push({ key: lower.slice(at[i], at[i + 1]), text: plain.slice(at[i], at[i + 1]) });
      } else end();
    }
    end();
    return out;
  }
  let at = 0;
  const normalised = text.normalize('NFKC');
  for (const m of normalised.matchAll(TOKEN)) {
    if (BREAK.test(normalised.slice(at, m.index))) end();
    at = m.index + m[0].length;
    const key = m[0].toLowerCase();
    if (isContentWord(key)) current.push({ key, text: m[0] });
    else end();
  }
  end();
  return out;
}

const NON_ASCII = /[\u0080-\uffff]/;
/**
 * What stops `plainForm`: a letter, digit or mark beyond ASCII, or one of the only punctuation and
 * symbols that lowercasing changes (circled capitals).
 */
const NOT_PLAIN = /(?![\p{P}\p{S}\p{Z}])[\u0080-\u{10ffff}]|[\u24b6-\u24cf]/u;

/**
 * The text in NFKC when its words are all ASCII (any other character is punctuation, a symbol or a
 * space, none of which lowercasing changes), else null. In such a text the words are what
 * `asciiTokens` finds, and lowercasing before or after finding them gives the same words.
 */
function plainForm(text: string): string | null {
  if (!NON_ASCII.test(text)) return text;
  const normalised = text.normalize('NFKC');
  return NOT_PLAIN.test(normalised) ? null : normalised;
}

/** The characters of BREAK, by UTF-16 code. */
const BREAK_CODES = new Uint8Array(0x10000);
for (const c of '.,;:!?()[]{}"“”') BREAK_CODES[c.charCodeAt(0)] = 1;

function isAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

/**
 * The words of a `plainForm` text as TOKEN matches them: for each, its start, its end, and 1 when a BREAK
 * character comes between it and the word before (else 0).
 */
function asciiTokens(text: string): number[] {
  const out: number[] = [];
  const n = text.length;
  let brk = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (!isAlnum(c)) {
      if (BREAK_CODES[c] === 1) brk = 1;
      i++;
      continue;
    }
    const start = i;
    i++;
    for (;;) {
      while (i < n && isAlnum(text.charCodeAt(i))) i++;
      const d = text.charCodeAt(i);
      if ((d === 45 || d === 39) && i + 1 < n && isAlnum(text.charCodeAt(i + 1))) {
        i += 2;
        continue;
      }
      break;
    }
    out.push(start, i, brk);
    brk = 0;
  }
  return out;
}

/** Visits every phrase of 1 to 3 consecutive words in a run: its key, its text, where and how long. */
function grams(
  run: readonly Word[],
  visit: (key: string, text: string, start: number, n: number) => void,
): void {
  for (let i = 0; i < run.length; i++) {
    let key = '';
    let text = '';
    for (let n = 1; n <= MAX_PHRASE_WORDS && i + n <= run.length; n++) {
      const w = run[i + n - 1]!;
      key = n === 1 ? w.key : `${key} ${w.key}`;
      text = n === 1 ? w.text : `${text} ${w.text}`;
      visit(key, text, i, n);
    }
  }
}

function wordsOf(run: readonly Word[], start: number, n: number): string[] {
  const words: string[] = [];
  for (let i = start; i < start + n; i++) words.push(run[i]!.key);
  return words;
}

/** EXCLUDED by `hashAt`, so a word can be looked up without cutting it out of its text. */
const EXCLUDED_BY_HASH = new Map<number, string[]>();
let longestExcluded = 0;
for (const word of EXCLUDED) {
  const h = hashAt(word, 0, word.length);
  EXCLUDED_BY_HASH.set(h, [...(EXCLUDED_BY_HASH.get(h) ?? []), word]);
  longestExcluded = Math.max(longestExcluded, word.length);
}

function hashAt(text: string, start: number, end: number): number {
  let h = end - start;
  for (let i = start; i < end; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return h;
}

/** `isContentWord(text.slice(start, end))`, without the slice. */
function isContentAt(text: string, start: number, end: number): boolean {
  const length = end - start;
  if (length < 3) return false;
  const c = text.charCodeAt(start);
  if (c >= 48 && c <= 57) return false;
  if (length > longestExcluded) return true;
  const words = EXCLUDED_BY_HASH.get(hashAt(text, start, end));
  if (words !== undefined) {
    for (const word of words) if (word.length === length && text.startsWith(word, start)) return false;
  }
  return true;
}

function isContentWord(word: string): boolean {
  if (word.length < 3) return false;
  const c = word.charCodeAt(0);
  return !(c >= 48 && c <= 57) && !EXCLUDED.has(word);
}

/** Smoothed inverse document frequency: rare words weigh more; a word no paper has yet weighs most. */
function idf(frequencies: DocumentFrequencies, word: string): number {
  const n = Math.max(frequencies.papers, 0);
  const df = Math.min(Math.max(frequencies.papersWith(word), 0), n);
  return Math.log((n + 1) / (df + 1)) + 1;
}
