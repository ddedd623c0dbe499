import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs } from 'kysely';
import { sql } from 'kysely';
import { ListingService } from '../../src/listings/listing-service.ts';
import { ListingStore } from '../../src/listings/listing-store.ts';
import { KeywordStore } from '../../src/search/keyword-store.ts';
import { describeEachDialect } from '../helpers/databases.ts';
import { cardOf } from './helpers/html.ts';
import { IMG, SCRIPT } from './helpers/test-papers.ts';
import { startWebApp, type WebApp } from './helpers/web-app.ts';

const VFX = '2502.05979'; // on the demo day, described when the demo set is imported
const HOSTILE = '2503.01212';
const UNDESCRIBED = '2503.00303';

/** What preact writes for text and attribute values. */
function escaped(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('"', '&quot;');
}

function searchHref(phrase: string): string {
  return `/search?${new URLSearchParams({ q: `"${phrase}"` })}`;
}

/** Counts the queries that read a table, by looking into each query's tree before it runs. */
class TableReads implements KyselyPlugin {
  count = 0;
  constructor(private readonly table: string) {}
  transformQuery(args: PluginTransformQueryArgs) {
    if (JSON.stringify(args.node).includes(`"${this.table}"`)) this.count++;
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs) {
    return args.result;
  }
}

describeEachDialect('key phrases and summaries on listing cards', (kind) => {
  let web: WebApp;
  before(async () => {
    web = await startWebApp(kind, [
      {
        raw: { id: HOSTILE, title: 'A paper with hostile key phrases', abstract: 'Short.', authors: ['Eve'] },
        listing: { day: '2025-03-12', source: 'test' },
      },
      {
        raw: { id: UNDESCRIBED, title: 'A paper not described yet', abstract: 'Short.', authors: ['Ada'] },
        listing: { day: '2025-03-03', source: 'test' },
      },
    ]);
    const db = web.app.database.db;
    await sql`DELETE FROM paper_keywords WHERE paper_id IN (${HOSTILE}, ${UNDESCRIBED})`.execute(db);
    const hostile = JSON.stringify([SCRIPT, IMG, 'fish & chips', 'fourth', 'fifth is not shown']);
    await sql`INSERT INTO paper_keywords (paper_id, keywords, summary, described_at)
      VALUES (${HOSTILE}, ${hostile}, ${`In short: ${SCRIPT} ${IMG}`}, ${new Date().toISOString()})`.execute(
      db,
    );
  });
  after(() => web.dispose());
  const get = (url: string) => web.server.inject({ method: 'GET', url });

  test('a card shows the one-line summary and its first four key phrases, each a search for the phrase', async () => {
    const described = await web.app.keywords.getOne(VFX);
    assert.ok(described && described.summary !== '' && described.keywords.length > 4);
    for (const url of ['/', '/papers/date/2025-03-14', '/papers/week/2025-W11', '/papers/month/2025-03']) {
      const card = cardOf((await get(url)).body, VFX);
      assert.ok(card.includes(`<p class="summary">${escaped(described.summary)}</p>`), `${url}: summary`);
      const chips = [...card.matchAll(/<ul class="keywords">([\s\S]*?)<\/ul>/g)];
      assert.equal(chips.length, 1, `${url}: one list of key phrases`);
      const expected = described.keywords
        .slice(0, 4)
        .map((k) => `<li><a href="${escaped(searchHref(k))}">${escaped(k)}</a></li>`)
        .join('');
      assert.equal(chips[0]?.[1], expected, url);
    }
  });

  test('a hostile key phrase or summary is shown as text and searched for as text', async () => {
    const card = cardOf((await get('/papers/date/2025-03-12')).body, HOSTILE);
    assert.ok(card !== '', 'the card is on its day');
    assert.ok(!card.includes(SCRIPT) && !card.includes('<img'), card);
    assert.ok(card.includes(`<p class="summary">In short: ${escaped(SCRIPT)} ${escaped(IMG)}</p>`));
    assert.ok(
      card.includes(
        `<a href="/search?q=%22%3Cscript%3Ealert%281%29%3C%2Fscript%3E%22">${escaped(SCRIPT)}</a>`,
      ),
    );
    assert.ok(card.includes(`<a href="${escaped(searchHref(IMG))}">${escaped(IMG)}</a>`));
    assert.ok(card.includes('<a href="/search?q=%22fish+%26+chips%22">fish &amp; chips</a>'));
    assert.ok(card.includes('>fourth</a>') && !card.includes('fifth'), 'four key phrases at most');
  });

  test('a card of a paper not described yet shows neither summary nor key phrases', async () => {
    const card = cardOf((await get('/papers/date/2025-03-03')).body, UNDESCRIBED);
    assert.ok(card.includes('A paper not described yet'), 'the card is on its day');
    assert.ok(!card.includes('class="summary"') && !card.includes('class="keywords"'), card);
  });

  test('a listing page reads the key phrases of all its papers in one query', async () => {
    const reads = new TableReads('paper_keywords');
    const db = web.app.database.db.withPlugin(reads);
    const listings = new ListingService(new ListingStore(db), new KeywordStore(db));
    const week = await listings.page({ kind: 'week', year: 2025, week: 11 });
    assert.equal(week.items.length, 62);
    const described = await listings.described(week);
    assert.equal(reads.count, 1);
    assert.equal(described.size, 62);
    assert.equal(described.get(HOSTILE)?.keywords[0], SCRIPT);
    const empty = await listings.page({ kind: 'day', day: '2025-03-13' });
    assert.equal((await listings.described(empty)).size, 0);
    assert.equal(reads.count, 1, 'an empty page asks for nothing');
  });
});
