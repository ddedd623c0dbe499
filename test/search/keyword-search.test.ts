import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { AppError } from '../../src/domain/errors.ts';
import { normaliseRecord, type RawPaper } from '../../src/domain/normalise.ts';
import type { PaperRecord } from '../../src/domain/paper.ts';
import { ingest } from '../../src/ingest/ingest.ts';
import { openFileSource } from '../../src/ingest/open-source.ts';
import { StoreSink } from '../../src/ingest/store-sink.ts';
import { PaperStore } from '../../src/papers/paper-store.ts';
import { KeywordIndex } from '../../src/search/keyword-index.ts';
import { SearchService } from '../../src/search/search-service.ts';
import { describeEachDialect, migratedDatabase } from '../helpers/databases.ts';

const demoFile = path.resolve(import.meta.dirname, '../../demo/papers.jsonl');

function record(raw: RawPaper): PaperRecord {
  const result = normaliseRecord(raw);
  if (!result.ok) throw new Error(result.reason);
  return result.record;
}

/** Made-up papers on top of the demo set, each there to be found (or not) by one rule. */
const extra = [
  record({
    id: '2401.00001',
    title: 'Selective State Space Models for Sequences',
    abstract: 'We study the state of space exploration. A state space model with selection.',
    authors: ['Ada Lovelace', 'Charles Babbage'],
    categories: ['cs.LG'],
    publishedAt: '2024-01-05T00:00:00Z',
  }),
  record({
    id: '2306.00002',
    title: 'Space and State in Robotics',
    abstract: 'Robots keep a space of states; the model of space is a state of mind.',
    authors: ['Grace Hopper'],
    categories: ['cs.RO'],
    publishedAt: '2023-06-02T00:00:00Z',
  }),
  record({
    id: '2405.00003',
    title: 'Tokenizers Considered Harmful',
    abstract: 'A study of tokenization for multilingual language models by Lovelace-inspired methods.',
    authors: ['Alan Turing'],
    categories: ['cs.CL', 'cs.LG'],
    publishedAt: '2024-05-20T00:00:00Z',
  }),
];

describeEachDialect('keyword search', (kind) => {
  let database: Awaited<ReturnType<typeof migratedDatabase>>;
  let papers: PaperStore;
  let search: SearchService;
  const ids = async (text: string) => (await search.search(text, { limit: 50 })).hits.map((h) => h.paper.id);

  before(async () => {
    database = await migratedDatabase(kind);
    papers = new PaperStore(database.db);
    const summary = await ingest(openFileSource(demoFile, 'jsonl'), new StoreSink(database.db), {
      timeZone: 'UTC',
    });
    assert.equal(summary.new, 61);
    await papers.upsertPapers(extra);
    search = new SearchService(new KeywordIndex(database.db, kind), papers);
  });
  after(() => database.dispose());

  test('"token merging vision transformer" finds the two token-merging papers near the top', async () => {
    // bm25 weighs rare words (merging) up; PostgreSQL's ts_rank has no IDF, so it gets a little more room.
    const depth = kind === 'sqlite' ? 3 : 5;
    const titles = (await search.search('token merging vision transformer', { limit: depth })).hits.map(
      (h) => h.paper.title,
    );
    assert.ok(
      titles.some((t) => t.startsWith('Accelerating Transformers with Spectrum-Preserving Token Merging')),
      titles.join('\n'),
    );
    assert.ok(
      titles.some((t) => t.startsWith('Expediting Large-Scale Vision Transformer')),
      titles.join('\n'),
    );
  });

  test('a title match outranks the same word in the abstract', async () => {
    assert.equal((await ids('robotics'))[0], '2306.00002');
    const found = await ids('tokenization');
    assert.ok(found.includes('2405.00003'));
  });

  test('stemming: "tokenizers" finds "tokenization" and "tokenizer"', async () => {
    assert.ok((await ids('tokenizer')).includes('2405.00003'));
  });

  test('a quoted phrase needs its words next to each other, in order', async () => {
    const found = await ids('"state space model"');
    assert.ok(found.includes('2401.00001'));
    assert.ok(!found.includes('2306.00002'), 'space … state is not the phrase');
  });

  test('a prefix matches the (stemmed) words it starts', async () => {
    assert.ok((await ids('toke*')).includes('2405.00003'));
    assert.ok((await ids('harm*')).includes('2405.00003'));
    assert.ok(!(await ids('tokq*')).includes('2405.00003'));
  });

  test('author: looks in the authors only', async () => {
    assert.deepEqual(await ids('author:lovelace'), ['2401.00001']);
    assert.deepEqual(await ids('author:"Ada Lovelace" state'), ['2401.00001']);
    assert.deepEqual(await ids('author:"Lovelace Ada" state'), []);
  });

  test('cat: takes a category or a whole archive; date bounds are publication days', async () => {
    assert.deepEqual(await ids('state cat:cs.RO'), ['2306.00002']);
    assert.deepEqual(await ids('state cat:cs.ro'), ['2306.00002']);
    const learning = await search.search('cat:cs.LG after:2024-01-01 before:2024-06-01', { limit: 100 });
    assert.ok(learning.hits.length >= 2);
    for (const { paper } of learning.hits) {
      assert.ok(paper.categories.includes('cs.LG'), paper.id);
      assert.ok(paper.publishedAt! >= '2024-01-01' && paper.publishedAt! < '2024-06-01', paper.id);
    }
    const inCs = await ids('tokenizers cat:cs after:2024-05-20 before:2024-05-21');
    assert.deepEqual(inCs, ['2405.00003']);
    assert.deepEqual(await ids('state after:2024-01-05 before:2024-01-06'), ['2401.00001']);
    assert.deepEqual(await ids('state cat:math'), []);
  });

  test('an exact arXiv id, in any form, jumps to the top', async () => {
    for (const text of ['2306.00002', 'arXiv:2306.00002v1', 'https://arxiv.org/abs/2306.00002']) {
      const results = await search.search(text);
      assert.equal(results.hits[0]?.paper.id, '2306.00002', text);
      assert.equal(results.hits[0]?.exact, true);
    }
  });

  test('an exact title jumps to the top, whatever its case', async () => {
    const results = await search.search('space and state in robotics');
    assert.equal(results.hits[0]?.paper.id, '2306.00002');
    assert.equal(results.hits[0]?.exact, true);
    const state = await search.search('selective state space models for sequences');
    assert.equal(state.hits[0]?.paper.id, '2401.00001');
  });

  test('the index follows upserts: a new version is found by its new words, not its old ones', async () => {
    await papers.upsertPapers([
      record({
        id: '2306.00002v2',
        title: 'Quaternion Manipulators',
        abstract: 'Renamed.',
        authors: ['Grace Hopper'],
      }),
    ]);
    assert.deepEqual(await ids('quaternion'), ['2306.00002']);
    assert.ok(!(await ids('robotics')).includes('2306.00002'));
  });

  test('pages do not overlap and say when there is more', async () => {
    const first = await search.search('model', { limit: 5 });
    const second = await search.search('model', { limit: 5, offset: 5 });
    assert.equal(first.hits.length, 5);
    assert.equal(first.hasMore, true);
    const overlap = first.hits.filter((h) => second.hits.some((s) => s.paper.id === h.paper.id));
    assert.deepEqual(overlap, []);
  });

  test('engine syntax typed by a user is searched as words, never run', async () => {
    for (const text of [
      'NEAR(a b)',
      'title: OR AND',
      '"',
      '*',
      '^state',
      "'; DROP TABLE papers; --",
      'a:b:c',
      '-x',
    ]) {
      const results = await search.search(text).catch((e: unknown) => e);
      if (results instanceof AppError) assert.equal(results.code, 'bad_request', text);
      else assert.ok(Array.isArray((results as { hits: unknown[] }).hits), text);
    }
    assert.equal(await papers.countPapers(), 64);
  });

  test('any string gives results or a bad request, never another error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 60 }),
          fc
            .array(
              fc.constantFrom(
                '"',
                '*',
                ':',
                'author:',
                'cat:',
                'after:',
                'NEAR',
                'OR',
                '(',
                ')',
                "'",
                'token',
                'state',
                ' ',
                '&',
                '|',
                '!',
                '<->',
                'é',
              ),
              { maxLength: 12 },
            )
            .map((p) => p.join('')),
        ),
        async (text) => {
          try {
            await search.search(text);
          } catch (error) {
            assert.ok(error instanceof AppError && error.code === 'bad_request', String(error));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
