import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { DigestCandidate } from '../../src/digest/paper-source.ts';
import { periodEnd, rankByTrending } from '../../src/digest/trending-rank.ts';

const paper = (id: string, upvotes: number): DigestCandidate => ({
  id,
  title: `Paper ${id}`,
  authors: ['A. Author'],
  abstract: 'An abstract.',
  categories: ['cs.CL'],
  day: '2025-03-14',
  upvotes,
});

const asOf = periodEnd('2025-03-14');
const hoursBefore = (h: number) => new Date(asOf.getTime() - h * 3_600_000).toISOString();

describe('ranking a digest period by trending score', () => {
  test('the period ends at the start of the next day', () => {
    assert.equal(periodEnd('2025-03-14').toISOString(), '2025-03-15T00:00:00.000Z');
    assert.equal(periodEnd('2025-03-16').toISOString(), '2025-03-17T00:00:00.000Z');
  });

  test('score, not upvotes alone: a fresh paper beats an older one with more upvotes; stars count', () => {
    const ranked = rankByTrending(
      [
        // In listing order (most upvoted first), as the listing store gives them.
        { paper: paper('old-popular', 10), listedAt: hoursBefore(48), starsGained: 0 },
        { paper: paper('fresh', 5), listedAt: hoursBefore(1), starsGained: 0 },
        { paper: paper('starred', 0), listedAt: hoursBefore(1), starsGained: 100 },
        { paper: paper('nothing', 0), listedAt: hoursBefore(1), starsGained: 0 },
      ],
      asOf,
      10,
    );
    assert.equal(ranked.ranking, 'trending');
    // fresh: 5/3^1.8 ≈ 0.69; starred: 10/3^1.8 ≈ 1.38; old-popular: 10/50^1.8 ≈ 0.009.
    assert.deepEqual(
      ranked.papers.map((p) => p.id),
      ['starred', 'fresh', 'old-popular', 'nothing'],
    );
  });

  test('equal scores keep the listing order, and the limit cuts the tail', () => {
    const ranked = rankByTrending(
      [
        { paper: paper('a', 3), listedAt: hoursBefore(5), starsGained: 0 },
        { paper: paper('b', 3), listedAt: hoursBefore(5), starsGained: 0 },
        { paper: paper('c', 1), listedAt: hoursBefore(5), starsGained: 0 },
      ],
      asOf,
      2,
    );
    assert.deepEqual(
      ranked.papers.map((p) => p.id),
      ['a', 'b'],
    );
  });

  test('nobody upvoted or starred anything: the listing order stands, marked as listing', () => {
    const ranked = rankByTrending(
      [
        { paper: paper('first', 0), listedAt: hoursBefore(30), starsGained: 0 },
        { paper: paper('second', 0), listedAt: hoursBefore(1), starsGained: 0 },
      ],
      asOf,
      10,
    );
    assert.equal(ranked.ranking, 'listing');
    assert.deepEqual(
      ranked.papers.map((p) => p.id),
      ['first', 'second'],
    );
    assert.deepEqual(rankByTrending([], asOf, 10), { ranking: 'listing', papers: [] });
  });
});
