import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../../src/config/config.ts';
import { DEFAULT_FUSION } from '../../src/search/rank-fusion.ts';

const fusion = (value: string | undefined) =>
  loadConfig({ SEARCH_FUSION_WEIGHTS: value }, '/tmp').search.fusion;

test('SEARCH_FUSION_WEIGHTS: five numbers, four from before the feedback weight, defaults when unset', () => {
  assert.deepEqual(fusion(undefined), DEFAULT_FUSION);
  assert.deepEqual(fusion('1, 0.5, 10, 3, 2'), {
    keyword: 1,
    meaning: 0.5,
    k: 10,
    feedback: 3,
    feedbackWeight: 2,
  });
  assert.deepEqual(fusion('1,0.5,10,3'), {
    keyword: 1,
    meaning: 0.5,
    k: 10,
    feedback: 3,
    feedbackWeight: 0.5,
  });
});

test('SEARCH_FUSION_WEIGHTS: a clear error for too few, too many, negative or fractional counts', () => {
  for (const bad of ['1,1,5', '1,1,5,10,0.5,1', '1,-1,5,10', '1,1,5,x', '1,1,5,2.5']) {
    assert.throws(() => fusion(bad), /SEARCH_FUSION_WEIGHTS/, bad);
  }
});
