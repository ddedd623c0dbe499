import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type Trending, Trending as TrendingSchema } from '../../../src/api/v1/community-schemas.ts';
import { describeEachDialect } from '../../helpers/databases.ts';
import { startWebApp, type WebApp } from '../../web/helpers/web-app.ts';
import { trendingPapers } from '../helpers/trending-papers.ts';
import { v1Client } from './helpers/v1-client.ts';

describeEachDialect('REST API v1: trending', (kind) => {
  let web: WebApp;
  before(async () => {
    web = await startWebApp(kind, trendingPapers(new Date()), { demo: false });
  });
  after(() => web.dispose());
  const api = v1Client(() => web);

  test('papers listed in the window, highest trending score first, with the parts of the score', async () => {
    const day = await api.json<Trending>('/api/v1/trending?window=day', TrendingSchema);
    assert.equal(day.window, 'day');
    assert.deepEqual(
      day.papers.map((p) => p.paper.id),
      ['2511.00001', '2511.00002'],
    );
    const [hot] = day.papers;
    assert.equal(hot?.upvotes, 40);
    // The window ends now, or at the end of the latest listing day when that is earlier.
    const endOfLatestDay = Date.parse(`${hot?.day}T00:00:00Z`) + 86_400_000;
    assert.ok(Date.parse(day.at) <= endOfLatestDay, day.at);
    assert.ok(hot && Math.abs(hot.score - 40 / (hot.ageHours + 2) ** 1.8) < 1e-9, 'the documented formula');
    const week = await api.json<Trending>('/api/v1/trending', TrendingSchema);
    assert.equal(week.window, 'week', 'week is the default window');
    assert.deepEqual(
      week.papers.map((p) => p.paper.id),
      ['2511.00001', '2511.00002', '2511.00003'],
    );
    const month = await api.json<Trending>('/api/v1/trending?window=month&limit=1', TrendingSchema);
    assert.deepEqual(
      month.papers.map((p) => p.paper.id),
      ['2511.00001'],
    );
  });

  test('a window that is not day, week or month is 400', async () => {
    await api.error('/api/v1/trending?window=year', 400, 'bad_request');
    await api.error('/api/v1/trending?limit=0', 400, 'bad_request');
  });
});
