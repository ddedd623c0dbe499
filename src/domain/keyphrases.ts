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

/** A word: letters and digits, joined by inner hyphens (`state-space`, `gpt-4`). */
const TOKEN = /[\p{L}\p{N}]+(?:[-'][\p{L}\p{N}]+)*/gu;
/** Anything that ends a phrase: sentence and clause punctuation, brackets. */
const BREAK = /[.,;:!?()[\]{}"“”]/;

/** The lowercased words of a text as key phrases see them (the store counts these). */
export function keyWords(text: string): string[] {
  return (text.normalize('NFKC').toLowerCase().match(TOKEN) ?? []).filter(isContentWord);
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
  const weight = (word: string) => (1 + Math.log(termCounts.get(word) ?? 1)) * idf(frequencies, word);

  const titleKeys = new Set(titleRuns.flatMap((run) => grams(run).map((g) => g.key)));
  const candidates = new Map<string, { text: string; words: string[]; count: number }>();
  for (const run of allRuns) {
    for (const gram of grams(run)) {
      const seen = candidates.get(gram.key);
      if (seen) seen.count++;
      else candidates.set(gram.key, { text: gram.text, words: gram.words, count: 1 });
    }
  }
  const scored = [...candidates.entries()]
    .filter(([key, c]) => c.words.length === 1 || c.count >= 2 || titleKeys.has(key))
    .map(([key, c]) => ({
      key,
      text: c.text,
      words: c.words,
      // The mean word weight, raised for each extra word: "token merging" beats "token", but a
      // three-word run of the title does not beat every single word just by adding up.
      score:
        (c.words.reduce((sum, w) => sum + weight(w), 0) / c.words.length) *
        (1 + PHRASE_BONUS * (c.words.length - 1)) *
        (titleKeys.has(key) ? TITLE_BOOST : 1),
    }))
    .sort((a, b) => b.score - a.score || a.key.localeCompare(b.key));

  const picked: typeof scored = [];
  for (const candidate of scored) {
    if (picked.length >= max) break;
    // One phrase per topic: skip a phrase that shares a word with a better one.
    if (picked.some((p) => p.words.some((w) => candidate.words.includes(w)))) continue;
    picked.push(candidate);
  }
  return picked.map((p) => p.text);
}

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

/** Every phrase of 1 to 3 consecutive words in a run. */
function grams(run: readonly Word[]): { key: string; text: string; words: string[] }[] {
  const out: { key: string; text: string; words: string[] }[] = [];
  for (let i = 0; i < run.length; i++) {
    for (let n = 1; n <= MAX_PHRASE_WORDS && i + n <= run.length; n++) {
      const slice = run.slice(i, i + n);
      const words = slice.map((w) => w.key);
      out.push({ key: words.join(' '), text: slice.map((w) => w.text).join(' '), words });
    }
  }
  return out;
}

function isContentWord(word: string): boolean {
  return word.length >= 3 && !/^\d/.test(word) && !STOPWORDS.has(word) && !FILLER.has(word);
}

/** Smoothed inverse document frequency: rare words weigh more; a word no paper has yet weighs most. */
function idf(frequencies: DocumentFrequencies, word: string): number {
  const n = Math.max(frequencies.papers, 0);
  const df = Math.min(Math.max(frequencies.papersWith(word), 0), n);
  return Math.log((n + 1) / (df + 1)) + 1;
}
