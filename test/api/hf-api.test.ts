import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { describeEachDialect } from '../helpers/databases.ts';
import { HOSTILE_TITLE, hfFixture, hfSearchFixture, startApiApp, type WebApp } from './helpers/api-app.ts';

type Json = Record<string, unknown>;
interface Item extends Json {
  paper: Json & { id: string; authors: Json[] };
  publishedAt: string;
  submittedBy: Json;
}

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const HEX24 = /^[0-9a-f]{24}$/;

/** The keys every element of a recording has (optional ones, present on only some, are left out). */
function commonKeys(objects: readonly Json[]): string[] {
  const [first, ...rest] = objects;
  return Object.keys(first ?? {}).filter((key) => rest.every((o) => key in o));
}
const recordedDaily = JSON.parse(fs.readFileSync(hfFixture, 'utf8')) as Item[];
const recordedSearch = JSON.parse(fs.readFileSync(hfSearchFixture, 'utf8')) as Item[];

function assertHasKeys(actual: Json, keys: readonly string[], what: string) {
  const missing = keys.filter((key) => !(key in actual));
  assert.deepEqual(missing, [], `${what} lacks ${missing.join(', ')}`);
}

describeEachDialect('Hugging Face-compatible API', (kind) => {
  let web: WebApp;
  before(async () => {
    web = await startApiApp(kind);
  });
  after(() => web.dispose());
  const get = (url: string) => web.server.inject({ method: 'GET', url });
  const json = async <T = Item[]>(url: string, status = 200): Promise<T> => {
    const res = await get(url);
    assert.equal(res.statusCode, status, `${url}: ${res.body.slice(0, 300)}`);
    assert.match(res.headers['content-type'] as string, /^application\/json/);
    return res.json() as T;
  };

  test('the default listing is the latest day, not empty, in seed order', async () => {
    const items = await json('/api/daily_papers');
    assert.equal(items.length, 50, 'limit defaults to 50');
    assert.equal(items[0]?.paper.id, '2502.05979');
    for (const item of items) assert.equal(item.publishedAt.slice(0, 10), '2025-03-14');
  });

  test('limit is honoured exactly, p pages without overlap, and a page past the end is []', async () => {
    assert.equal((await json('/api/daily_papers?limit=10')).length, 10);
    assert.equal((await json('/api/daily_papers?limit=100')).length, 61);
    const first = await json('/api/daily_papers?limit=50&p=0');
    const second = await json('/api/daily_papers?limit=50&p=1');
    assert.equal(second.length, 11);
    const ids = [...first, ...second].map((item) => item.paper.id);
    assert.equal(new Set(ids).size, 61);
    assert.deepEqual(await json('/api/daily_papers?p=100'), []);
    assert.deepEqual(await json('/api/daily_papers?date=2024-11-29&p=100'), []);
  });

  test('a date gives that day; week and month windows hold the listing times', async () => {
    const day = await json('/api/daily_papers?date=2024-11-29');
    assert.deepEqual(
      day.map((item) => item.paper.id),
      ['2411.29001', '2411.29002', '2411.29003', '2411.29004'],
      'trending: most upvoted first',
    );
    const week = await json('/api/daily_papers?week=2024-W48');
    assert.equal(week.length, 6);
    for (const item of week) {
      assert.ok(
        item.publishedAt >= '2024-11-25T00:00:00.000Z' && item.publishedAt < '2024-12-02',
        item.publishedAt,
      );
    }
    const month = await json('/api/daily_papers?month=2025-03&limit=100');
    assert.equal(month.length, 61);
    for (const item of month) assert.equal(item.publishedAt.slice(0, 7), '2025-03');
    assert.deepEqual(await json('/api/daily_papers?date=2024-11-28'), []);
  });

  test('sort=publishedAt puts the latest listing time first', async () => {
    const items = await json('/api/daily_papers?week=2024-W48&sort=publishedAt');
    const times = items.map((item) => item.publishedAt);
    assert.deepEqual(times, [...times].sort().reverse());
    assert.equal(items[0]?.paper.id, '2411.29004');
  });

  test('submitter filters, and submittedBy carries both name and user', async () => {
    const items = await json('/api/daily_papers?week=2024-W48&submitter=mokonkwo');
    assert.deepEqual(
      items.map((item) => item.paper.id),
      ['2411.29001', '2411.28001'],
    );
    for (const item of items) {
      assert.equal(item.submittedBy.name, 'mokonkwo');
      assert.equal(item.submittedBy.user, 'mokonkwo');
      assert.equal(item.submittedBy.fullname, 'Mira Okonkwo');
    }
    assert.deepEqual(await json('/api/daily_papers?week=2024-W48&submitter=nobody'), []);
  });

  test('malformed values are a 400 with {"error": "…"}', async () => {
    const urls = [
      '/api/daily_papers?date=2025-13-40',
      '/api/daily_papers?date=yesterday',
      '/api/daily_papers?week=2025-W60',
      '/api/daily_papers?month=2025-13',
      '/api/daily_papers?date=2025-03-14&week=2025-W11',
      '/api/daily_papers?limit=0',
      '/api/daily_papers?limit=101',
      '/api/daily_papers?limit=ten',
      '/api/daily_papers?p=-1',
      '/api/daily_papers?sort=random',
      '/api/daily_papers?date=2025-03-14&date=2025-03-13',
      '/api/papers/search',
      '/api/papers/search?q=x&limit=500',
    ];
    for (const url of urls) {
      const body = await json<{ error: unknown }>(url, 400);
      assert.equal(typeof body.error, 'string', url);
    }
  });

  test("items have the recording's keys, version-less ids, stable ids and ISO times with milliseconds", async () => {
    const items = await json('/api/daily_papers?week=2024-W48');
    const again = await json('/api/daily_papers?week=2024-W48');
    assert.deepEqual(again, items, 'the same answer twice');
    const itemKeys = [...commonKeys(recordedDaily), 'isAuthorParticipating'];
    const paperKeys = [
      ...commonKeys(recordedDaily.map((i) => i.paper)),
      'submittedOnDailyAt',
      'submittedOnDailyBy',
    ];
    const authorKeys = commonKeys(recordedDaily.flatMap((i) => i.paper.authors));
    const submitterKeys = commonKeys(recordedDaily.map((i) => i.submittedBy)).filter(
      (k) => k !== 'avatarUrl',
    );
    for (const item of items) {
      assertHasKeys(item, itemKeys, 'item');
      assertHasKeys(item.paper, paperKeys, `paper ${item.paper.id}`);
      assertHasKeys(item.submittedBy, [...submitterKeys, 'user'], 'submittedBy');
      assert.doesNotMatch(item.paper.id, /v\d+$/);
      assert.match(item.publishedAt, ISO_MS);
      assert.match(item.paper.publishedAt as string, ISO_MS);
      assert.equal(item.paper.submittedOnDailyAt, item.publishedAt);
      assert.match(item.paper.discussionId as string, HEX24);
      assert.equal(item.numComments, 0);
      const ids = item.paper.authors.map((author) => {
        assertHasKeys(author, authorKeys, 'author');
        assert.equal(author.hidden, false);
        return author._id as string;
      });
      for (const id of ids) assert.match(id, HEX24);
      assert.equal(new Set(ids).size, ids.length, 'author ids differ');
    }
    const revised = items.find((item) => item.paper.id === '2411.28001');
    assert.equal(revised?.paper.publishedAt, '2024-11-20T10:00:00.000Z', 'paper.publishedAt is the v1 time');
    assert.equal(revised?.publishedAt, '2024-11-26T08:15:00.000Z', 'publishedAt is the listing time');
  });

  test('code links are copied to the top level, where clients read them', async () => {
    const items = await json('/api/daily_papers?date=2024-11-29');
    const [sparse, tiny] = items;
    assert.equal(sparse?.githubRepo, 'https://github.com/example-lab/sparse-mod');
    assert.equal(sparse?.paper.githubRepo, 'https://github.com/example-lab/sparse-mod');
    assert.equal(tiny?.projectPage, 'https://example.org/tinyvlm');
    assert.equal(items[2]?.githubRepo, undefined);
  });

  test('paper info by any id form gives the flat paper with its linked repos; unknown is 404', async () => {
    for (const id of [
      '2411.29001',
      '2411.29001v1',
      'arXiv:2411.29001',
      'https%3A%2F%2Farxiv.org%2Fabs%2F2411.29001',
    ]) {
      const paper = await json<Json>(`/api/papers/${id}`);
      assert.equal(paper.id, '2411.29001', id);
      assert.equal(paper.title, 'Sparse Mixture-of-Depths Routing for Long-Context Retrieval');
      assert.equal(paper.submittedOnDailyAt, '2024-11-29T01:12:45.310Z');
      for (const kind of ['Models', 'Datasets', 'Spaces']) {
        assert.deepEqual(paper[`linked${kind}`], []);
        assert.equal(paper[`numTotal${kind}`], 0);
      }
    }
    const old = await json<Json>('/api/papers/hep-th/9901001v2');
    assert.equal(old.id, 'hep-th/9901001');
    assert.equal(old.submittedOnDailyAt, undefined, 'on no listing');
    for (const id of ['2501.99999', 'not-an-id', '1234.56789']) {
      const body = await json<{ error: unknown }>(`/api/papers/${id}`, 404);
      assert.equal(typeof body.error, 'string');
    }
  });

  test('search finds a known title, honours limit and highlights the words', async () => {
    const hits = await json('/api/papers/search?q=Mixture-of-Depths%20routing');
    assert.equal(hits[0]?.paper.id, '2411.29001');
    assert.equal(hits[0]?.title, 'Sparse Mixture-of-Depths Routing for Long-Context Retrieval');
    assert.equal((await json('/api/papers/search?q=language%20model&limit=2')).length, 2);
    assert.ok((await json('/api/papers/search?q=language%20model')).length > 2);
    const [hit] = hits as (Item & { highlightedTitle: { type: string; text: string }[] })[];
    const segments = hit?.highlightedTitle ?? [];
    assert.equal(segments.map((s) => s.text).join(''), hit?.title);
    assert.deepEqual(
      segments.filter((s) => s.type === 'highlight').map((s) => s.text),
      ['Mixture', 'of', 'Depths', 'Routing'],
    );
    assertHasKeys(hits[0] as Json, commonKeys(recordedSearch), 'search item');
    assert.deepEqual(await json('/api/papers/search?q=zzzqqqnothing'), []);
    // Punctuation alone is no query: a clear 400, never a wildcard.
    for (const q of ['%25', '_']) {
      const res = await get(`/api/papers/search?q=${q}`);
      assert.equal(res.statusCode, 400, q);
      assert.equal(typeof res.json<{ error: unknown }>().error, 'string');
    }
  });

  test('a paper on no listing is found by search and dated by its arXiv time', async () => {
    const [hit] = await json('/api/papers/search?q=dualities%20gauge');
    assert.equal(hit?.paper.id, 'hep-th/9901001');
    assert.equal(hit?.publishedAt, '1999-01-04T10:00:00.000Z');
  });

  test('repos of a paper are empty lists; of an unknown paper a 404', async () => {
    assert.deepEqual(await json<Json>('/api/arxiv/2411.29001/repos'), {
      models: [],
      datasets: [],
      spaces: [],
    });
    assert.deepEqual(await json<Json>('/api/arxiv/hep-th/9901001/repos'), {
      models: [],
      datasets: [],
      spaces: [],
    });
    await json('/api/arxiv/2501.99999/repos', 404);
    await json('/api/arxiv/2411.29001', 404);
  });

  test('an unknown API address is a JSON 404', async () => {
    await json('/api/nothing', 404);
  });

  test('the hostile title comes back intact in JSON', async () => {
    const paper = await json<Json>('/api/papers/2411.27001');
    assert.equal(paper.title, HOSTILE_TITLE);
  });
});
