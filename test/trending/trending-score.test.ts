import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { TRENDING, trendingParts, trendingScore } from '../../src/domain/trending.ts';
import { type CommunityApp, startCommunityApp } from '../community/helpers/community-app.ts';
import { describeEachDialect } from '../helpers/databases.ts';

describe('trending score (pure)', () => {
  const cases = [
    // upvotes, stars gained, age hours → score
    [0, 0, 0, 0],
    [10, 0, 0, 10 / 2 ** TRENDING.gravity],
    [10, 0, 22, 10 / 24 ** TRENDING.gravity],
    [0, 100, 0, (100 * TRENDING.starWeight) / 2 ** TRENDING.gravity],
    [5, 50, 48, (5 + 50 * TRENDING.starWeight) / 50 ** TRENDING.gravity],
    [10, 0, -5, 10 / 2 ** TRENDING.gravity],
  ] as const;
  for (const [upvotes, starsGained, ageHours, expected] of cases) {
    test(`${upvotes} upvotes, ${starsGained} stars, ${ageHours} h → ${expected.toFixed(6)}`, () => {
      assert.ok(Math.abs(trendingScore({ upvotes, starsGained, ageHours }) - expected) < 1e-12);
    });
  }
  test('older papers with the same upvotes score lower; more upvotes score higher', () => {
    assert.ok(
      trendingScore({ upvotes: 10, starsGained: 0, ageHours: 1 }) >
        trendingScore({ upvotes: 10, starsGained: 0, ageHours: 30 }),
    );
    assert.ok(
      trendingScore({ upvotes: 11, starsGained: 0, ageHours: 5 }) >
        trendingScore({ upvotes: 10, starsGained: 0, ageHours: 5 }),
    );
    assert.equal(
      trendingParts({ upvotes: 3, starsGained: 10, ageHours: 0 }).points,
      3 + 10 * TRENDING.starWeight,
    );
  });
});

describeEachDialect('trending score in SQL', (kind) => {
  let web: CommunityApp;
  const now = new Date('2025-03-15T12:00:00.000Z');
  const listed = (id: string, at: string, upvotes: number) => ({
    raw: { id, title: `Paper ${id}`, abstract: 'Short.', authors: ['A'] },
    listing: { day: at.slice(0, 10), source: 'test', upvotes, submittedAt: at },
  });
  before(async () => {
    web = await startCommunityApp(kind, [
      listed('2503.10001', '2025-03-15T10:00:00.000Z', 3),
      listed('2503.10002', '2025-03-14T12:00:00.000Z', 20),
      listed('2503.10003', '2025-03-10T00:00:00.000Z', 50),
      listed('2503.10004', '2025-01-10T00:00:00.000Z', 500),
    ]);
    await sql`insert into paper_stars (paper_id, repo, observed_at, stars) values
      ('2503.10001', 'a/b', '2025-03-14T00:00:00.000Z', 100),
      ('2503.10001', 'a/b', '2025-03-15T11:00:00.000Z', 160)`.execute(web.app.database.db);
  });
  after(() => web.dispose());

  test('matches the pure function for every paper, and ranks by it within the window', async () => {
    const items = await web.app.trending.ranked('month', now);
    assert.deepEqual(
      items.map((i) => i.paper.id),
      ['2503.10001', '2503.10002', '2503.10003'],
    );
    for (const item of items) {
      const pure = trendingScore(item);
      assert.ok(Math.abs(item.score - pure) < 1e-9, `${item.paper.id}: SQL ${item.score}, pure ${pure}`);
    }
    const first = items[0];
    assert.equal(first?.starsGained, 60);
    assert.ok(first && Math.abs(first.ageHours - 2) < 1e-6);
    assert.equal(
      (await web.app.trending.ranked('day', now)).length,
      2,
      'the day window holds the last 24 hours',
    );
  });

  test('/papers/trending lists papers by score with its parts', async () => {
    const res = await web.server.inject('/papers/trending?window=month');
    assert.equal(res.statusCode, 200);
    const order = [...res.body.matchAll(/class="trending-item"[^>]*><a href="\/papers\/([^"]+)"/g)].map(
      (m) => m[1],
    );
    assert.deepEqual(order, ['2503.10001', '2503.10002', '2503.10003']);
    assert.match(res.body, /score \d\.\d{4}: 3 upvotes, 60 stars gained/);
    assert.equal((await web.server.inject('/papers/trending?window=year')).statusCode, 400);
  });
});
