import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { SearchPage, type SearchPage as SearchPageT } from '../../../src/api/v1/schemas.ts';
import { describeEachDialect } from '../../helpers/databases.ts';
import { startApiApp, type WebApp } from '../helpers/api-app.ts';
import { v1Client } from './helpers/v1-client.ts';

describeEachDialect('REST API v1: search', (kind) => {
  let web: WebApp;
  before(async () => {
    web = await startApiApp(kind);
  });
  after(() => web.dispose());
  const api = v1Client(() => web);

  test('a known title finds its paper first, and limit is honoured', async () => {
    const page = await api.json<SearchPageT>(
      '/api/v1/search?q=Routing%20Tokens%20Through%20Depth',
      SearchPage,
    );
    assert.equal(page.query, 'Routing Tokens Through Depth');
    assert.equal(page.papers[0]?.id, '2411.28001');
    const two = await api.json<SearchPageT>('/api/v1/search?q=model&limit=2', SearchPage);
    assert.equal(two.papers.length, 2);
    assert.notEqual(two.nextCursor, null);
  });

  test('following nextCursor gives the same papers as one long page, each once', async () => {
    const whole = await api.json<SearchPageT>('/api/v1/search?q=model&limit=100', SearchPage);
    assert.ok(whole.papers.length > 6, `enough matches to page (${whole.papers.length})`);
    const seen: string[] = [];
    let url: string | null = '/api/v1/search?q=model&limit=4';
    while (url !== null) {
      const page: SearchPageT = await api.json<SearchPageT>(url, SearchPage);
      seen.push(...page.papers.map((p) => p.id));
      url = page.nextCursor ? `/api/v1/search?q=model&limit=4&cursor=${page.nextCursor}` : null;
    }
    assert.deepEqual(
      seen,
      whole.papers.map((p) => p.id),
    );
  });

  test('no match is an empty page', async () => {
    assert.deepEqual(await api.json<SearchPageT>('/api/v1/search?q=zzqxv', SearchPage), {
      query: 'zzqxv',
      papers: [],
      nextCursor: null,
    });
  });

  test('a missing or blank q, or a cursor of another search, is 400 bad_request', async () => {
    assert.equal(await api.error('/api/v1/search', 400, 'bad_request'), 'query parameter q is required');
    assert.match(await api.error('/api/v1/search?q=', 400, 'bad_request'), /q must not be empty/);
    assert.match(await api.error('/api/v1/search?q=%20%20', 400, 'bad_request'), /q is required/);
    const page = await api.json<SearchPageT>('/api/v1/search?q=model&limit=1', SearchPage);
    assert.match(
      await api.error(`/api/v1/search?q=diffusion&cursor=${page.nextCursor}`, 400, 'bad_request'),
      /another search/,
    );
  });
});
