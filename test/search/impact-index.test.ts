import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { normaliseRecord } from '../../src/domain/normalise.ts';
import type { PaperRecord } from '../../src/domain/paper.ts';
import { parseSearchQuery } from '../../src/domain/search-query.ts';
import { PaperStore } from '../../src/papers/paper-store.ts';
import { ImpactIndex } from '../../src/search/impact-index.ts';
import { DEFAULT_FIELD_WEIGHTS, KeywordIndex } from '../../src/search/keyword-index.ts';
import { fts5Match, keywordTerms } from '../../src/search/keyword-terms.ts';
import { migratedDatabase } from '../helpers/databases.ts';

/** A seeded corpus with a long-tailed vocabulary: common words are in far more papers than a block holds. */
const VOCABULARY = Array.from({ length: 400 }, (_, i) => `w${i}${['', 's', 'ing', 'ed'][i % 4]}`);
function corpus(n: number): PaperRecord[] {
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  // Zipf-like: word i is drawn with weight 1 / (i + 1).
  const word = () =>
    VOCABULARY[Math.min(VOCABULARY.length - 1, Math.floor(VOCABULARY.length ** random()) - 1)]!;
  const words = (count: number) => Array.from({ length: count }, word).join(' ');
  return Array.from({ length: n }, (_, i) => {
    const result = normaliseRecord({
      id: `2401.${String(10000 + i)}`,
      title: `${words(3 + (i % 6))} study`,
      abstract: `${words(20 + (i % 40))}. ${words(10)}.`,
      authors: [`Author ${i % 97}`],
      categories: ['cs.LG'],
      publishedAt: '2024-01-05T00:00:00Z',
    });
    if (!result.ok) throw new Error(result.reason);
    return result.record;
  });
}

let database: Awaited<ReturnType<typeof migratedDatabase>>;
let impacts: ImpactIndex;
/** The same corpus answered term at a time only. */
let accumulated: ImpactIndex;
const PAPERS = 3000;
/** Short blocks, so that this small corpus spans many of them, as a large one does with the default. */
const BLOCK_SIZE = 8;

before(async () => {
  database = await migratedDatabase('sqlite');
  await new PaperStore(database.db).upsertPapers(corpus(PAPERS));
  impacts = new ImpactIndex(database.db, DEFAULT_FIELD_WEIGHTS, { blockSize: BLOCK_SIZE });
  await impacts.build();
  accumulated = new ImpactIndex(database.db, DEFAULT_FIELD_WEIGHTS, { blockSize: BLOCK_SIZE, walkShare: 0 });
  await accumulated.build();
});
after(() => database.dispose());

/**
 * Plain FTS5: every match scored by bm25 with the same field weights, best first (with 10 more, so
 * papers tied at the k-th place are all there).
 */
async function plain(words: readonly string[], k: number): Promise<{ rowid: number; score: number }[]> {
  const parsed = parseSearchQuery(words.join(' '));
  if (!parsed.ok) throw new Error(parsed.reason);
  const rows = await sql<{ rowid: number; score: number }>`
    SELECT rowid, -rank AS score FROM papers_fts WHERE papers_fts MATCH ${fts5Match(keywordTerms(parsed.query))}
      AND rank MATCH 'bm25(3.000, 2.000, 1.000, 0.500)' ORDER BY rank, rowid LIMIT ${k + 10}`.execute(
    database.db,
  );
  return rows.rows.map((r) => ({ rowid: Number(r.rowid), score: r.score }));
}

/**
 * The same answer as FTS5's: the same scores at every place, and each paper returned has, in FTS5,
 * the score it was returned with (so ties, equal but for a double's last bits, may come in any order).
 */
async function assertSameAsFts5(
  words: readonly string[],
  k: number,
  hits: readonly { rowid: number; score: number }[],
) {
  const expected = await plain(words, k);
  const rounded = (x: number) => Math.round(x * 1e9);
  assert.deepEqual(
    hits.map((h) => rounded(h.score)),
    expected.slice(0, k).map((h) => rounded(h.score)),
    `${words.join(' ')}: scores`,
  );
  const fts5 = new Map(expected.map((h) => [h.rowid, rounded(h.score)]));
  for (const h of hits)
    assert.equal(fts5.get(h.rowid), rounded(h.score), `${words.join(' ')}: paper ${h.rowid}`);
}

test('the corpus is broad enough that common words span many blocks', async () => {
  const count = await sql<{
    n: number;
  }>`SELECT count(*) AS n FROM papers_fts WHERE papers_fts MATCH 'w0'`.execute(database.db);
  assert.ok(Number(count.rows[0]?.n) > 50 * BLOCK_SIZE, `w0 in ${count.rows[0]?.n} papers`);
});

test('property: the index answers every plain-word query exactly as FTS5 bm25() ranks it', async () => {
  await fc.assert(
    fc.asyncProperty(
      // Common and rare words, words sharing a stem (w1s, w1), and a word in no paper.
      fc.array(
        fc.oneof(
          fc.constantFrom(...VOCABULARY.slice(0, 40)),
          fc.constantFrom(...VOCABULARY),
          fc.constantFrom('w1', 'w2', 'w5', 'w3', 'study', 'author', 'nothingsuch'),
        ),
        { minLength: 1, maxLength: 6 },
      ),
      fc.constantFrom(1, 10, 20, 100),
      async (drawn, k) => {
        const words = [...new Set(drawn)]; // as the query parser gives them
        const hits = await impacts.topK(words, k);
        assert.ok(hits, `${words.join(' ')}: not answered`);
        await assertSameAsFts5(words, k, hits);
        const summed = await accumulated.topK(words, k);
        assert.ok(summed, `${words.join(' ')}: not answered term at a time`);
        await assertSameAsFts5(words, k, summed);
      },
    ),
    { numRuns: 300 },
  );
});

test('words FTS5 stems alike count once each, as FTS5 counts its phrases', async () => {
  for (const words of [
    ['w1s', 'w1'],
    ['w2ing', 'w2', 'w0'],
    ['study', 'studies'],
  ]) {
    const hits = await impacts.topK(words, 10);
    assert.ok(hits);
    await assertSameAsFts5(words, 10, hits);
  }
});

test('fewer matches than asked for: every match, best first', async () => {
  for (const index of [impacts, accumulated]) {
    const hits = await index.topK(['w399ed', 'nothingsuch'], 1000);
    assert.ok(hits);
    assert.ok(hits.length < 1000);
    await assertSameAsFts5(['w399ed', 'nothingsuch'], 1000, hits);
    assert.deepEqual(await index.topK(['nothingsuch'], 10), []);
  }
});

test('one broad word is answered from its list alone', async () => {
  const hits = await impacts.topK(['w0'], 10);
  assert.ok(hits);
  await assertSameAsFts5(['w0'], 10, hits);
});

test('keyword search uses the index and gives the same papers as without them', async () => {
  const withIndex = new KeywordIndex(database.db, 'sqlite', DEFAULT_FIELD_WEIGHTS, impacts);
  const without = new KeywordIndex(database.db, 'sqlite', DEFAULT_FIELD_WEIGHTS);
  for (const text of ['w1 w2', 'w0', 'w5s w17', 'w3ing']) {
    const parsed = parseSearchQuery(text);
    assert.ok(parsed.ok);
    const page = { limit: 10, offset: 5 };
    assert.deepEqual(
      (await withIndex.search(parsed.query, page)).map((h) => h.paperId),
      (await without.search(parsed.query, page)).map((h) => h.paperId),
      text,
    );
  }
});

test('a paper added after the build stops the index from answering until they are built again', async () => {
  await new PaperStore(database.db).upsertPapers(
    corpus(1).map((r) => ({ ...r, paper: { ...r.paper, id: '2402.00001' } })),
  );
  assert.equal(await impacts.topK(['w0'], 10), null);
  await impacts.build();
  assert.ok(await impacts.topK(['w0'], 10));
});

test('after an import, the index stops answering and builds itself again in the background', async () => {
  await new PaperStore(database.db).upsertPapers(
    corpus(1).map((r) => ({ ...r, paper: { ...r.paper, id: '2402.00002', title: 'zzyzx w0 w0 w0' } })),
  );
  const errors: unknown[] = [];
  impacts.rebuildInBackground((error) => errors.push(error));
  assert.equal(impacts.ready, false);
  for (let i = 0; i < 200 && !impacts.ready; i++) await new Promise((resolve) => setTimeout(resolve, 25));
  assert.deepEqual(errors, []);
  const hits = await impacts.topK(['zzyzx'], 10);
  assert.ok(hits);
  await assertSameAsFts5(['zzyzx'], 10, hits);
  assert.equal(hits.length, 1);
});
