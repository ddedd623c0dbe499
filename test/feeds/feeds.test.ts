import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import Parser from 'rss-parser';
import { HOSTILE_TITLE, startApiApp, type WebApp } from '../api/helpers/api-app.ts';
import { describeEachDialect } from '../helpers/databases.ts';

const PUBLIC = 'http://localhost:3000';
const parser = new Parser();

interface ParsedEntry {
  readonly id: string;
  readonly link: string;
  readonly guid: string;
  readonly title: string;
  readonly date: string;
}

interface JsonFeedItem {
  id: string;
  url: string;
  title: string;
  date_published: string;
  content_text: string;
}

describeEachDialect('feeds: RSS 2.0, Atom 1.0 and JSON Feed 1.1', (kind) => {
  let web: WebApp;
  before(async () => {
    web = await startApiApp(kind);
  });
  after(() => web.dispose());
  const get = (url: string) => web.server.inject({ method: 'GET', url });

  /** The feed at `base` in all three formats, parsed back; the entries must agree across formats. */
  async function readFeeds(base: string, query = ''): Promise<ParsedEntry[]> {
    const fetch = async (ext: string, type: RegExp) => {
      const res = await get(`${base}.${ext}${query}`);
      assert.equal(res.statusCode, 200, `${base}.${ext}: ${res.body.slice(0, 200)}`);
      assert.match(res.headers['content-type'] as string, type);
      return res.body;
    };
    const rss = await parser.parseString(await fetch('xml', /^application\/rss\+xml; charset=utf-8/));
    const atom = await parser.parseString(await fetch('atom', /^application\/atom\+xml; charset=utf-8/));
    const json = JSON.parse(await fetch('json', /^application\/feed\+json; charset=utf-8/)) as {
      version: string;
      feed_url: string;
      items: JsonFeedItem[];
    };
    assert.equal(json.version, 'https://jsonfeed.org/version/1.1');
    assert.equal(json.feed_url, `${PUBLIC}${base}.json${query}`);
    const fromRss = rss.items.map((item) => ({
      id: item.guid ?? '',
      link: item.link ?? '',
      guid: item.guid ?? '',
      title: item.title ?? '',
      date: new Date(item.isoDate ?? '').toISOString(),
    }));
    for (const item of atom.items) {
      assert.ok(
        !(item.title ?? '').includes('<'),
        `Atom titles are type="html": markup must be escaped (${item.title})`,
      );
    }
    const fromAtom = atom.items.map((item) => ({
      id: (item as { id?: string }).id ?? '',
      link: item.link ?? '',
      guid: (item as { id?: string }).id ?? '',
      title: decodeHtml(item.title ?? ''),
      date: new Date(item.isoDate ?? '').toISOString(),
    }));
    const fromJson = json.items.map((item) => ({
      id: item.id,
      link: item.url,
      guid: item.id,
      title: item.title,
      date: item.date_published,
    }));
    assert.deepEqual(fromAtom, fromJson, `${base}: Atom and JSON Feed agree`);
    // RSS dates (RFC 822) carry whole seconds.
    const toSeconds = (entries: ParsedEntry[]) => entries.map((e) => ({ ...e, date: e.date.slice(0, 19) }));
    assert.deepEqual(toSeconds(fromRss), toSeconds(fromJson), `${base}: RSS and JSON Feed agree`);
    for (const entry of fromJson) {
      assert.match(entry.link, new RegExp(`^${PUBLIC}/papers/[\\w./-]+$`));
      assert.equal(entry.guid, entry.link, 'the GUID is the paper address');
    }
    return fromJson;
  }

  test('the daily listing feed holds the week up to the latest day, dated by listing time', async () => {
    const entries = await readFeeds('/papers/feed');
    assert.equal(entries.length, 61);
    assert.ok(entries.every((e) => e.date === '2025-03-14T12:00:00.000Z'));
    assert.ok(entries.some((e) => e.link === `${PUBLIC}/papers/2502.05979`));
  });

  test('a day, week and month feed each hold their listing, latest listing time first', async () => {
    const day = await readFeeds('/papers/date/2024-11-29/feed');
    assert.deepEqual(
      day.map((e) => [e.link, e.date]),
      [
        [`${PUBLIC}/papers/2411.29004`, '2024-11-29T23:40:02.118Z'],
        [`${PUBLIC}/papers/2411.29003`, '2024-11-29T12:48:07.061Z'],
        [`${PUBLIC}/papers/2411.29002`, '2024-11-29T03:05:12.904Z'],
        [`${PUBLIC}/papers/2411.29001`, '2024-11-29T01:12:45.310Z'],
      ],
    );
    const week = await readFeeds('/papers/week/2024-W48/feed');
    assert.equal(week.length, 6);
    assert.deepEqual(week.at(-1), {
      id: `${PUBLIC}/papers/2411.27001`,
      link: `${PUBLIC}/papers/2411.27001`,
      guid: `${PUBLIC}/papers/2411.27001`,
      title: HOSTILE_TITLE,
      date: '2024-11-25T09:00:00.000Z',
    });
    const month = await readFeeds('/papers/month/2024-11/feed');
    assert.equal(month.length, 6);
    assert.deepEqual(await readFeeds('/papers/date/2024-11-28/feed'), []);
  });

  test('a title with <script>, & and ]]> comes back intact as text in every format', async () => {
    const [entry] = (await readFeeds('/papers/date/2024-11-25/feed')).filter((e) =>
      e.link.endsWith('2411.27001'),
    );
    assert.equal(entry?.title, HOSTILE_TITLE);
    const rss = (await get('/papers/date/2024-11-25/feed.xml')).body;
    assert.ok(
      !/<script>alert\("x"\)<\/script> &/.test(rss.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '')),
      'only inside CDATA',
    );
    const atom = (await get('/papers/date/2024-11-25/feed.atom')).body;
    assert.ok(!atom.includes('<img'), 'the abstract is escaped HTML');
    const json = JSON.parse((await get('/papers/date/2024-11-25/feed.json')).body) as {
      items: JsonFeedItem[];
    };
    assert.equal(
      json.items[0]?.content_text,
      'An abstract with <img src=x onerror=alert(1)> & an ampersand & ]]> too.',
    );
  });

  test('a category feed holds the newest papers of the category, dated by first version', async () => {
    const entries = await readFeeds('/category/cs.CL/feed');
    const ours = entries.filter((e) => ['2411.27001', '2411.28001'].some((id) => e.link.endsWith(id)));
    assert.deepEqual(
      ours.map((e) => [e.link, e.date]),
      [
        [`${PUBLIC}/papers/2411.27001`, '2024-11-21T10:00:00.000Z'],
        [`${PUBLIC}/papers/2411.28001`, '2024-11-20T10:00:00.000Z'],
      ],
    );
    const dates = entries.map((e) => e.date);
    assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first');
    const old = await readFeeds('/category/hep-th/feed');
    assert.deepEqual(
      old.map((e) => e.link),
      [`${PUBLIC}/papers/hep-th/9901001`],
    );
    assert.equal((await get('/category/<x>/feed.xml')).statusCode, 400);
  });

  test('a search feed holds the matches in rank order', async () => {
    const entries = await readFeeds('/search/feed', '?q=Mixture-of-Depths%20routing');
    assert.equal(entries[0]?.link, `${PUBLIC}/papers/2411.29001`);
    assert.equal(entries[0]?.date, '2024-11-29T01:12:45.310Z', 'a listed paper is dated by its listing');
    const unlisted = await readFeeds('/search/feed', '?q=dualities');
    assert.deepEqual(
      unlisted.map((e) => e.date),
      ['1999-01-04T10:00:00.000Z'],
    );
    assert.equal((await get('/search/feed.xml')).statusCode, 400);
  });

  test('a malformed period in a feed address is a 400', async () => {
    for (const url of [
      '/papers/date/2025-13-40/feed.xml',
      '/papers/week/2025-W60/feed.atom',
      '/papers/month/x/feed.json',
    ]) {
      assert.equal((await get(url)).statusCode, 400, url);
    }
  });

  test('the OPML lists every category feed with absolute addresses', async () => {
    const res = await get('/categories.opml');
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /^text\/x-opml/);
    const urls = [...res.body.matchAll(/xmlUrl="([^"]+)"/g)].map((m) => m[1]);
    assert.ok(urls.includes(`${PUBLIC}/category/cs.CL/feed.xml`));
    assert.ok(urls.includes(`${PUBLIC}/category/hep-th/feed.xml`));
    const feed = await get(new URL(urls[0] ?? '').pathname);
    assert.equal(feed.statusCode, 200, 'each listed feed answers');
  });

  test('BibTeX of a listing and of a search hold one entry per paper with unique keys', async () => {
    const day = (await get('/papers/date/2024-11-29/papers.bib')).body;
    const keys = [...day.matchAll(/^@misc\{([^,]+),$/gm)].map((m) => m[1]);
    assert.equal(keys.length, 4);
    assert.equal(new Set(keys).size, 4);
    const latest = (await get('/papers/papers.bib')).body;
    assert.equal([...latest.matchAll(/^@misc\{/gm)].length, 61);
    const search = await get('/search/papers.bib?q=dualities');
    assert.match(search.headers['content-type'] as string, /^application\/x-bibtex/);
    assert.match(search.body, /eprint = \{hep-th\/9901001\}/);
  });
});

function decodeHtml(html: string): string {
  return html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}
