import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { normaliseRecord, type RawPaper } from '../../src/domain/normalise.ts';
import type { PaperRecord } from '../../src/domain/paper.ts';
import { ingest } from '../../src/ingest/ingest.ts';
import { openFileSource } from '../../src/ingest/open-source.ts';
import { StoreSink } from '../../src/ingest/store-sink.ts';
import { KeywordStore } from '../../src/search/keyword-store.ts';
import { describeEachDialect, migratedDatabase } from '../helpers/databases.ts';

const demoFile = path.resolve(import.meta.dirname, '../../demo/papers.jsonl');
const tokenMerging = '2405.16148'; // Accelerating Transformers with Spectrum-Preserving Token Merging

function record(raw: RawPaper): PaperRecord {
  const result = normaliseRecord(raw);
  if (!result.ok) throw new Error(result.reason);
  return result.record;
}

const paper = (abstract: string, version = 'v1') =>
  record({
    id: `2401.00001${version}`,
    title: 'Spectral Sparsification of Graphs',
    abstract,
    authors: ['Ada Lovelace'],
    categories: ['cs.DS'],
    publishedAt: '2024-01-05T00:00:00Z',
  });

describeEachDialect('keywords and summaries', (kind) => {
  let database: Awaited<ReturnType<typeof migratedDatabase>>;
  let keywords: KeywordStore;
  let sink: StoreSink;

  before(async () => {
    database = await migratedDatabase(kind);
    sink = new StoreSink(database.db);
    keywords = new KeywordStore(database.db);
    await ingest(openFileSource(demoFile, 'jsonl'), sink, { timeZone: 'UTC' });
    // What `paperpulse ingest` (ingestSource) does after an import: describe what has no keywords yet.
    await keywords.describeMissing(new Date());
  });
  after(() => database.dispose());

  test('ingest describes every paper: keywords and a one-sentence summary from its abstract', async () => {
    const count = await sql<{ n: number | string }>`SELECT count(*) AS n FROM paper_keywords`.execute(
      database.db,
    );
    assert.equal(Number(count.rows[0]?.n), 61);
    const described = await keywords.getOne(tokenMerging);
    assert.ok(described);
    assert.ok(
      described.keywords.some((k) => /token merging/i.test(k)),
      described.keywords.join(' | '),
    );
    assert.ok(described.summary.length > 20 && described.summary.length <= 240, described.summary);
  });

  test('a changed abstract is described again at the next ingest; the same text is left alone', async () => {
    const first = 'Spectral sparsification keeps cuts. Spectral sparsification of graphs is fast.';
    await sink.writeBatch({ records: [paper(first)], listings: [], upvotes: new Map(), cursor: null });
    await keywords.describeMissing(new Date());
    const before = await keywords.getOne('2401.00001');
    assert.ok(
      before?.keywords.some((k) => /spectral sparsification/i.test(k)),
      before?.keywords.join('|'),
    );
    const second = 'Resistance sampling preserves quadratic forms. Resistance sampling is simple to run.';
    await sink.writeBatch({ records: [paper(second, 'v2')], listings: [], upvotes: new Map(), cursor: null });
    await keywords.describeMissing(new Date());
    const afterChange = await keywords.getOne('2401.00001');
    assert.ok(
      afterChange?.keywords.some((k) => /resistance sampling/i.test(k)),
      afterChange?.keywords.join('|'),
    );
    assert.match(afterChange?.summary ?? '', /Resistance sampling/);
  });

  test('rebuild (reindex) recounts word frequencies exactly and describes every paper', async () => {
    await sql`UPDATE term_papers SET papers = 999999`.execute(database.db);
    await sql`DELETE FROM paper_keywords WHERE paper_id = ${tokenMerging}`.execute(database.db);
    const done = await keywords.rebuild(new Date('2025-01-01T00:00:00Z'));
    assert.equal(done, 62);
    const row = await sql<{ papers: number | string }>`
      SELECT papers FROM term_papers WHERE term = 'transformers'`.execute(database.db);
    const n = Number(row.rows[0]?.papers);
    assert.ok(n >= 10 && n < 62, `transformers in ${n} papers`);
    assert.ok(await keywords.getOne(tokenMerging));
  });

  test('describeMissing backfills papers without keywords', async () => {
    await sql`DELETE FROM paper_keywords`.execute(database.db);
    assert.equal(await keywords.describeMissing(new Date()), 62);
    assert.equal((await keywords.get([tokenMerging, '2401.00001', 'nope'])).size, 2);
  });
});
