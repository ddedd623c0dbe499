import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { renderToString } from 'preact-render-to-string';
import { ingest } from '../../src/ingest/ingest.ts';
import { openFileSource } from '../../src/ingest/open-source.ts';
import { StoreSink } from '../../src/ingest/store-sink.ts';
import { PaperStore } from '../../src/papers/paper-store.ts';
import { KeywordIndex } from '../../src/search/keyword-index.ts';
import { KeywordStore } from '../../src/search/keyword-store.ts';
import { DEFAULT_TRAINING } from '../../src/search/lsa/lsa-embedder.ts';
import { MeaningIndex } from '../../src/search/meaning-index.ts';
import { paperExtras } from '../../src/search/paper-extras.ts';
import { startMeaningSearch } from '../../src/search/reindex.ts';
import { RelatedPapers } from '../../src/search/related-papers.ts';
import { VectorStore } from '../../src/search/vector-store.ts';
import { PaperKeywordsSection } from '../../src/web/pages/paper-keywords.tsx';
import { RelatedPapersSection } from '../../src/web/pages/related-papers.tsx';
import { describeEachDialect, migratedDatabase } from '../helpers/databases.ts';

const demoFile = path.resolve(import.meta.dirname, '../../demo/papers.jsonl');
const tokenMerging = '2405.16148'; // Accelerating Transformers with Spectrum-Preserving Token Merging

describeEachDialect('related papers', (kind) => {
  let database: Awaited<ReturnType<typeof migratedDatabase>>;
  let papers: PaperStore;
  let keywords: KeywordStore;
  let keywordIndex: KeywordIndex;

  before(async () => {
    database = await migratedDatabase(kind);
    await ingest(openFileSource(demoFile, 'jsonl'), new StoreSink(database.db), { timeZone: 'UTC' });
    papers = new PaperStore(database.db);
    keywords = new KeywordStore(database.db);
    await keywords.describeMissing(new Date());
    keywordIndex = new KeywordIndex(database.db, kind);
  });
  after(() => database.dispose());

  test('before search by meaning is ready: keyword neighbours on title and key phrases, with reasons', async () => {
    const meaning = new MeaningIndex(new VectorStore(database.db)); // no model: similarTo is empty
    const related = await new RelatedPapers(papers, keywords, keywordIndex, meaning).of(tokenMerging, 5);
    assert.equal(related.length, 5);
    assert.ok(related.every((r) => r.by === 'keyword' && r.paper.id !== tokenMerging));
    assert.ok(
      // The other token-reduction paper of the demo set ("done means" of issue 3).
      related.some((r) => r.paper.title.startsWith('Expediting Large-Scale Vision Transformer')),
      related.map((r) => r.paper.title).join('\n'),
    );
    assert.ok(
      related.some((r) => r.shared.length > 0),
      'at least one says which key phrases it shares',
    );
  });

  test('with search by meaning: nearest neighbours in the vector index, never the paper itself', async () => {
    const meaning = new MeaningIndex(new VectorStore(database.db));
    await startMeaningSearch(meaning, new VectorStore(database.db), {
      training: { ...DEFAULT_TRAINING, dimension: 32 },
    });
    const related = await new RelatedPapers(papers, keywords, keywordIndex, meaning).of(tokenMerging, 4);
    assert.equal(related.length, 4);
    assert.ok(related.every((r) => r.by === 'meaning' && r.paper.id !== tokenMerging));
    assert.deepEqual(await new RelatedPapers(papers, keywords, keywordIndex, meaning).of('9999.99999'), []);
  });

  test('paperExtras: one call gives the keywords, summary and related papers of a paper', async () => {
    const extras = await paperExtras(
      keywords,
      new RelatedPapers(papers, keywords, keywordIndex, null),
    )(tokenMerging);
    assert.ok(extras.described && extras.described.keywords.length > 0);
    assert.equal(extras.related.length, 5);
    const none = await paperExtras(
      keywords,
      new RelatedPapers(papers, keywords, keywordIndex, null),
    )('9999.99999');
    assert.deepEqual(none, { described: null, related: [] });
  });

  test('the components show the summary, key phrase links and each reason, escaped', async () => {
    const described = await keywords.getOne(tokenMerging);
    const html = renderToString(<PaperKeywordsSection described={described} />);
    assert.match(html, /class="summary"/);
    assert.match(html, /href="\/search\?q=%22/);
    const related = await new RelatedPapers(papers, keywords, keywordIndex, null).of(tokenMerging, 3);
    const list = renderToString(<RelatedPapersSection related={related} />);
    assert.equal((list.match(/<li>/g) ?? []).length, 3);
    assert.match(list, /Shares: |Similar words/);
    const evil = renderToString(
      <RelatedPapersSection
        related={[
          { paper: { ...related[0]!.paper, title: '<script>x</script>' }, shared: [], by: 'keyword' },
        ]}
      />,
    );
    assert.ok(!evil.includes('<script>x'), 'titles are escaped');
    assert.equal(renderToString(<RelatedPapersSection related={[]} />), '');
  });
});
