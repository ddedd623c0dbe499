import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { openDatabase } from '../../src/db/connect.ts';
import { normaliseRecord, type RawPaper } from '../../src/domain/normalise.ts';
import { parseSearchQuery } from '../../src/domain/search-query.ts';
import { PaperStore } from '../../src/papers/paper-store.ts';
import { KeywordIndex } from '../../src/search/keyword-index.ts';
import { KeywordIndexQueue } from '../../src/search/keyword-index-queue.ts';
import { TitleSuggest } from '../../src/search/title-suggest.ts';
import { describeEachDialect, migratedDatabase } from '../helpers/databases.ts';

function paper(id: string, title: string, abstract = 'A plain abstract about nothing in particular.') {
  const raw: RawPaper = {
    id,
    title,
    abstract,
    authors: ['Ada Lovelace'],
    categories: ['cs.LG'],
    publishedAt: '2024-01-05T00:00:00Z',
  };
  const result = normaliseRecord(raw);
  if (!result.ok) throw new Error(result.reason);
  return result.record;
}

describeEachDialect('keyword index queue', (kind) => {
  let database: Awaited<ReturnType<typeof migratedDatabase>>;
  let papers: PaperStore;
  let queue: KeywordIndexQueue;

  /** What FTS5 itself finds for a word (SQLite), bypassing the search path that catches up first. */
  const ftsRows = async (word: string) =>
    (
      await sql<{ rowid: number }>`SELECT rowid FROM papers_fts WHERE papers_fts MATCH ${word}`.execute(
        database.db,
      )
    ).rows.length;
  const found = async (text: string) => {
    const parsed = parseSearchQuery(text);
    if (!parsed.ok) throw new Error(parsed.reason);
    return (await new KeywordIndex(database.db, kind).search(parsed.query, { limit: 10, offset: 0 })).map(
      (h) => h.paperId,
    );
  };
  /** FTS5's own check that the index matches its content table (throws on a mismatch). */
  const assertFtsConsistent = async () => {
    if (kind === 'sqlite') {
      await sql`INSERT INTO papers_fts (papers_fts, rank) VALUES ('integrity-check', 1)`.execute(database.db);
    }
  };

  before(async () => {
    database = await migratedDatabase(kind);
    papers = new PaperStore(database.db);
    queue = new KeywordIndexQueue(database.db, kind);
  });
  after(() => database.dispose());

  test('an import queues its papers; indexing them makes them searchable and empties the queue', async () => {
    await papers.upsertPapers([paper('2401.00001', 'Quokka networks'), paper('2401.00002', 'Wombat fields')]);
    if (kind === 'sqlite') {
      assert.equal(await queue.pending(), 2);
      assert.equal(await ftsRows('quokka'), 0, 'the import itself does not tokenise');
      assert.equal(await queue.indexQueued(), 2);
      assert.equal(await ftsRows('quokka'), 1);
    }
    assert.equal(await queue.pending(), 0);
    assert.deepEqual(await found('wombat'), ['2401.00002']);
    await assertFtsConsistent();
  });

  test('a search finds papers still queued (it indexes them first)', async () => {
    await papers.upsertPapers([paper('2401.00003', 'Platypus sequences')]);
    assert.deepEqual(await found('platypus'), ['2401.00003']);
    assert.equal(await queue.pending(), 0);
    const suggestions = await new TitleSuggest(database.db, kind).suggest('platyp');
    assert.deepEqual(
      suggestions.map((s) => s.id),
      ['2401.00003'],
    );
  });

  test('a new version of an indexed paper is found by its new title only', async () => {
    await papers.upsertPapers([paper('2401.00001', 'Echidna networks')]);
    assert.deepEqual(await found('echidna'), ['2401.00001']);
    assert.deepEqual(await found('quokka'), []);
    await assertFtsConsistent();
  });

  test('a paper changed, or deleted, while still queued leaves the index consistent', async () => {
    await papers.upsertPapers([paper('2401.00004', 'Numbat graphs'), paper('2401.00005', 'Bilby lattices')]);
    await papers.upsertPapers([paper('2401.00004', 'Dingo graphs')]);
    await sql`DELETE FROM papers WHERE id = ${'2401.00005'}`.execute(database.db);
    assert.deepEqual(await found('dingo'), ['2401.00004']);
    assert.deepEqual(await found('numbat'), []);
    assert.deepEqual(await found('bilby'), []);
    // And an indexed paper deleted: taken out of the index at once.
    await sql`DELETE FROM papers WHERE id = ${'2401.00003'}`.execute(database.db);
    assert.deepEqual(await found('platypus'), []);
    await assertFtsConsistent();
  });

  test('what stays queued is kept in the store, for the next process to index', async () => {
    await papers.upsertPapers([paper('2401.00006', 'Kiwi manifolds')]);
    // Another connection, as a process started after this one stopped would open.
    const next = await openDatabase({ kind, url: database.url });
    try {
      const later = new KeywordIndexQueue(next.db, kind);
      if (kind === 'sqlite') assert.equal(await later.pending(), 1);
      await later.indexQueued();
      assert.equal(await queue.pending(), 0);
      if (kind === 'sqlite') assert.equal(await ftsRows('kiwi'), 1);
      assert.deepEqual(await found('kiwi'), ['2401.00006']);
    } finally {
      await next.close();
    }
  });

  test('a search does not wait for a large import to be indexed: its own step does that', async () => {
    const many = Array.from({ length: 2001 }, (_, i) =>
      paper(`2402.${String(i + 1).padStart(5, '0')}`, `Kakapo study ${i + 1}`),
    );
    await papers.upsertPapers(many);
    if (kind === 'sqlite') {
      assert.deepEqual(await found('kakapo'), [], 'not indexed yet');
      assert.equal(await queue.pending(), 2001);
    }
    await queue.indexQueued();
    assert.equal((await found('kakapo')).length, 10);
    await assertFtsConsistent();
  });
});
