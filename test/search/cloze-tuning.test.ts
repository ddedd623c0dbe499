import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clozePairs, DEFAULT_TUNING } from '../../src/search/lsa/cloze-tuning.ts';
import { seededRandom } from '../../src/search/lsa/linear-algebra.ts';
import {
  DEFAULT_LSA_OPTIONS,
  embedLsa,
  type LsaOptions,
  lsaTerms,
  trainLsa,
} from '../../src/search/lsa/lsa-model.ts';
import { decodeLsaModel, encodeLsaModel } from '../../src/search/lsa/model-codec.ts';
import { subwordBuckets } from '../../src/search/lsa/subwords.ts';
import { trainLsaInWorker } from '../../src/search/lsa/train-in-worker.ts';

/**
 * Papers in four fields; each has words of its own, spread over its sentences. Every sentence shares few
 * words with the others of its paper, so finding a sentence's paper takes knowing which words go together.
 */
function papers(count: number): string[] {
  const random = seededRandom(3);
  const fields = ['protein', 'galaxy', 'network', 'climate'].map((f) =>
    Array.from({ length: 12 }, (_, i) => `${f}${String.fromCharCode(97 + i)}`),
  );
  return Array.from({ length: count }, (_, p) => {
    const field = fields[p % fields.length]!;
    const own = Array.from({ length: 8 }, (_, i) => `paper${p}w${String.fromCharCode(97 + i)}`);
    const pick = (words: readonly string[]) => words[Math.floor(random() * words.length)]!;
    const sentences = Array.from({ length: 6 }, () => {
      const words = [pick(own), pick(own), pick(field), pick(field), pick(field)];
      return `${words[0]![0]!.toUpperCase()}${words.join(' ').slice(1)}.`;
    });
    return `Title ${pick(own)} ${pick(field)}. ${sentences.join(' ')}`;
  });
}

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);

/** The share of sentences whose own paper is the nearest paper to them. */
function sentenceAccuracy(texts: readonly string[], options: LsaOptions): number {
  const model = trainLsa(texts, options);
  const vectors = texts.map((t) => embedLsa(model, t));
  let right = 0;
  let all = 0;
  texts.forEach((text, p) => {
    for (const sentence of text.split('. ').slice(1)) {
      const v = embedLsa(model, sentence);
      const scores = vectors.map((u) => dot(u, v));
      if (scores.indexOf(Math.max(...scores)) === p) right++;
      all++;
    }
  });
  return right / all;
}

const small: LsaOptions = { ...DEFAULT_LSA_OPTIONS, dimension: 8, minDocumentFrequency: 1 };

test('cloze pairs: each sentence of three or more terms, against the rest of its paper without its words', () => {
  const texts = [
    'Kinase binding assays measure drug affinity. Kinase inhibitors block binding sites in tumour cells. Small.',
    'Too short.',
  ];
  const weigh = (terms: readonly string[]) => ({
    rows: Int32Array.from(terms, (_, i) => i),
    weights: Float32Array.from(terms, () => 1),
    terms,
  });
  const pairs = clozePairs(texts, lsaTerms, weigh).map((p) => ({
    paper: p.paper,
    sentence: (p.sentence as ReturnType<typeof weigh>).terms,
    rest: (p.rest as ReturnType<typeof weigh>).terms,
  }));
  assert.deepEqual(pairs, [
    {
      paper: 0,
      sentence: ['kinase', 'binding', 'assay', 'measure', 'drug', 'affinity'],
      rest: ['inhibitor', 'block', 'site', 'tumour', 'cell', 'small'],
    },
    {
      paper: 0,
      sentence: ['kinase', 'inhibitor', 'block', 'binding', 'site', 'tumour', 'cell'],
      rest: ['assay', 'measure', 'drug', 'affinity', 'small'],
    },
  ]);
});

test('tuning teaches the model which words go together: sentences find their own paper far more often', () => {
  const texts = papers(200);
  const before = sentenceAccuracy(texts, { ...small, tuning: { ...DEFAULT_TUNING, epochs: 0 } });
  const after = sentenceAccuracy(texts, {
    ...small,
    tuning: { ...DEFAULT_TUNING, epochs: 3, batchSize: 32 },
  });
  assert.ok(
    after > before + 0.2,
    `sentence → own paper: ${before.toFixed(3)} untuned, ${after.toFixed(3)} tuned`,
  );
});

test('a model trained on a worker thread is the model trained here, number for number', async () => {
  const texts = papers(20);
  const options = { ...small, tuning: { ...DEFAULT_TUNING, epochs: 1, batchSize: 16 } };
  const here = trainLsa(texts, options);
  const there = await trainLsaInWorker(texts, options);
  assert.deepEqual([...there.vocabulary], [...here.vocabulary]);
  assert.deepEqual([...there.idf], [...here.idf]);
  assert.deepEqual([...there.termVectors], [...here.termVectors]);
  assert.deepEqual([...there.subwordVectors], [...here.subwordVectors]);
  assert.notDeepEqual(
    [...trainLsa(texts, { ...options, tuning: { ...options.tuning, epochs: 0 } }).termVectors],
    [...here.termVectors],
    'the tuning changed the vectors',
  );
});

test('subwords: the buckets of a word’s 4-grams, shared by words spelt alike', () => {
  const methylation = subwordBuckets('methylation');
  assert.equal(methylation.length, 10, '<met … on> : 13 characters, 10 four-grams (no collision)');
  assert.ok(methylation.every((b, i) => b >= 0 && b < 65536 && (i === 0 || b > methylation[i - 1]!)));
  const shared = (a: Int32Array, b: Int32Array) => a.filter((x) => b.includes(x)).length;
  assert.equal(shared(methylation, subwordBuckets('methylated')), 6, '<met meth ethy thyl hyla ylat');
  assert.equal(shared(methylation, subwordBuckets('galaxy')), 0);
  assert.deepEqual(subwordBuckets('ab'), subwordBuckets('ab'), 'the same word, the same buckets');
  assert.equal(subwordBuckets('ab').length, 1, '<ab> is one 4-gram');
  assert.ok(subwordBuckets('methylation', 8).every((b) => b < 8));
});

test('a word the model never saw lands among the papers of the words it is spelt like', () => {
  const texts = papers(200);
  // A stronger step than the default: 200 papers are few to learn spellings from.
  const options = { ...small, tuning: { ...DEFAULT_TUNING, epochs: 3, batchSize: 32, learningRate: 0.01 } };
  const model = trainLsa(texts, options);
  assert.equal(model.vocabulary.has('proteinz'), false);
  const vectors = texts.map((t) => embedLsa(model, t));
  const nearest = (text: string) => {
    const v = embedLsa(model, text);
    const scores = vectors.map((u, p) => [p, dot(u, v)] as const);
    return scores.sort((a, b) => b[1] - a[1]);
  };
  // Paper p is in field p % 4: protein, galaxy, network, climate.
  for (const [word, field] of [
    ['proteinz', 0],
    ['galaxyz', 1],
  ] as const) {
    const top = nearest(word).slice(0, 10);
    const inField = top.filter(([p]) => p % 4 === field).length;
    assert.ok(top[0]![1] > 0, `${word} has a vector`);
    assert.ok(inField >= 6, `${word}: ${inField} of its 10 nearest papers in its field (by chance: 2 or 3)`);
  }
  const decoded = decodeLsaModel(encodeLsaModel(model));
  assert.equal(decoded.subwordWeight, model.subwordWeight);
  assert.deepEqual([...embedLsa(decoded, 'proteinz')], [...embedLsa(model, 'proteinz')]);

  const without = trainLsa(texts, { ...options, subwordWeight: 0 });
  assert.equal(without.subwordVectors.length, 0);
  assert.deepEqual([...embedLsa(without, 'proteinz')], new Array(8).fill(0), 'no subwords: no vector');
});
