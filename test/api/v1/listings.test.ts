import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { RestPapers } from '../../../src/api/v1/rest-papers.ts';
import { Listing, type Listing as ListingT } from '../../../src/api/v1/schemas.ts';
import { NotFoundError } from '../../../src/domain/errors.ts';
import { describeEachDialect } from '../../helpers/databases.ts';
import { startApiApp, type WebApp } from '../helpers/api-app.ts';
import { v1Client } from './helpers/v1-client.ts';

describeEachDialect('REST API v1: listings', (kind) => {
  let web: WebApp;
  before(async () => {
    web = await startApiApp(kind);
  });
  after(() => web.dispose());
  const api = v1Client(() => web);
  const ids = (listing: ListingT) => listing.papers.map((item) => item.paper.id);

  test("a day's listing: most upvoted first, with its neighbours", async () => {
    const day = await api.json<ListingT>('/api/v1/listings/2024-11-29', Listing);
    assert.deepEqual(day.period, {
      kind: 'day',
      label: '2024-11-29',
      from: '2024-11-29',
      to: '2024-11-29',
      path: '/api/v1/listings/2024-11-29',
    });
    assert.deepEqual(ids(day), ['2411.29001', '2411.29002', '2411.29003', '2411.29004']);
    for (const item of day.papers) assert.equal(item.entry.day, '2024-11-29');
    assert.equal(day.previous?.path, '/api/v1/listings/2024-11-26');
    assert.equal(day.next?.path, '/api/v1/listings/2025-03-14');
  });

  test('a week and a month roll their days up', async () => {
    const week = await api.json<ListingT>('/api/v1/listings/week/2024-W48', Listing);
    assert.equal(week.period.from, '2024-11-25');
    assert.equal(week.period.to, '2024-12-01');
    assert.equal(week.papers.length, 6);
    for (const item of week.papers)
      assert.ok(item.entry.day >= '2024-11-25' && item.entry.day <= '2024-12-01');
    assert.equal(week.next?.path, '/api/v1/listings/week/2025-W11');
    const month = await api.json<ListingT>('/api/v1/listings/month/2025-03', Listing);
    assert.equal(month.papers.length, 61);
    assert.equal(month.previous?.label, '2024-11');
    assert.equal(month.next, null);
  });

  test('the latest listing is the latest day with papers', async () => {
    const latest = await api.json<ListingT>('/api/v1/listings/latest', Listing);
    assert.equal(latest.period.label, '2025-03-14');
    assert.equal(latest.papers.length, 61);
  });

  test('a well-formed period without papers is an empty listing', async () => {
    const empty = await api.json<ListingT>('/api/v1/listings/2024-01-01', Listing);
    assert.deepEqual(empty.papers, []);
    assert.equal(empty.next?.label, '2024-11-25');
  });

  test('malformed or impossible periods are 400 bad_request saying how to write them', async () => {
    assert.equal(
      await api.error('/api/v1/listings/2025-3-14', 400, 'bad_request'),
      'path parameter day must be written as YYYY-MM-DD, e.g. 2025-03-14',
    );
    assert.match(await api.error('/api/v1/listings/2025-13-40', 400, 'bad_request'), /2025-13-40.*calendar/);
    assert.match(await api.error('/api/v1/listings/week/2025-W60', 400, 'bad_request'), /calendar/);
    assert.match(await api.error('/api/v1/listings/week/2025-11', 400, 'bad_request'), /YYYY-Www/);
    assert.match(await api.error('/api/v1/listings/month/2025-13', 400, 'bad_request'), /calendar/);
    assert.match(await api.error('/api/v1/listings/month/March', 400, 'bad_request'), /YYYY-MM/);
  });
});

test('with no listing at all, the latest listing is not_found', async () => {
  const none = async () => null;
  const rest = new RestPapers(
    {
      getPaper: none,
      getPapers: async () => new Map(),
      getVersions: async () => [],
      newestPage: async () => [],
    },
    { listingOf: none },
    {
      latestDay: none,
      page: () => {
        throw new Error('not asked for');
      },
    },
    { search: async () => ({ ids: [], terms: [] }) },
  );
  await assert.rejects(rest.latestListing(), NotFoundError);
});
