import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { describeEachDialect } from '../helpers/databases.ts';
import { startWebApp, type WebApp } from '../web/helpers/web-app.ts';
import { startApiApp } from './helpers/api-app.ts';

/**
 * The HTML listing pages as scrapers (RSSHub's daily-papers route) read them: a period after the latest
 * day with papers redirects to the latest period of its kind; a past period without papers keeps its page.
 * The demo day 2025-03-14 (ISO week 11) is the latest day here.
 */
describeEachDialect('listing pages: future periods redirect, empty past ones say so', (kind) => {
  let web: WebApp;
  before(async () => {
    web = await startApiApp(kind);
  });
  after(() => web.dispose());
  const get = (url: string) => web.server.inject({ method: 'GET', url });

  test('a day, week or month after the latest day with papers is a 302 to the latest of its kind', async () => {
    const cases = [
      ['/papers/date/2025-03-15', '/papers/date/2025-03-14'],
      ['/papers/date/2099-01-01', '/papers/date/2025-03-14'],
      ['/papers/week/2025-W12', '/papers/week/2025-W11'],
      ['/papers/week/2030-W01', '/papers/week/2025-W11'],
      ['/papers/month/2025-04', '/papers/month/2025-03'],
    ] as const;
    for (const [url, location] of cases) {
      const res = await get(url);
      assert.equal(res.statusCode, 302, url);
      assert.equal(res.headers.location, location, url);
      const target = await get(location);
      assert.equal(target.statusCode, 200, location);
      assert.match(target.body, /data-target="DailyPapers"/, `${location} has the papers`);
    }
  });

  test('the latest periods themselves, and the week and month that hold the latest day, do not redirect', async () => {
    for (const url of ['/papers/date/2025-03-14', '/papers/week/2025-W11', '/papers/month/2025-03']) {
      assert.equal((await get(url)).statusCode, 200, url);
    }
  });

  test('a past period without papers keeps its page, which says so and links to the nearest', async () => {
    const res = await get('/papers/date/2025-03-10');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /No papers were featured on Mar 10, 2025\./);
    assert.match(res.body, /<a class="button" href="\/papers\/date\/2025-03-14">/);
  });

  test('a malformed period is still a 400, never a redirect', async () => {
    assert.equal((await get('/papers/date/2099-13-40')).statusCode, 400);
  });
});

test('on an empty store nothing redirects: the period says it has no papers', async () => {
  const web = await startWebApp('sqlite', [], { demo: false });
  try {
    const res = await web.server.inject({ method: 'GET', url: '/papers/date/2099-01-01' });
    assert.equal(res.statusCode, 200);
  } finally {
    await web.dispose();
  }
});
