import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PaperPage, type PaperPage as PaperPageT } from '../../../src/api/v1/schemas.ts';
import { describeEachDialect } from '../../helpers/databases.ts';
import { ingestPapers } from '../../web/helpers/web-app.ts';
import { startApiApp, type WebApp } from '../helpers/api-app.ts';
import { v1Client } from './helpers/v1-client.ts';

describeEachDialect('REST API v1: papers, newest first, by cursor', (kind) => {
  let web: WebApp;
  before(async () => {
    web = await startApiApp(kind);
  });
  after(() => web.dispose());
  const api = v1Client(() => web);

  /** Follows nextCursor from `first` to the end; `between` runs after each page. */
  async function walk(first: string, between: (page: number) => Promise<void> = async () => {}) {
    const pages: PaperPageT[] = [];
    let url: string | null = first;
    while (url !== null) {
      const page: PaperPageT = await api.json<PaperPageT>(url, PaperPage);
      pages.push(page);
      await between(pages.length);
      url = page.nextCursor === null ? null : `${first}&cursor=${page.nextCursor}`;
      assert.ok(pages.length < 100, 'the walk ends');
    }
    return pages;
  }

  test('the first page is the newest papers, newest first, with a cursor to the next', async () => {
    const page = await api.json<PaperPageT>('/api/v1/papers?limit=3', PaperPage);
    assert.equal(page.papers.length, 3);
    assert.notEqual(page.nextCursor, null);
    const times = page.papers.map((p) => p.publishedAt ?? '');
    assert.deepEqual(times, [...times].sort().reverse());
    const all = await api.json<PaperPageT>('/api/v1/papers?limit=100', PaperPage);
    assert.deepEqual(
      page.papers.map((p) => p.id),
      all.papers.slice(0, 3).map((p) => p.id),
    );
  });

  test('a category filters the pages, and the walk holds exactly that category', async () => {
    const counts = await web.app.papers.categoryCounts();
    const expected = counts.find((c) => c.category === 'cs.CL')?.papers;
    const pages = await walk('/api/v1/papers?category=cs.CL&limit=4');
    const papers = pages.flatMap((p) => p.papers);
    assert.equal(papers.length, expected);
    for (const paper of papers) assert.ok(paper.categories.includes('cs.CL'), paper.id);
    assert.deepEqual(await api.json<PaperPageT>('/api/v1/papers?category=no.SUCH', PaperPage), {
      papers: [],
      nextCursor: null,
    });
  });

  test('a walk sees every paper exactly once, newest first, even with papers inserted between pages', async () => {
    const before = new Set(
      (await api.json<PaperPageT>('/api/v1/papers?limit=100', PaperPage)).papers.map((p) => p.id),
    );
    assert.equal(before.size, await web.app.papers.countPapers());
    const pages = await walk('/api/v1/papers?limit=7', async (page) => {
      if (page !== 2) return;
      // Newer than the cursor (a walk already past it must not show it) and older (it must, once),
      // and one with no known time (sorted last).
      await ingestPapers(web.app, [
        { raw: { id: '2512.00001', title: 'Inserted newest', publishedAt: '2025-12-01T00:00:00Z' } },
        { raw: { id: 'hep-th/9501001', title: 'Inserted oldest', publishedAt: '1995-01-02T00:00:00Z' } },
        { raw: { id: 'hep-th/9502001', title: 'Inserted without a date' } },
      ]);
    });
    const ids = pages.flatMap((p) => p.papers.map((paper) => paper.id));
    assert.equal(new Set(ids).size, ids.length, 'no paper twice');
    for (const id of before) assert.ok(ids.includes(id), `${id} was seen`);
    assert.ok(!ids.includes('2512.00001'), 'a paper newer than the cursor is not on a later page');
    assert.ok(ids.includes('hep-th/9501001'), 'a paper older than the cursor is');
    const papers = pages.flatMap((p) => p.papers);
    const undated = papers.findIndex((paper) => paper.id === 'hep-th/9502001');
    assert.ok(
      undated >= 0 && papers.slice(undated).every((paper) => paper.publishedAt === null),
      'undated last',
    );
    assert.equal(ids.length, before.size + 2);
    const times = pages.flatMap((p) => p.papers.map((paper) => paper.publishedAt ?? ''));
    assert.deepEqual(times, [...times].sort().reverse(), 'newest first across pages');
  });

  test('a cursor that is not ours, or is for another category, is 400 bad_request', async () => {
    assert.match(await api.error('/api/v1/papers?cursor=bm90LWpzb24', 400, 'bad_request'), /cursor/);
    assert.match(await api.error('/api/v1/papers?cursor=not%20base64!', 400, 'bad_request'), /cursor/);
    const page = await api.json<PaperPageT>('/api/v1/papers?category=cs.CL&limit=1', PaperPage);
    assert.match(
      await api.error(`/api/v1/papers?category=cs.LG&cursor=${page.nextCursor}`, 400, 'bad_request'),
      /another category/,
    );
    assert.match(await api.error(`/api/v1/papers?cursor=${page.nextCursor}`, 400, 'bad_request'), /another/);
  });

  test('limit and category are checked: 400 with a message that names them', async () => {
    assert.equal(
      await api.error('/api/v1/papers?limit=0', 400, 'bad_request'),
      'query parameter limit must be at least 1',
    );
    assert.equal(
      await api.error('/api/v1/papers?limit=101', 400, 'bad_request'),
      'query parameter limit must be at most 100',
    );
    assert.equal(
      await api.error('/api/v1/papers?limit=ten', 400, 'bad_request'),
      'query parameter limit must be a whole number',
    );
    assert.match(
      await api.error('/api/v1/papers?category=%3Cb%3E', 400, 'bad_request'),
      /category must be written as/,
    );
  });
});
