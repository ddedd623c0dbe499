import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dailyPapersProps } from '../../src/api/daily-papers-props.ts';
import { alternateLinks } from '../../src/feeds/alternate-links.ts';

const PUBLIC = 'https://papers.example.org';

test('listing and search pages name their three feeds; other pages none', () => {
  assert.deepEqual(
    alternateLinks('/', PUBLIC).map((l) => [l.type, l.href]),
    [
      ['application/rss+xml', `${PUBLIC}/papers/feed.xml`],
      ['application/atom+xml', `${PUBLIC}/papers/feed.atom`],
      ['application/feed+json', `${PUBLIC}/papers/feed.json`],
    ],
  );
  assert.equal(
    alternateLinks('/papers/week/2025-W11', PUBLIC)[0]?.href,
    `${PUBLIC}/papers/week/2025-W11/feed.xml`,
  );
  assert.equal(
    alternateLinks('/search?q=a%20b%26c', PUBLIC)[2]?.href,
    `${PUBLIC}/search/feed.json?q=a%20b%26c`,
  );
  assert.equal(
    alternateLinks('/papers/trending?window=day', PUBLIC)[1]?.href,
    `${PUBLIC}/papers/trending/feed.atom?window=day`,
  );
  assert.equal(alternateLinks('/papers/trending', PUBLIC)[0]?.href, `${PUBLIC}/papers/trending/feed.xml`);
  assert.equal(
    alternateLinks('/papers/trending?window=<x>', PUBLIC)[0]?.href,
    `${PUBLIC}/papers/trending/feed.xml`,
    'an unknown window is left out',
  );
  assert.equal(alternateLinks('/members/ada', PUBLIC)[2]?.href, `${PUBLIC}/members/ada/feed.json`);
  assert.deepEqual(alternateLinks('/members/ada/feed.xml', PUBLIC), []);
  assert.deepEqual(alternateLinks('/papers/2502.05979', PUBLIC), []);
  assert.deepEqual(alternateLinks('/search', PUBLIC), []);
});

test('the DailyPapers props are the API items under dailyPapers', () => {
  const props = JSON.parse(
    dailyPapersProps([
      {
        day: '2025-03-14',
        position: 1,
        submittedAt: '2025-03-14T08:00:00Z',
        submittedBy: 'ada',
        submitterName: 'Ada',
        source: 'member',
        paper: {
          id: '2502.05979',
          latestVersion: 3,
          title: 'T',
          abstract: 'A',
          authors: ['X'],
          primaryCategory: null,
          categories: [],
          publishedAt: null,
          updatedAt: null,
          comment: null,
          journalRef: null,
          doi: null,
          license: null,
          codeUrls: [],
          upvotes: 2,
        },
      },
    ]),
  ) as { dailyPapers: { paper: { id: string }; publishedAt: string; submittedBy: { user: string } }[] };
  assert.equal(props.dailyPapers[0]?.paper.id, '2502.05979');
  assert.equal(props.dailyPapers[0]?.publishedAt, '2025-03-14T08:00:00.000Z');
  assert.equal(props.dailyPapers[0]?.submittedBy.user, 'ada');
});
