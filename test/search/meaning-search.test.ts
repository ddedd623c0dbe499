import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { normaliseRecord } from '../../src/domain/normalise.ts';
import { parseSearchQuery, type SearchQuery } from '../../src/domain/search-query.ts';
import { ingest } from '../../src/ingest/ingest.ts';
import { openFileSource } from '../../src/ingest/open-source.ts';
import { StoreSink } from '../../src/ingest/store-sink.ts';
import { PaperStore } from '../../src/papers/paper-store.ts';
import { KeywordIndex } from '../../src/search/keyword-index.ts';
import { DEFAULT_TRAINING } from '../../src/search/lsa/lsa-embedder.ts';
import { MeaningIndex } from '../../src/search/meaning-index.ts';
import { reindexSearch, startMeaningSearch } from '../../src/search/reindex.ts';
import { searchDb } from '../../src/search/search-schema.ts';
import { SearchService } from '../../src/search/search-service.ts';
import { VectorStore } from '../../src/search/vector-store.ts';
import { describeEachDialect, migratedDatabase } from '../helpers/databases.ts';

const demoFile = path.resolve(import.meta.dirname, '../../demo/papers.jsonl');
const training = { ...DEFAULT_TRAINING, dimension: 32 };

function query(text: string): SearchQuery {
  const parsed = parseSearchQuery(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.query;
}

describeEachDialect('search by meaning', (kind) => {
  let database: Awaited<ReturnType<typeof migratedDatabase>>;
  let papers: PaperStore;
  let store: VectorStore;
  let meaning: MeaningIndex;
  const vectorRows = async () =>
    searchDb(database.db).selectFrom('paper_vectors').select(['paper_id', 'model', 'dimension']).execute();

  before(async () => {
    database = await migratedDatabase(kind);
    papers = new PaperStore(database.db);
    await ingest(openFileSource(demoFile, 'jsonl'), new StoreSink(database.db), { timeZone: 'UTC' });
    store = new VectorStore(database.db);
    meaning = new MeaningIndex(store);
  });
  after(() => database.dispose());

  test('a first start trains a model from the store and keeps every paper vector with its model id', async () => {
    await startMeaningSearch(meaning, store, { training });
    assert.match(meaning.model ?? '', /^builtin-lsa-32d-61p-/);
    assert.equal(meaning.size, 61);
    const rows = await vectorRows();
    assert.equal(rows.length, 61);
    assert.ok(rows.every((r) => r.model === meaning.model && Number(r.dimension) === 32));
  });

  test('the nearest papers to a query share its meaning', async () => {
    const found = await meaning.nearest(query('token merging vision transformer'), 5);
    assert.equal(found.length, 5);
    const titles = (await papers.getPapers(found.map((f) => f.paperId))).values();
    assert.ok(
      [...titles].some((p) => /token/i.test(p.title)),
      'a token paper among the five nearest',
    );
    for (let i = 1; i < found.length; i++) assert.ok(found[i - 1]!.score >= found[i]!.score);
  });

  test('feedback moves the query toward each paper by its weight', async () => {
    const text = query('token merging vision transformer');
    const far = (await meaning.nearest(text, 40)).at(-1)!.paperId;
    const steered = await meaning.nearest(text, 5, [{ paperId: far, weight: 10 }]);
    assert.equal(steered[0]?.paperId, far, 'a heavy weight makes the query "papers like this one"');
    const unmoved = await meaning.nearest(text, 5, [{ paperId: far, weight: 0 }]);
    assert.deepEqual(unmoved, await meaning.nearest(text, 5));
  });

  test('a restart loads the stored model and vectors instead of training again', async () => {
    const again = new MeaningIndex(store);
    await startMeaningSearch(again, store, { training });
    assert.equal(again.model, meaning.model);
    assert.equal(again.size, 61);
    assert.equal(await again.refresh(), 0);
  });

  test('new papers and papers whose text changed are embedded again; others are left alone', async () => {
    const fresh = normaliseRecord({
      id: '2409.00001',
      title: 'Merging tokens in vision transformers, again',
      abstract: 'Token merging for faster vision transformers.',
    });
    assert.ok(fresh.ok);
    await papers.upsertPapers([fresh.record]);
    const [first] = await papers.getPapers(['2502.05979']).then((m) => [...m.values()]);
    assert.ok(first);
    const changed = normaliseRecord({ id: '2502.05979v4', title: first.title, abstract: 'A new abstract.' });
    assert.ok(changed.ok);
    await papers.upsertPapers([changed.record]);
    assert.equal(
      (await vectorRows()).length,
      60,
      'the changed paper lost its vector; the new one has none yet',
    );
    assert.equal(await meaning.refresh(), 2);
    assert.equal(meaning.size, 62);
    assert.equal((await vectorRows()).length, 62);
  });

  test('hybrid search puts the exact id first, and fuses keyword and meaning after it', async () => {
    const search = new SearchService(new KeywordIndex(database.db, kind), papers, meaning);
    assert.equal(search.defaultMode, 'keyword');
    const hybridFirst = new SearchService(
      new KeywordIndex(database.db, kind),
      papers,
      meaning,
      undefined,
      'hybrid',
    );
    assert.equal(hybridFirst.defaultMode, 'hybrid');
    const byId = await search.search('2409.00001', { mode: 'hybrid' });
    assert.equal(byId.hits[0]?.paper.id, '2409.00001');
    assert.equal(byId.hits[0]?.exact, true);
    const hybrid = await search.search('token merging vision transformer', { mode: 'hybrid', limit: 10 });
    assert.equal(hybrid.hits.length, 10);
    const meaningOnly = await search.search('token merging', { mode: 'meaning', limit: 10 });
    assert.equal(meaningOnly.hits.length, 10);
  });

  test('reindex trains a new model and drops the old one with its vectors: models never mix', async () => {
    const old = meaning.model;
    await reindexSearch(database.db, kind, meaning, store, { training, now: new Date(Date.now() + 60_000) });
    assert.notEqual(meaning.model, old);
    const rows = await vectorRows();
    assert.equal(rows.length, 62);
    assert.ok(rows.every((r) => r.model === meaning.model));
    const models = await searchDb(database.db).selectFrom('embedding_models').select('model').execute();
    assert.deepEqual(
      models.map((m) => m.model),
      [meaning.model],
    );
  });
});
