import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { schemaStatus } from '../../src/db/migrate.ts';
import { normaliseRecord, type RawPaper } from '../../src/domain/normalise.ts';
import type { PaperRecord } from '../../src/domain/paper.ts';
import { StoreSink } from '../../src/ingest/store-sink.ts';
import { ListingStore } from '../../src/listings/listing-store.ts';
import { PaperStore } from '../../src/papers/paper-store.ts';
import { describeEachDialect, migratedDatabase } from '../helpers/databases.ts';

function record(raw: RawPaper): PaperRecord {
  const result = normaliseRecord(raw);
  if (!result.ok) throw new Error(result.reason);
  return result.record;
}

const v1 = record({
  id: '2003.10555v1',
  title: 'ELECTRA: first title',
  abstract: 'Masked language modeling. Code at https://github.com/google-research/electra.',
  authors: ['Kevin Clark', 'Minh-Thang Luong'],
  primaryCategory: 'cs.CL',
  categories: ['cs.CL', 'cs.LG'],
  versions: [{ version: 1, submittedAt: 'Mon, 23 Mar 2020 21:17:42 GMT' }],
});
const v2 = record({
  id: '2003.10555v2',
  title: 'ELECTRA: Pre-training Text Encoders as Discriminators Rather Than Generators',
  abstract: 'A better abstract.',
  authors: ['Kevin Clark', 'Minh-Thang Luong', 'Quoc V. Le', 'Christopher D. Manning'],
  categories: 'cs.CL',
});

describeEachDialect('paper store', (kind) => {
  let database: Awaited<ReturnType<typeof migratedDatabase>>;
  let papers: PaperStore;
  before(async () => {
    database = await migratedDatabase(kind);
    papers = new PaperStore(database.db);
  });
  after(() => database.dispose());

  test('the schema is current after migrating', async () => {
    const status = await schemaStatus(database);
    assert.deepEqual(status.pending, []);
    assert.deepEqual(status.unknown, []);
  });

  test('a new paper lands with its authors in order, categories and code links', async () => {
    assert.deepEqual(await papers.upsertPapers([v1]), { new: 1, updated: 0, unchanged: 0 });
    const paper = await papers.getPaper('2003.10555');
    assert.equal(paper?.title, 'ELECTRA: first title');
    assert.deepEqual(paper?.authors, ['Kevin Clark', 'Minh-Thang Luong']);
    assert.deepEqual(paper?.categories, ['cs.CL', 'cs.LG']);
    assert.deepEqual(paper?.codeUrls, ['https://github.com/google-research/electra']);
    assert.equal(paper?.publishedAt, '2020-03-23T21:17:42.000Z');
  });

  test('importing the same record again changes nothing', async () => {
    assert.deepEqual(await papers.upsertPapers([v1, v1]), { new: 0, updated: 0, unchanged: 1 });
  });

  test('a v2 replaces the shown title and abstract and keeps v1 in the history', async () => {
    assert.deepEqual(await papers.upsertPapers([v2]), { new: 0, updated: 1, unchanged: 0 });
    const paper = await papers.getPaper('2003.10555');
    assert.equal(paper?.latestVersion, 2);
    assert.match(paper?.title ?? '', /Rather Than Generators/);
    assert.equal(paper?.primaryCategory, 'cs.CL');
    const versions = await papers.getVersions('2003.10555');
    assert.deepEqual(
      versions.map((v) => [v.version, v.title]),
      [
        [1, 'ELECTRA: first title'],
        [2, paper?.title],
      ],
    );
    assert.deepEqual(
      await papers.upsertPapers([v1]),
      { new: 0, updated: 0, unchanged: 1 },
      'an older version does not win',
    );
    assert.match((await papers.getPaper('2003.10555'))?.title ?? '', /Rather Than Generators/);
  });

  test('a failing batch writes nothing', async () => {
    const sink = new StoreSink(database.db);
    const fresh = record({ id: '2401.00001', title: 'Fresh' });
    await assert.rejects(
      sink.writeBatch({
        records: [fresh],
        listings: [
          {
            day: '2025-03-14',
            paperId: 'not-a-stored-paper',
            position: 1,
            submittedAt: null,
            submittedBy: null,
            upvotes: null,
            source: 'test',
          },
        ],
        upvotes: new Map(),
        cursor: { source: 'test', value: 'c1' },
      }),
    );
    assert.equal(await papers.getPaper('2401.00001'), null);
    assert.equal(await sink.getCursor('test'), null);
  });

  test('a batch lands papers, listing, upvotes and cursor together', async () => {
    const sink = new StoreSink(database.db);
    const fresh = record({ id: '2401.00002', title: 'Listed' });
    const counts = await sink.writeBatch({
      records: [fresh],
      listings: [
        {
          day: '2025-03-14',
          paperId: '2401.00002',
          position: 1,
          submittedAt: '2025-03-14T08:00:00.000Z',
          submittedBy: { username: 'akhaliq', fullname: 'AK' },
          upvotes: 5,
          source: 'hf',
        },
      ],
      upvotes: new Map([['2401.00002', 5]]),
      cursor: { source: 'test', value: 'c2' },
    });
    assert.equal(counts.new, 1);
    assert.equal(counts.listed, 1);
    assert.equal(await sink.getCursor('test'), 'c2');
    const items = await new ListingStore(database.db).itemsBetween('2025-03-14', '2025-03-14');
    assert.equal(items.length, 1);
    assert.equal(items[0]?.submittedBy, 'akhaliq');
    assert.equal(items[0]?.paper.upvotes, 5);
  });

  test('export streams every paper in id order with its versions', async () => {
    const ids: string[] = [];
    for await (const page of papers.pages(1)) ids.push(...page.map((p) => p.paper.id));
    assert.deepEqual(ids, ['2003.10555', '2401.00002']);
  });
});
