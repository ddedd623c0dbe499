import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseSearchQuery } from '../../src/domain/search-query.ts';
import { mean, ndcgAt, recallAt } from '../../src/search/eval/metrics.ts';
import { fts5Match, keywordTerms } from '../../src/search/keyword-terms.ts';
import { DEFAULT_LSA_OPTIONS, embedLsa, lsaTerms, trainLsa } from '../../src/search/lsa/lsa-model.ts';
import { decodeLsaModel, encodeLsaModel } from '../../src/search/lsa/model-codec.ts';
import { fuseRankings, keywordFeedback } from '../../src/search/rank-fusion.ts';
import { VectorIndex } from '../../src/search/vector-index.ts';

function terms(text: string) {
  const parsed = parseSearchQuery(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return keywordTerms(parsed.query);
}

test('the FTS5 expression quotes every word: optional words OR-ed, phrases and authors required', () => {
  assert.equal(fts5Match(terms('the token merging')), '("token" OR "merging")');
  assert.equal(fts5Match(terms('"state space" mamba tok*')), '("mamba" OR "tok" *) AND "state space"');
  assert.equal(fts5Match(terms('author:"Yann LeCun" cnn')), '"cnn" AND authors : "yann lecun"');
  assert.equal(fts5Match(terms('to be or not')), '("to" OR "be" OR "or" OR "not")', 'stopwords alone stay');
  assert.equal(fts5Match(terms('cat:cs.CL')), null);
});

test('no FTS5 syntax survives: the expression is only quoted words, OR, AND, * and authors :', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 60 }), (text) => {
      const parsed = parseSearchQuery(text);
      if (!parsed.ok) return;
      const match = fts5Match(keywordTerms(parsed.query));
      if (match === null) return;
      const outside = match.replace(/"[^"]*"/g, '');
      assert.match(outside, /^[\s()*]*(?:(?:OR|AND|authors :)[\s()*]*)*$/, match);
    }),
    { numRuns: 1000 },
  );
});

test('the exact vector index finds what a brute-force sort finds', () => {
  const vectorArb = fc.array(fc.float({ min: -1, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 });
  fc.assert(
    fc.property(
      fc.array(vectorArb, { minLength: 1, maxLength: 60 }),
      vectorArb,
      fc.integer({ min: 1, max: 10 }),
      (vectors, q, k) => {
        const index = new VectorIndex('test', 4);
        for (const [i, v] of vectors.entries()) index.set(`p${i}`, Float32Array.from(v));
        const query = Float32Array.from(q);
        const scores = vectors.map((v, i) => ({
          paperId: `p${i}`,
          score: Math.fround(
            v.reduce((s, x, j) => Math.fround(s + Math.fround(Math.fround(x) * query[j]!)), 0),
          ),
        }));
        const expected = scores
          .sort((a, b) => b.score - a.score)
          .slice(0, k)
          .map((s) => s.score);
        const found = index.nearest(query, k).map((s) => s.score);
        assert.equal(found.length, Math.min(k, vectors.length));
        for (const [i, s] of found.entries())
          assert.ok(Math.abs(s - expected[i]!) < 1e-5, `${found} vs ${expected}`);
      },
    ),
  );
});

test('setting a paper again replaces its vector', () => {
  const index = new VectorIndex('test', 2);
  index.set('a', Float32Array.of(1, 0));
  index.set('b', Float32Array.of(0, 1));
  index.set('a', Float32Array.of(0, -1));
  assert.equal(index.size, 2);
  assert.deepEqual(
    index.nearest(Float32Array.of(0, 1), 2).map((h) => h.paperId),
    ['b', 'a'],
  );
  assert.throws(() => index.set('c', Float32Array.of(1)), /dimension/);
});

test('reciprocal-rank fusion: agreement wins, weights tilt the balance', () => {
  const a = [
    { paperId: 'x', score: 9 },
    { paperId: 'y', score: 5 },
    { paperId: 'z', score: 1 },
  ];
  const b = [
    { paperId: 'z', score: 0.9 },
    { paperId: 'y', score: 0.8 },
  ];
  const even = fuseRankings(a, b, { keyword: 1, meaning: 1, k: 60, feedback: 0, feedbackWeight: 0 }).map(
    (h) => h.paperId,
  );
  assert.deepEqual(even, ['z', 'y', 'x'], 'two lists beat one');
  const keywordHeavy = fuseRankings(a, b, {
    keyword: 1,
    meaning: 0.1,
    k: 1,
    feedback: 0,
    feedbackWeight: 0,
  }).map((h) => h.paperId);
  assert.deepEqual(keywordHeavy, ['x', 'y', 'z']);
});

test('keyword feedback: the best matches weighed by their scores, a clear winner taking nearly all', () => {
  const weights = (scores: number[], count = 10) =>
    keywordFeedback(
      scores.map((score, i) => ({ paperId: `p${i}`, score })),
      count,
      2,
    ).map((f) => f.weight);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const clear = weights([30, 20, 10]);
  assert.ok(Math.abs(sum(clear) - 2) < 1e-9, 'the weights add up to the feedback weight');
  assert.ok(clear[0]! > 0.99 * 2);
  const tied = weights([30, 30, 10]);
  assert.equal(tied[0], tied[1], 'near-ties share');
  assert.ok(tied[2]! < 1e-4);
  assert.deepEqual(weights([5, 4, 3, 2], 2).length, 2, 'only the best `count`');
  assert.deepEqual(weights([0, 0]), [1, 1], 'no scores to go by: equal weights');
  assert.deepEqual(weights([]), []);
});

test('a model saved before subwords existed still loads, without them', () => {
  const model = trainLsa(corpus, { ...DEFAULT_LSA_OPTIONS, dimension: 4, minDocumentFrequency: 1 });
  // The layout before subwords: a header without the subword fields, then idf and the term vectors.
  const header = new TextEncoder().encode(
    JSON.stringify({ dimension: 4, trainedOn: model.trainedOn, terms: [...model.vocabulary.keys()] }),
  );
  const start = (4 + header.length + 3) & ~3;
  const bytes = new Uint8Array(start + (model.idf.length + model.termVectors.length) * 4);
  new DataView(bytes.buffer).setUint32(0, header.length, true);
  bytes.set(header, 4);
  const body = new Float32Array(bytes.buffer, start);
  body.set(model.idf);
  body.set(model.termVectors, model.idf.length);
  const old = decodeLsaModel(bytes);
  assert.equal(old.subwordWeight, 0);
  assert.equal(old.subwordVectors.length, 0);
  assert.deepEqual([...embedLsa(old, 'protein folding')], [...embedLsa(model, 'protein folding')]);
  assert.deepEqual(
    [...embedLsa(old, 'proteinz')],
    [0, 0, 0, 0],
    'an unknown word: no vector without subwords',
  );
});

test('nDCG@10 and recall@100 on hand-worked rankings', () => {
  const relevant = new Set(['a', 'b']);
  assert.equal(ndcgAt(10, ['a', 'b', 'c'], relevant), 1);
  assert.equal(ndcgAt(10, ['c', 'd'], relevant), 0);
  assert.ok(Math.abs(ndcgAt(10, ['c', 'a'], relevant) - 1 / Math.log2(3) / (1 + 1 / Math.log2(3))) < 1e-12);
  assert.equal(recallAt(100, ['a', 'x'], relevant), 0.5);
  assert.equal(mean([]), 0);
});

const corpus = [
  'Token merging speeds up vision transformers by merging similar tokens.',
  'Vision transformers process image patches as tokens.',
  'Merging similar image tokens reduces transformer cost.',
  'Protein folding predicted from amino acid sequences.',
  'Amino acid sequences determine protein structure and folding.',
  'Protein structure prediction with sequence alignments.',
  'Graph neural networks for molecules and proteins.',
  'Image classification with convolutional networks.',
];

test('LSA: unit vectors, related texts closer than unrelated ones, and a model survives its bytes', () => {
  const model = trainLsa(corpus, { ...DEFAULT_LSA_OPTIONS, dimension: 4, minDocumentFrequency: 1 });
  const cos = (x: Float32Array, y: Float32Array) => x.reduce((s, v, i) => s + v * y[i]!, 0);
  const vision = embedLsa(model, 'vision transformer tokens');
  const protein = embedLsa(model, 'protein folding');
  const merging = embedLsa(model, corpus[0]!);
  assert.ok(Math.abs(cos(vision, vision) - 1) < 1e-5);
  assert.ok(cos(vision, merging) > cos(protein, merging));
  assert.deepEqual([...embedLsa(model, 'the of and 2024')], new Array(4).fill(0), 'no terms, no vector');
  const decoded = decodeLsaModel(encodeLsaModel(model));
  assert.deepEqual([...embedLsa(decoded, 'protein folding')], [...protein]);
  assert.deepEqual(lsaTerms('The Transformers of 2024 are models'), ['transformer', 'model']);
});
