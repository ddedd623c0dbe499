import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { normaliseRecord } from '../../src/domain/normalise.ts';
import type { PaperRecord } from '../../src/domain/paper.ts';
import { StoreSink } from '../../src/ingest/store-sink.ts';
import { countWords, describe, type PaperText } from '../../src/search/describe-papers.ts';
import { KeywordStore } from '../../src/search/keyword-store.ts';
import { MIN_SHARED_PAGE, ParallelDescriber } from '../../src/search/parallel-describer.ts';
import { describeEachDialect, migratedDatabase } from '../helpers/databases.ts';

const demoFile = path.resolve(import.meta.dirname, '../../demo/papers.jsonl');
const demo = fs
  .readFileSync(demoFile, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as { title: string; abstract: string });

/**
 * 450 papers of real prose: each demo abstract joined to another, with accents, Greek, LaTeX and
 * hyphenated words mixed in so both tokenizers (plain ASCII and Unicode) are used.
 */
const texts: PaperText[] = Array.from({ length: 450 }, (_, i) => {
  const a = demo[i % demo.length]!;
  const b = demo[(i * 7 + 3) % demo.length]!;
  const extra = ['', ' Café-style naïve Bayes on $\\alpha$-stable noise.', ' Über die Λ-Theorie.', ''][i % 4];
  return {
    id: `2402.${String(10000 + i)}`,
    title: i % 5 === 0 ? `${a.title}: Ré-examined` : a.title,
    abstract: `${a.abstract} ${b.abstract}${extra}`,
  };
});

test('describing a page in two threads gives what describing it here alone gives', async () => {
  const describer = new ParallelDescriber();
  try {
    const counts = await describer.countWords(texts);
    assert.deepEqual(counts, countWords(texts));
    const frequencies = { papers: 10_000, papersWith: (w: string) => (counts.get(w) ?? 0) * 3 };
    const described = await describer.describe(texts, frequencies, counts.keys());
    assert.deepEqual(
      described,
      texts.map((p) => describe(p, frequencies)),
    );
    // A small page stays on this thread; a second large page reuses the worker.
    const small = texts.slice(0, MIN_SHARED_PAGE - 1);
    assert.deepEqual(await describer.countWords(small), countWords(small));
    assert.deepEqual(await describer.countWords(texts), counts);
  } finally {
    await describer.close();
  }
});

describeEachDialect('describing missing papers on two threads', (kind) => {
  let database: Awaited<ReturnType<typeof migratedDatabase>>;
  before(async () => {
    database = await migratedDatabase(kind);
    const records: PaperRecord[] = texts.map((t) => {
      const result = normaliseRecord({
        id: t.id,
        title: t.title,
        abstract: t.abstract,
        categories: ['cs.LG'],
      });
      if (!result.ok) throw new Error(result.reason);
      return result.record;
    });
    await new StoreSink(database.db).writeBatch({ records, listings: [], upvotes: new Map(), cursor: null });
  });
  after(() => database.dispose());

  test('every paper gets the key phrases and summary of one page described here', async () => {
    const keywords = new KeywordStore(database.db);
    assert.equal(await keywords.describeMissing(new Date()), texts.length);
    const stored = await keywords.get(texts.map((t) => t.id));
    // The store was empty: one page, weighed by its own word counts.
    const stored_texts = await database.db
      .selectFrom('papers')
      .select(['id', 'title', 'abstract'])
      .orderBy('id')
      .execute();
    const counts = countWords(stored_texts);
    const frequencies = { papers: texts.length, papersWith: (w: string) => counts.get(w) ?? 0 };
    for (const paper of stored_texts) {
      const expected = describe(paper, frequencies);
      assert.deepEqual(stored.get(paper.id), { keywords: expected.keywords, summary: expected.summary });
    }
  });
});
