import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type DocumentFrequencies,
  extractKeyphrases,
  keyWords,
  sharedKeyphrases,
} from '../../src/domain/keyphrases.ts';
import { mostCentral, oneLineSummary, sentencesOf } from '../../src/domain/summary.ts';

/** A store of 1000 papers where the listed words are common and every other word is rare. */
function frequencies(common: Record<string, number>): DocumentFrequencies {
  return { papers: 1000, papersWith: (w) => common[w] ?? 1 };
}

test('keyWords: lowercased content words, stopwords, numbers and short words dropped', () => {
  const cases: [string, string[]][] = [
    ['The State-Space Model of GPT-4', ['state-space', 'gpt-4']],
    ['We propose a novel method', []],
    ['2024 results in 3 tables', ['tables']],
    ['', []],
  ];
  for (const [text, expected] of cases) assert.deepEqual(keyWords(text), expected, text);
});

test('extractKeyphrases: table of papers and the phrase each must yield first', () => {
  const cases: { title: string; abstract: string; common?: Record<string, number>; first: string }[] = [
    {
      title: 'Token Merging for Fast Diffusion',
      abstract: 'Token merging combines similar tokens. We show token merging speeds up diffusion.',
      common: { diffusion: 300, fast: 500, tokens: 200 },
      first: 'Token Merging',
    },
    {
      // A rare phrase in the abstract, repeated, beats a common title word.
      title: 'Learning Systems',
      abstract: 'Spectral sparsification helps. Spectral sparsification of graphs is studied.',
      common: { learning: 900, systems: 800 },
      first: 'Spectral sparsification',
    },
  ];
  for (const c of cases) {
    const phrases = extractKeyphrases(c.title, c.abstract, frequencies(c.common ?? {}));
    assert.equal(phrases[0], c.first, `${c.title}: ${phrases.join(' | ')}`);
  }
});

test('extractKeyphrases: at most max phrases, none sharing a word, one-off word pairs dropped', () => {
  const phrases = extractKeyphrases(
    'Graph Neural Networks',
    'Message passing on graph neural networks. Oversmoothing hurts deep message passing. Random walk kernels differ.',
    frequencies({}),
    3,
  );
  assert.equal(phrases.length, 3);
  const words = phrases.flatMap((p) => keyWords(p));
  assert.equal(new Set(words).size, words.length, phrases.join(' | '));
  assert.ok(!phrases.includes('Random walk kernels'), 'a three-word run seen once outside the title');
  assert.deepEqual(extractKeyphrases('', '', frequencies({})), []);
});

test('sharedKeyphrases: the phrases whose words the other paper also has', () => {
  const a = { keywords: ['token merging', 'vision transformers'], text: 'Token merging for ViT' };
  const b = { keywords: ['token pruning'], text: 'Pruning and merging each token in vision transformers' };
  assert.deepEqual(sharedKeyphrases(a, b), ['token merging', 'vision transformers']);
  const c = { keywords: ['token pruning', 'robust attention'], text: 'Pruning tokens' };
  assert.deepEqual(sharedKeyphrases(a, c), ['token'], 'a single word when no whole phrase is shared');
  assert.deepEqual(sharedKeyphrases(a, { keywords: ['robotics'], text: 'robot arms' }), []);
});

test('sentencesOf: splits at sentence ends, not at abbreviations before lower case', () => {
  const cases: [string, number][] = [
    ['One thing. Two things! Three?', 3],
    ['We use e.g. transformers here. Then more.', 2],
    ['  ', 0],
    ['No full stop at the end', 1],
  ];
  for (const [text, n] of cases) assert.equal(sentencesOf(text).length, n, text);
});

test('oneLineSummary: the sentence that shares most with the others, not a short or dependent one', () => {
  const abstract =
    'Code is available online. ' +
    'We merge similar tokens in vision transformers to make vision transformers faster. ' +
    'Merging tokens keeps accuracy of vision transformers on images. ' +
    'However, merging similar tokens in vision transformers needs care.';
  assert.equal(
    oneLineSummary(abstract),
    'We merge similar tokens in vision transformers to make vision transformers faster.',
  );
  assert.equal(oneLineSummary(''), '');
  assert.equal(mostCentral(['Only one sentence here.']), 0);
});

test('oneLineSummary: a long sentence is cut at a word and ends with an ellipsis', () => {
  const long = `${'word '.repeat(100).trim()}.`;
  const summary = oneLineSummary(long, 50);
  assert.ok(summary.length <= 50, summary);
  assert.ok(summary.endsWith('word…'), summary);
});
