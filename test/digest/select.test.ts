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
    name: 'no topics: the top papers overall, each with its place on the listing',
    topics: none,
    limit: 2,
    want: [
      ['2503.00001', ['#1 on the listing of Mar 14']],
      ['2503.00002', ['#2 on the listing of Mar 14']],
    ],
    matched: true,
  },
  {
    name: 'a category: its papers, ranked within the category',
    topics: { categories: ['cs.CL'], keywords: [] },
    limit: 10,
    want: [
      ['2503.00002', ['#1 on the listing of Mar 14 in cs.CL']],
      ['2503.00004', ['#2 on the listing of Mar 14 in cs.CL']],
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
      ['2503.00001', ['#1 on the listing of Mar 14 in cs.CV']],
      ['2503.00003', ['#2 on the listing of Mar 14 in cs.CV', "matches 'video diffusion'"]],
    ],
    matched: true,
  },
  {
    name: 'the limit keeps the best-ranked matches',
    topics: { categories: ['cs.CV', 'cs.CL'], keywords: [] },
    limit: 2,
    want: [
      ['2503.00001', ['#1 on the listing of Mar 14 in cs.CV']],
      ['2503.00002', ['#1 on the listing of Mar 14 in cs.CL']],
    ],
    matched: true,
  },
  {
    name: 'nothing matches: the top papers overall stand in, and the digest says so',
    topics: { categories: ['astro-ph'], keywords: ['quasar'] },
    limit: 1,
    want: [['2503.00001', ['#1 on the listing of Mar 14']]],
    matched: false,
  },
];

describe('digest selection', () => {
  for (const row of table) {
    test(row.name, () => {
      const selection = selectDigest({
        candidates,
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
      selectDigest({ candidates: [], topics: none, periodLabel: 'Mar 14', limit: 10 }).entries,
      [],
    );
    assert.deepEqual(
      selectDigest({
        candidates: [],
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
      topics: { categories: [], keywords: ['c++ (and'] },
      periodLabel: 'x',
      limit: 5,
    });
    assert.equal(hit.matchedTopics, true);
    const miss = selectDigest({
      candidates: c,
      topics: { categories: [], keywords: ['c.+'] },
      periodLabel: 'x',
      limit: 5,
    });
    assert.equal(miss.matchedTopics, false);
  });
});
