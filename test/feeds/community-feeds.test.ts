import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import Parser from 'rss-parser';
import { trendingPapers } from '../api/helpers/trending-papers.ts';
import { type CommunityApp, PUBLIC_URL, startCommunityApp } from '../community/helpers/community-app.ts';
import { describeEachDialect } from '../helpers/databases.ts';

const parser = new Parser();
const now = new Date();
const papers = trendingPapers(now);
const listedAt = new Map(papers.map((p) => [p.raw.id, p.listing?.submittedAt ?? '']));

interface Entry {
  readonly link: string;
  readonly guid: string;
  readonly date: string;
}

describeEachDialect('feeds of trending papers and of members', (kind) => {
  let web: CommunityApp;
  before(async () => {
    web = await startCommunityApp(kind, papers);
    await web.app.members.findOrCreate('mokonkwo@example.org', new Date());
  });
  after(() => web.dispose());
  const get = (url: string) => web.server.inject({ method: 'GET', url });

  /** The feed in RSS, Atom and JSON Feed, parsed back; the three agree on each entry's link, GUID and date. */
  async function readFeeds(base: string, query = ''): Promise<Entry[]> {
    const body = async (ext: string) => {
      const res = await get(`${base}.${ext}${query}`);
      assert.equal(res.statusCode, 200, `${base}.${ext}${query}: ${res.body.slice(0, 200)}`);
      return res.body;
    };
    const rss = await parser.parseString(await body('xml'));
    const atom = await parser.parseString(await body('atom'));
    const json = JSON.parse(await body('json')) as {
      feed_url: string;
      items: { id: string; url: string; date_published: string }[];
    };
    assert.equal(json.feed_url, `${PUBLIC_URL}${base}.json${query}`);
    const fromJson = json.items.map((i) => ({ link: i.url, guid: i.id, date: i.date_published }));
    const fromRss = rss.items.map((i) => ({
      link: i.link ?? '',
      guid: i.guid ?? '',
      date: new Date(i.isoDate ?? '').toISOString().slice(0, 19),
    }));
    const fromAtom = atom.items.map((i) => ({
      link: i.link ?? '',
      guid: (i as { id?: string }).id ?? '',
      date: new Date(i.isoDate ?? '').toISOString(),
    }));
    assert.deepEqual(fromAtom, fromJson, 'Atom and JSON Feed agree');
    assert.deepEqual(
      fromRss,
      fromJson.map((e) => ({ ...e, date: e.date.slice(0, 19) })),
      'RSS and JSON Feed agree',
    );
    for (const e of fromJson) {
      assert.match(e.link, new RegExp(`^${PUBLIC_URL}/papers/\\d{4}\\.\\d{5}$`));
      assert.equal(e.guid, e.link, 'the GUID is the paper address');
      const id = e.link.split('/').pop() ?? '';
      assert.equal(e.date, listedAt.get(id), `${id} is dated by its listing time`);
    }
    return fromJson;
  }
  const ids = (entries: Entry[]) => entries.map((e) => e.link.split('/').pop());

  test('the trending feed holds the window, highest score first', async () => {
    assert.deepEqual(ids(await readFeeds('/papers/trending/feed', '?window=day')), [
      '2511.00001',
      '2511.00002',
    ]);
    const week = await readFeeds('/papers/trending/feed', '?window=week');
    assert.deepEqual(ids(week), ['2511.00001', '2511.00002', '2511.00003']);
    const byDefault = JSON.parse((await get('/papers/trending/feed.json')).body) as { items: unknown[] };
    assert.equal(byDefault.items.length, week.length, 'week is the default window');
    assert.equal((await get('/papers/trending/feed.xml?window=year')).statusCode, 400);
  });

  test("a member's feed holds their submissions, latest first; an unknown member is 404", async () => {
    assert.deepEqual(ids(await readFeeds('/members/mokonkwo/feed')), [
      '2511.00001',
      '2511.00002',
      '2511.00003',
      '2511.00004',
    ]);
    await web.app.members.findOrCreate('quiet@example.org', new Date());
    assert.deepEqual(await readFeeds('/members/quiet/feed'), []);
    assert.equal((await get('/members/nobody-here/feed.atom')).statusCode, 404);
  });

  test('the trending page and profile pages offer their feeds for autodiscovery', async () => {
    const links = (html: string) =>
      [...html.matchAll(/<link rel="alternate" type="([^"]+)"[^>]*href="([^"]+)"/g)].map((m) => [m[1], m[2]]);
    assert.deepEqual(links((await get('/papers/trending?window=month')).body), [
      ['application/rss+xml', `${PUBLIC_URL}/papers/trending/feed.xml?window=month`],
      ['application/atom+xml', `${PUBLIC_URL}/papers/trending/feed.atom?window=month`],
      ['application/feed+json', `${PUBLIC_URL}/papers/trending/feed.json?window=month`],
    ]);
    assert.deepEqual(links((await get('/members/mokonkwo')).body)[0], [
      'application/rss+xml',
      `${PUBLIC_URL}/members/mokonkwo/feed.xml`,
    ]);
  });
});
