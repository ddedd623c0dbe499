import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { DigestCandidate } from '../../src/digest/paper-source.ts';
import { selectDigest } from '../../src/digest/select.ts';
import type { Topics } from '../../src/subscriptions/topics.ts';

const paper = (
  id: string,
  categories: string[],
  title = `Paper ${id}`,
  abstract = 'An abstract.',
): DigestCandidate => ({
  id,
  title,
  authors: ['A. Author'],
  abstract,
  categories,
  day: '2025-03-14',
  upvotes: 0,
});

/** Ranked best first, as the paper source returns them. */
const candidates = [
  paper('2503.00001', ['cs.CV']),
  paper('2503.00002', ['cs.CL', 'cs.LG'], 'Token merging for LLMs'),
  paper('2503.00003', ['cs.CV'], 'Video diffusion models', 'We train a Diffusion-based model.'),
  paper('2503.00004', ['cs.CL'], 'Speech', 'Nothing undiffusion-like here.'),
  paper('2503.00005', ['hep-th']),
];

const none: Topics = { categories: [], keywords: [] };

const table: {
  name: string;
  topics: Topics;
  limit: number;
  want: [string, string[]][];
  matched: boolean;
}[] = [
  {
    name: 'no topics: the top papers overall, each with its trending rank',
    topics: none,
    limit: 2,
    want: [
      ['2503.00001', ['trending #1 of Mar 14']],
      ['2503.00002', ['trending #2 of Mar 14']],
    ],
    matched: true,
  },
  {
    name: 'a category: its papers, ranked within the category',
    topics: { categories: ['cs.CL'], keywords: [] },
    limit: 10,
    want: [
      ['2503.00002', ['trending #1 in cs.CL']],
      ['2503.00004', ['trending #2 in cs.CL']],
    ],
    matched: true,
  },
  {
    name: 'a keyword matches at word starts in any case, not inside words',
    topics: { categories: [], keywords: ['diffusion'] },
    limit: 10,
    want: [['2503.00003', ["matches 'diffusion'"]]],
    matched: true,
  },
  {
    name: 'a paper matching several topics says all of them, categories first',
    topics: { categories: ['cs.CV'], keywords: ['video diffusion'] },
    limit: 10,
    want: [
      ['2503.00001', ['trending #1 in cs.CV']],
      ['2503.00003', ['trending #2 in cs.CV', "matches 'video diffusion'"]],
    ],
    matched: true,
  },
  {
    name: 'the limit keeps the best-ranked matches',
    topics: { categories: ['cs.CV', 'cs.CL'], keywords: [] },
    limit: 2,
    want: [
      ['2503.00001', ['trending #1 in cs.CV']],
      ['2503.00002', ['trending #1 in cs.CL']],
    ],
    matched: true,
  },
  {
    name: 'nothing matches: the top papers overall stand in, and the digest says so',
    topics: { categories: ['astro-ph'], keywords: ['quasar'] },
    limit: 1,
    want: [['2503.00001', ['trending #1 of Mar 14']]],
    matched: false,
  },
];

describe('digest selection', () => {
  for (const row of table) {
    test(row.name, () => {
      const selection = selectDigest({
        candidates,
        ranking: 'trending',
        topics: row.topics,
        periodLabel: 'Mar 14',
        limit: row.limit,
      });
      assert.deepEqual(
        selection.entries.map((e) => [e.paper.id, e.reasons]),
        row.want,
      );
      assert.equal(selection.matchedTopics, row.matched);
    });
  }

  test('no papers in the period: an empty digest (so no email)', () => {
    assert.deepEqual(
      selectDigest({ candidates: [], ranking: 'trending', topics: none, periodLabel: 'Mar 14', limit: 10 })
        .entries,
      [],
    );
    assert.deepEqual(
      selectDigest({
        candidates: [],
        ranking: 'trending',
        topics: { categories: ['cs.CL'], keywords: [] },
        periodLabel: 'x',
        limit: 10,
      }).entries,
      [],
    );
  });

  test('a keyword with regex characters is matched literally', () => {
    const c = [paper('2503.00009', ['cs.LG'], 'C++ (and more) for ML')];
    const hit = selectDigest({
      candidates: c,
      ranking: 'trending',
      topics: { categories: [], keywords: ['c++ (and'] },
      periodLabel: 'x',
      limit: 5,
    });
    assert.equal(hit.matchedTopics, true);
    const miss = selectDigest({
      candidates: c,
      ranking: 'trending',
      topics: { categories: [], keywords: ['c.+'] },
      periodLabel: 'x',
      limit: 5,
    });
    assert.equal(miss.matchedTopics, false);
  });

  test('ranked in listing order (trending has nothing), reasons name the listing instead', () => {
    const selection = selectDigest({
      candidates,
      ranking: 'listing',
      topics: { categories: ['cs.CL'], keywords: [] },
      periodLabel: 'Mar 14',
      limit: 10,
    });
    assert.deepEqual(
      selection.entries.map((e) => e.reasons),
      [['#1 on the listing of Mar 14 in cs.CL'], ['#2 on the listing of Mar 14 in cs.CL']],
    );
    const overall = selectDigest({
      candidates,
      ranking: 'listing',
      topics: none,
      periodLabel: 'week 11',
      limit: 1,
    });
    assert.deepEqual(overall.entries[0]?.reasons, ['#1 on the listing of week 11']);
  });

  test('like my upvotes: papers sharing a title key word or the primary category, not the upvoted one itself', () => {
    const selection = selectDigest({
      candidates,
      ranking: 'trending',
      topics: none,
      upvoted: [
        { id: '2503.00003', title: 'Video diffusion models', categories: ['cs.CV'] },
        { id: '2503.09999', title: 'Token pruning at scale', categories: ['math.OC'] },
      ],
      periodLabel: 'Mar 14',
      limit: 10,
    });
    assert.deepEqual(
      selection.entries.map((e) => [e.paper.id, e.reasons]),
      [
        // Same primary category (cs.CV) as an upvoted paper.
        ['2503.00001', ['like a paper you upvoted']],
        // Shares the title word "token".
        ['2503.00002', ['like a paper you upvoted']],
      ],
    );
    assert.equal(selection.matchedTopics, true);
  });

  test('like my upvotes joins the other topics; without upvotes it is no topic at all', () => {
    const both = selectDigest({
      candidates,
      ranking: 'trending',
      topics: { categories: ['cs.CL'], keywords: [] },
      upvoted: [{ id: '2503.09998', title: 'Speech recognition', categories: ['eess.AS'] }],
      periodLabel: 'Mar 14',
      limit: 10,
    });
    assert.deepEqual(
      both.entries.map((e) => [e.paper.id, e.reasons]),
      [
        ['2503.00002', ['trending #1 in cs.CL']],
        ['2503.00004', ['trending #2 in cs.CL', 'like a paper you upvoted']],
      ],
    );
    const noUpvotes = selectDigest({
      candidates,
      ranking: 'trending',
      topics: none,
      upvoted: [],
      periodLabel: 'Mar 14',
      limit: 1,
    });
    assert.deepEqual(noUpvotes.entries[0]?.reasons, ['trending #1 of Mar 14']);
    assert.equal(noUpvotes.matchedTopics, true);
  });
});
