import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { parseArxivId } from '../../src/domain/arxiv-id.ts';
import { describeEachDialect } from '../helpers/databases.ts';
import { cardIds, cardOf, elementWithClass, h1Text, relHref, stripTags } from './helpers/html.ts';
import { extraPapers, manyAuthors, SCRIPT } from './helpers/test-papers.ts';
import { demoFile, startWebApp, type WebApp } from './helpers/web-app.ts';

/** The demo set's paper ids in file order, which is the seed page's order. */
const demoIds = fs
  .readFileSync(demoFile, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => {
    const parsed = parseArxivId((JSON.parse(line) as { arxiv_id: string }).arxiv_id);
    if (!parsed.ok) throw new Error(parsed.reason);
    return parsed.value.id;
  });

describeEachDialect('web pages', (kind) => {
  let web: WebApp;
  before(async () => {
    web = await startWebApp(kind, extraPapers);
  });
  after(() => web.dispose());
  const get = (url: string) => web.server.inject({ method: 'GET', url });

  test('home shows the banner, the date heading and the 61 demo papers in seed order', async () => {
    for (const url of ['/', '/papers']) {
      const res = await get(url);
      assert.equal(res.statusCode, 200, url);
      assert.match(res.headers['content-type'] as string, /^text\/html; charset=utf-8/);
      assert.match(res.body, /Get trending papers in your email inbox!/);
      assert.match(res.body, /<form class="subscribe" method="post" action="\/subscribe">/);
      assert.match(res.body, /<button type="submit">Subscribe<\/button>/);
      assert.equal(h1Text(res.body), 'Mar 14 2025');
      assert.deepEqual(cardIds(res.body), demoIds, url);
    }
  });

  test('a card has the title link, authors, a folded abstract and the arXiv, PDF links and upvotes', async () => {
    const body = (await get('/')).body;
    const card = cardOf(body, '2502.05979');
    assert.match(
      card,
      /<h2><a href="\/papers\/2502.05979">VFX Creator: Animated Visual Effect Generation with Controllable Diffusion Transformer<\/a><\/h2>/,
    );
    assert.match(card, /<p class="authors">Xinyu Liu, Ailing Zeng, Wei Xue, Harry Yang, Wenhan Luo/);
    assert.match(
      card,
      /<details class="abstract"><summary>.*Show full abstract.*<\/summary><p>Crafting magic/,
    );
    assert.match(card, /making advanced VFX accessible to a broader audience\.<\/p><\/details>/);
    assert.match(card, /<a href="https:\/\/arxiv.org\/abs\/2502.05979">arXiv<\/a>/);
    assert.match(card, /<a href="https:\/\/arxiv.org\/pdf\/2502.05979">PDF<\/a>/);
    assert.match(card, /<p class="votes">0<span class="vh"> upvotes<\/span><\/p>/);
  });

  test('a day page shows its papers and links to the nearest days with papers', async () => {
    const res = await get('/papers/date/2025-03-12');
    assert.equal(res.statusCode, 200);
    assert.deepEqual(cardIds(res.body), ['2503.01212']);
    assert.equal(relHref(res.body, 'prev'), '/papers/date/2025-03-03');
    assert.equal(relHref(res.body, 'next'), '/papers/date/2025-03-14');
    assert.match(res.body, /Earlier<\/span> Mar 3, 2025<\/a>/);
    assert.match(res.body, /Later<\/span> Mar 14, 2025<\/a>/);
  });

  test('a week page rolls up its days, most upvoted first, with its dates in the heading', async () => {
    const res = await get('/papers/week/2025-W11');
    assert.equal(res.statusCode, 200);
    assert.deepEqual(cardIds(res.body), ['2503.01212', ...demoIds]);
    assert.equal(h1Text(res.body), 'Week 11 Mar 10 – 16, 2025');
    assert.match(res.body, /<title>Papers of week 11 of 2025 \(Mar 10 – 16, 2025\) · Paperpulse<\/title>/);
    assert.equal(relHref(res.body, 'prev'), '/papers/week/2025-W10');
    assert.match(res.body, /Earlier<\/span> Week 10 · Mar 3 – 9, 2025<\/a>/);
    assert.equal(relHref(res.body, 'next'), null);
    // The tabs switch to the latest day with papers in this week, and to its month.
    assert.match(
      res.body,
      /<a href="\/papers\/date\/2025-03-14">Daily<\/a><a href="\/papers\/week\/2025-W11" aria-current="page">Weekly<\/a><a href="\/papers\/month\/2025-03">Monthly<\/a>/,
    );
  });

  test('a month page skips empty months in its navigation', async () => {
    const res = await get('/papers/month/2025-03');
    assert.equal(res.statusCode, 200);
    assert.equal(cardIds(res.body).length, 63);
    assert.equal(h1Text(res.body), 'March 2025');
    assert.equal(relHref(res.body, 'prev'), '/papers/month/2025-01');
    assert.match(res.body, /Earlier<\/span> January 2025<\/a>/);
    const january = await get('/papers/month/2025-01');
    assert.deepEqual(cardIds(january.body), ['2501.02020']);
    assert.equal(relHref(january.body, 'next'), '/papers/month/2025-03');
  });

  test('a period without papers says so and links to the nearest one that has some', async () => {
    const cases = [
      ['/papers/date/2025-03-05', 'No papers were featured on Mar 5, 2025.', '/papers/date/2025-03-03'],
      ['/papers/week/2025-W01', 'No papers were featured in week 1 of 2025', '/papers/week/2025-W04'],
      ['/papers/month/2024-06', 'No papers were featured in June 2024.', '/papers/month/2025-01'],
    ] as const;
    for (const [url, message, nearest] of cases) {
      const res = await get(url);
      assert.equal(res.statusCode, 200, url);
      assert.deepEqual(cardIds(res.body), [], url);
      const empty = elementWithClass(res.body, 'div', 'empty');
      assert.ok(stripTags(empty).includes(message), `${url}: ${stripTags(empty)}`);
      assert.match(empty, new RegExp(`<a class="button" href="${nearest}">`), url);
    }
  });

  test('a malformed period is a 400 page that says how to write it', async () => {
    const cases = [
      ['/papers/date/2025-13-40', '“2025-13-40” is not a date. Dates are written YYYY-MM-DD'],
      ['/papers/date/2025-02-29', '“2025-02-29” is not a date.'],
      ['/papers/date/yesterday', '“yesterday” is not a date.'],
      ['/papers/week/2025-W60', '“2025-W60” is not a week. Weeks are written YYYY-Www'],
      ['/papers/month/2025-13', '“2025-13” is not a month. Months are written YYYY-MM'],
    ] as const;
    for (const [url, message] of cases) {
      const res = await get(url);
      assert.equal(res.statusCode, 400, url);
      assert.match(res.headers['content-type'] as string, /^text\/html/);
      assert.ok(stripTags(res.body).includes(message), `${url}: ${stripTags(res.body)}`);
      assert.match(res.body, /<h1 id="message-heading">That address is not valid<\/h1>/);
    }
  });

  test('the paper page shows title, authors, abstract, links and every version', async () => {
    const res = await get('/papers/2502.05979');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1 id="paper-title">VFX Creator: Animated Visual Effect Generation/);
    assert.match(res.body, /<li>Xinyu Liu<\/li><li>Ailing Zeng<\/li>/);
    assert.match(res.body, /<p class="abstract-full">Crafting magic and illusions/);
    assert.match(res.body, /Featured on <a href="\/papers\/date\/2025-03-14">Mar 14, 2025<\/a>/);
    const versions = elementWithClass(res.body, 'ol', 'versions');
    const links = [...versions.matchAll(/href="(https:\/\/arxiv.org\/abs\/[^"]+)">(v\d+)</g)];
    assert.deepEqual(
      links.map((m) => [m[1], m[2]]),
      [1, 2, 3].map((n) => [`https://arxiv.org/abs/2502.05979v${n}`, `v${n}`]),
    );
    assert.match(versions, /v3<\/a><span class="tag">latest, shown here<\/span>/);
    // The demo set knows only the publication date: it dates v1, and no later version.
    assert.equal(stripTags(versions), 'v1submitted Feb 9, 2025v2v3latest, shown here');
  });

  test('an old-style paper shows its recorded versions with dates, sizes and earlier titles', async () => {
    const res = await get('/papers/hep-th/9901001');
    assert.equal(res.statusCode, 200);
    const versions = stripTags(elementWithClass(res.body, 'ol', 'versions'));
    assert.equal(
      versions,
      'v1submitted Jan 4, 199920kbtitled “Dualities, first draft”v2latest, shown heresubmitted Feb 11, 199922kb',
    );
  });

  test('a long author list folds after fifteen names and unfolds without JavaScript', async () => {
    const { body } = await get('/papers/2502.11111');
    const folded = elementWithClass(body, 'div', 'authors-folded');
    const shown = folded.slice(0, folded.indexOf('<details>'));
    const hidden = folded.slice(folded.indexOf('<details>'));
    assert.equal([...shown.matchAll(/<li>/g)].length, 15);
    assert.match(hidden, /^<details><summary>and 45 more authors<\/summary>/);
    assert.equal([...hidden.matchAll(/<li>/g)].length, 45);
    assert.ok(hidden.includes(`<li>${manyAuthors[59]}</li>`));
  });

  test('every other form of a paper id answers 301 to the canonical address', async () => {
    const cases = [
      ['/papers/2502.05979v3', '/papers/2502.05979'],
      ['/papers/2502.05979v1', '/papers/2502.05979'],
      ['/papers/arXiv:2502.05979', '/papers/2502.05979'],
      ['/papers/arxiv%3A2502.05979v2', '/papers/2502.05979'],
      ['/papers/2502.05979/', '/papers/2502.05979'],
      ['/papers/https%3A%2F%2Farxiv.org%2Fabs%2F2502.05979v3', '/papers/2502.05979'],
      ['/papers/hep-th/9901001v2', '/papers/hep-th/9901001'],
      ['/papers/HEP-TH/9901001', '/papers/hep-th/9901001'],
      ['/abs/2502.05979', '/papers/2502.05979'],
      ['/abs/hep-th/9901001v1', '/papers/hep-th/9901001'],
    ] as const;
    for (const [url, location] of cases) {
      const res = await get(url);
      assert.equal(res.statusCode, 301, url);
      assert.equal(res.headers.location, location, url);
    }
  });

  test('an unknown paper is a 404 page that points to arXiv', async () => {
    for (const url of ['/papers/2501.99999', '/papers/2501.99999v2', '/abs/2501.99999']) {
      const res = await get(url);
      assert.equal(res.statusCode, 404, url);
      assert.match(res.body, /<h1 id="message-heading">Paper not found<\/h1>/, url);
      assert.match(res.body, /<a class="button" href="https:\/\/arxiv.org\/abs\/2501.99999">/, url);
    }
  });

  test('an address that is no paper id is a 400 or 404 page, never a 500', async () => {
    const urls = [
      '/papers/not-an-id',
      '/papers/hep-th/9901000',
      '/papers/2513.00001',
      '/papers/foo/bar/baz',
      '/papers/..%2F..%2Fetc%2Fpasswd',
      '/papers/%00',
      `/papers/${'9'.repeat(2000)}`,
      '/papers/date',
      '/nothing-here',
    ];
    for (const url of urls) {
      const res = await get(url);
      assert.ok([400, 404].includes(res.statusCode), `${url} answered ${res.statusCode}`);
      assert.match(res.headers['content-type'] as string, /^text\/html/, url);
      assert.match(res.body, /<h1 id="message-heading">/, url);
    }
  });

  test('a malformed percent-encoding in the address is a 400, never a 500', async () => {
    // Fastify's router answers these before any route or error handler runs (see the report: a
    // `frameworkErrors` option in src/http/server.ts would make it an HTML page).
    const res = await get('/papers/%E0%A4%A');
    assert.equal(res.statusCode, 400);
  });

  test('markup in titles, abstracts, authors and links is shown as text, never run', async () => {
    // preact escapes `<`, `&` and `"` in text: enough that no tag or attribute can open.
    const escapedScript = '&lt;script>alert(1)&lt;/script>';
    const escapedImg = '&quot;>&lt;img src=x onerror=alert(1)>';
    for (const url of ['/', '/papers/date/2025-03-12', '/papers/week/2025-W11', '/papers/2503.01212']) {
      const { body } = await get(url);
      if (url === '/') {
        assert.ok(!body.includes('Hostile'), 'the hostile paper is not on the demo day');
        continue;
      }
      assert.ok(!body.includes(SCRIPT), `${url} contains a raw <script>`);
      assert.ok(!body.includes('<img'), `${url} contains a raw <img>`);
      assert.ok(!body.includes('javascript:'), `${url} links to javascript:`);
      assert.ok(body.includes(`Hostile ${escapedScript} title ${escapedImg}`), `${url}: title`);
      assert.ok(body.includes(`Mallory ${escapedScript}`), `${url}: author`);
      assert.ok(body.includes(`Eve ${escapedImg}`), `${url}: author`);
      assert.ok(body.includes(`An abstract with ${escapedScript} and ${escapedImg} and`), `${url}: abstract`);
    }
  });

  test('LaTeX in titles and abstracts is shown as text', async () => {
    const { body } = await get('/papers/hep-th/9901001');
    assert.ok(body.includes('Dualities in $\\mathcal{N}=4$ &lt;i>SYM&lt;/i>'), 'title as text');
    assert.ok(
      body.includes('We show $\\alpha$ &lt;b>x&lt;/b> holds when $a&lt;b$ and $c>d$.'),
      'abstract as text',
    );
    assert.ok(!body.includes('<i>SYM'));
    assert.ok(!body.includes('<b>x'));
  });

  test('a listing page answers 304 to a browser that has the same version', async () => {
    const first = await get('/');
    const etag = first.headers.etag as string;
    assert.match(etag, /^"[\w-]+"$/);
    const again = await web.server.inject({ method: 'GET', url: '/', headers: { 'if-none-match': etag } });
    assert.equal(again.statusCode, 304);
    assert.equal(again.body, '');
  });

  // Subscribing itself is tested in test/subscriptions/ (with a temp outbox); here only what the form gets back.
  test('the subscribe form answers a malformed address with a 400 page that does not echo it', async () => {
    const res = await web.server.inject({
      method: 'POST',
      url: '/subscribe',
      payload: 'email=reader%3Cscript%3E',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /does not look like an email address/);
    assert.ok(!res.body.includes('reader<script>'));
  });
});

describeEachDialect('web pages of an empty store', (kind) => {
  let web: WebApp;
  before(async () => {
    web = await startWebApp(kind, [], { demo: false });
  });
  after(() => web.dispose());

  test('home says there are no papers yet and how to import some', async () => {
    const res = await web.server.inject({ method: 'GET', url: '/' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1 id="message-heading">No papers yet<\/h1>/);
    assert.match(res.body, /<code>paperpulse ingest FILE<\/code>/);
  });

  test('a period says it is empty, with no navigation to follow', async () => {
    const res = await web.server.inject({ method: 'GET', url: '/papers/week/2025-W11' });
    assert.equal(res.statusCode, 200);
    assert.ok(stripTags(res.body).includes('No papers were featured in week 11 of 2025'));
    assert.ok(stripTags(res.body).includes('This server has no listings yet'));
    assert.equal(relHref(res.body, 'prev'), null);
    assert.equal(relHref(res.body, 'next'), null);
  });
});
