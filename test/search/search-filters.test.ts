import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { describeEachDialect } from '../helpers/databases.ts';
import { startWebApp, type WebApp } from '../web/helpers/web-app.ts';

const tokenMergingTitle = 'Accelerating Transformers with Spectrum-Preserving Token Merging';

describeEachDialect('search page: filters, sort, pages, suggestions', (kind) => {
  let web: WebApp;
  const page = (params: Record<string, string>) =>
    web.server.inject({ method: 'GET', url: `/search?${new URLSearchParams(params).toString()}` });
  const search = (text: string, options: Parameters<WebApp['app']['search']['search']>[1]) =>
    web.app.search.search(text, { limit: 100, ...options });

  before(async () => {
    web = await startWebApp(kind);
  });
  after(() => web.dispose());

  test('a category filter keeps only papers of that category (or archive)', async () => {
    const all = await search('transformer', {});
    const cv = await search('transformer', { filters: { category: 'cs.CV' } });
    assert.ok(
      cv.hits.length > 0 && cv.hits.length < all.hits.length,
      `${cv.hits.length} of ${all.hits.length}`,
    );
    assert.ok(cv.hits.every((h) => h.paper.categories.includes('cs.CV')));
    const archive = await search('transformer', { filters: { category: 'cs' } });
    assert.ok(archive.hits.every((h) => h.paper.categories.some((c) => c.startsWith('cs.'))));
  });

  test('a date range keeps papers published from the first day to the last, both included', async () => {
    const all = await search('model', {});
    const day = all.hits.map((h) => h.paper.publishedAt?.slice(0, 10)).find((d) => d !== undefined)!;
    const within = await search('model', { filters: { from: day, to: day } });
    assert.ok(within.hits.length > 0, `papers on ${day}`);
    assert.ok(within.hits.every((h) => h.paper.publishedAt?.slice(0, 10) === day));
  });

  test('sort by newest and by upvotes orders the same matches by date and by upvotes', async () => {
    const newest = await search('transformer', { sort: 'newest' });
    const dates = newest.hits.map((h) => h.paper.publishedAt ?? '');
    assert.deepEqual(dates, [...dates].sort().reverse());
    const upvoted = await search('transformer', { sort: 'upvotes' });
    const votes = upvoted.hits.map((h) => h.paper.upvotes);
    assert.deepEqual(
      votes,
      [...votes].sort((a, b) => b - a),
    );
    assert.equal(new Set(newest.hits.map((h) => h.paper.id)).size, upvoted.hits.length);
  });

  test('filters alone (no words) list papers; the form keeps them and the pages carry them', async () => {
    const response = await page({ category: 'cs.CL', sort: 'newest' });
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /id="search-category" name="category" value="cs.CL"/);
    assert.match(response.body, /<option value="newest" selected/);
    const many = await page({ q: 'model', category: 'cs', sort: 'upvotes' });
    assert.match(
      many.body,
      /rel="next" href="\/search\?q=model&amp;mode=keyword&amp;sort=upvotes&amp;category=cs&amp;page=2"/,
    );
  });

  test('page 2 numbers its hits from 21, whatever the number of hits on it', async () => {
    const second = await page({ q: 'model', page: '2' });
    assert.equal(second.statusCode, 200);
    assert.match(second.body, /<ol class="cards search-hits" start="21"/);
  });

  test('a bad category or day is a 400 page that says why', async () => {
    const badCategory = await page({ q: 'model', category: 'not a category!' });
    assert.equal(badCategory.statusCode, 400);
    assert.match(badCategory.body, /is not an arXiv category/);
    const badDay = await page({ q: 'model', from: '2024-02-30' });
    assert.equal(badDay.statusCode, 400);
    assert.match(badDay.body, /wants a day as YYYY-MM-DD/);
    const empty = await page({ q: 'model', from: '2025-01-02', to: '2025-01-01' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /date range is empty/);
  });

  test('suggestions: titles whose words start with what is typed, as JSON', async () => {
    const response = await web.server.inject({ method: 'GET', url: '/search/suggest?q=token%20mer' });
    assert.equal(response.statusCode, 200);
    const body = response.json() as { suggestions: { id: string; title: string; url: string }[] };
    assert.ok(
      body.suggestions.some((s) => s.title === tokenMergingTitle),
      JSON.stringify(body),
    );
    assert.ok(body.suggestions.length <= 8);
    for (const q of ['', 't', '"', 'author:', '*', 'zzzzqqq']) {
      const none = await web.server.inject({
        method: 'GET',
        url: `/search/suggest?q=${encodeURIComponent(q)}`,
      });
      assert.equal(none.statusCode, 200, q);
      assert.deepEqual((none.json() as { suggestions: unknown[] }).suggestions, [], q);
    }
  });

  test('the page loads suggest.js with defer, served from our own origin under the CSP', async () => {
    const response = await page({ q: 'token' });
    assert.match(response.body, /<script src="\/assets\/suggest.js" defer><\/script>/);
    assert.match(String(response.headers['content-security-policy']), /script-src 'self'(;|$)/);
    const script = await web.server.inject({ method: 'GET', url: '/assets/suggest.js' });
    assert.equal(script.statusCode, 200);
    assert.match(script.body, /data-suggest/);
  });

  test('property: any text in any field gives results or a clear 400, never a 500', async () => {
    const text = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.string({ maxLength: 30, unit: 'grapheme' }),
      fc.constantFrom(
        'cat:',
        'author:"',
        '"',
        '*',
        'a*',
        'after:2024-01-01',
        'NEAR(a b)',
        "'; drop",
        '-x',
        '^',
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.record({ q: text, category: text, from: text, to: text, sort: text, mode: text, page: text }),
        async (fields) => {
          const response = await page(fields);
          assert.ok(
            response.statusCode === 200 || response.statusCode === 400,
            `${response.statusCode}: ${JSON.stringify(fields)}`,
          );
          if (response.statusCode === 400) assert.match(response.body, /role="alert"/);
          const suggest = await web.server.inject({
            method: 'GET',
            url: `/search/suggest?${new URLSearchParams({ q: fields.q }).toString()}`,
          });
          assert.equal(suggest.statusCode, 200, JSON.stringify(fields.q));
        },
      ),
      { numRuns: 150 },
    );
  });
});
