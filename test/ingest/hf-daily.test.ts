import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SourceError } from '../../src/domain/errors.ts';
import { normaliseRecord } from '../../src/domain/normalise.ts';
import type { PaperRecord } from '../../src/domain/paper.ts';
import type { Source, SourceItem } from '../../src/ingest/source.ts';
import { hfPapersFileSource, hfPapersUrlSource, parseHfPapers } from '../../src/ingest/sources/hf-daily.ts';

type PaperItem = Extract<SourceItem, { kind: 'paper' }>;

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const fixtures = path.join(repoRoot, 'test/fixtures/hf');
const handmadeFile = path.join(fixtures, 'daily_papers-handmade.json');
const kazakhFile = path.join(fixtures, 'papers-search-kazakh.json');
const realDailyFile = path.resolve(
  repoRoot,
  '../shared/data',
  'hf-api-fixtures/daily_papers-2024-10-25.json',
);
const realDailyPresent = fs.existsSync(realDailyFile);
if (!realDailyPresent) console.warn('NOTICE: ../shared/data not found: real daily_papers test SKIPPED');

function papersOf(file: string, options?: { listing?: boolean }): PaperItem[] {
  return parseHfPapers(fs.readFileSync(file, 'utf8'), file, options).map((item) => {
    assert.equal(item.kind, 'paper', item.kind === 'rejected' ? `${item.where}: ${item.reason}` : '');
    return item as PaperItem;
  });
}

function normalised(item: PaperItem): PaperRecord {
  const result = normaliseRecord(item.raw);
  if (!result.ok) assert.fail(`${item.where}: ${result.reason}`);
  return result.record;
}

async function readAll(source: Source): Promise<SourceItem[]> {
  const items: SourceItem[] = [];
  for await (const item of source.read({ cursor: null })) items.push(item);
  return items;
}

function assertSourceError(pattern: RegExp, where: string) {
  return (error: unknown) => {
    assert.ok(error instanceof SourceError, String(error));
    assert.equal(error.code, 'source');
    assert.equal(error.where, where);
    assert.match(error.message, pattern);
    return true;
  };
}

describe('parseHfPapers: a daily listing (hand-made, in the /api/daily_papers shape)', () => {
  const items = papersOf(handmadeFile);

  test('one paper per element, each on the listing at its position', () => {
    assert.deepEqual(
      items.map((item) => [item.raw.id, item.where, item.listing?.position, item.listing?.upvotes]),
      [
        ['2411.29001', `${handmadeFile}#1`, 1, 42],
        ['2411.29002', `${handmadeFile}#2`, 2, 17],
        ['2411.29003', `${handmadeFile}#3`, 3, 5],
        ['2411.29004', `${handmadeFile}#4`, 4, 0],
      ],
    );
  });

  test('the listing: submission time, submitter as given, source hf, and no day', () => {
    assert.deepEqual(items[0]?.listing, {
      submittedAt: '2024-11-29T01:12:45.310Z',
      submittedBy: { username: 'mokonkwo', fullname: 'Mira Okonkwo' },
      upvotes: 42,
      position: 1,
      source: 'hf',
    });
    assert.deepEqual(
      items.map((item) => item.listing?.submittedBy),
      [
        { username: 'mokonkwo', fullname: 'Mira Okonkwo' },
        { username: 'pepe-nunez', fullname: 'José (Pepe) Núñez' },
        { username: 'ola-t', fullname: 'Ola T.' },
        { username: 'linwei_ai', fullname: 'Wei Lin' },
      ],
    );
    assert.equal(items[3]?.listing?.submittedAt, '2024-11-29T23:40:02.118Z');
  });

  test('the paper: authors in order with hidden ones, arXiv v1 time, abstract, code links', () => {
    const [first, second] = items;
    assert.deepEqual(first?.raw.authors, ['Mira Okonkwo', 'Tomasz Wierzbicki', 'Anaïs Delacroix']);
    assert.equal(first?.raw.publishedAt, '2024-11-27T18:59:51.000Z');
    assert.match(first?.raw.abstract ?? '', /^Long-context language models spend/);
    assert.deepEqual(first?.raw.codeUrls, ['https://github.com/example-lab/sparse-mod']);
    assert.deepEqual(second?.raw.codeUrls, ['https://example.org/tinyvlm']);
    assert.deepEqual(items[2]?.raw.codeUrls, []);
  });

  test('every paper normalises', () => {
    const records = items.map(normalised);
    assert.equal(
      records[1]?.paper.title,
      'TinyVLM: Distilling Vision-Language Models into Phones without Losing Grounding',
    );
    assert.deepEqual(records[1]?.paper.authors, [
      'José Núñez',
      'Priya Raman',
      'Kenji Watanabe',
      'Sara Lindqvist',
    ]);
    // The same link in githubRepo and in the abstract is kept once.
    assert.deepEqual(records[0]?.paper.codeUrls, ['https://github.com/example-lab/sparse-mod']);
    assert.equal(records[0]?.paper.publishedAt, '2024-11-27T18:59:51.000Z');
  });

  test('listing: false reads the papers alone', () => {
    const plain = papersOf(handmadeFile, { listing: false });
    assert.equal(plain.length, 4);
    assert.ok(plain.every((item) => item.listing === undefined));
  });
});

describe('parseHfPapers: search results (real /api/papers/search?q=kazakh)', () => {
  const items = papersOf(kazakhFile);

  test('nine papers in order, not on any listing', () => {
    assert.deepEqual(
      items.map((item) => item.raw.id),
      [
        '2404.04487',
        '2403.19399',
        '2403.19335',
        '2111.13419',
        '2404.01033',
        '2502.13640',
        '2503.01493',
        '2108.01280',
        '2107.10637',
      ],
    );
    assert.ok(items.every((item) => item.listing === undefined));
  });

  test('authors, title and the arXiv time come from `paper`', () => {
    const [first] = items;
    assert.deepEqual(first?.raw.authors, [
      'Rustem Yeshpanov',
      'Pavel Efimov',
      'Leonid Boytsov',
      'Ardak Shalkarbayuli',
      'Pavel Braslavski',
    ]);
    // paper.publishedAt, not the top-level one four hours earlier.
    assert.equal(first?.raw.publishedAt, '2024-04-06T03:40:36.000Z');
    assert.equal(items[6]?.raw.authors?.length, 35);
    const records = items.map(normalised);
    assert.equal(
      records[7]?.paper.title,
      'A Study of Multilingual End-to-End Speech Recognition for Kazakh, Russian, and English',
    );
    assert.equal(records[0]?.paper.title, 'KazQAD: Kazakh Open-Domain Question Answering Dataset');
  });

  test('listing: true puts them on a listing without a submitter', () => {
    const listed = papersOf(kazakhFile, { listing: true });
    assert.deepEqual(listed[0]?.listing, {
      submittedAt: '2024-04-05T23:40:36.000Z',
      submittedBy: null,
      upvotes: 1,
      position: 1,
      source: 'hf',
    });
  });
});

describe('parseHfPapers: the real /api/daily_papers of 2024-10-25 (../shared/data)', () => {
  const options = { skip: !realDailyPresent && 'no ../shared/data' };

  test('29 papers, each on the listing at its position, all normalise', options, () => {
    const items = papersOf(realDailyFile);
    assert.equal(items.length, 29);
    assert.deepEqual(
      items.map((item) => item.listing?.position),
      Array.from({ length: 29 }, (_, n) => n + 1),
    );
    assert.equal(
      items.reduce((sum, item) => sum + (Array.isArray(item.raw.authors) ? item.raw.authors.length : 0), 0),
      191,
    );
    for (const item of items) normalised(item);
  });

  test('the first paper and its submitter, exactly as recorded', options, () => {
    const [first] = papersOf(realDailyFile);
    assert.equal(first?.raw.id, '2410.17243');
    assert.equal(first?.where, `${realDailyFile}#1`);
    assert.equal(first?.raw.publishedAt, '2024-10-22T17:59:30.000Z');
    assert.deepEqual(first?.listing, {
      submittedAt: '2024-10-25T00:57:09.392Z',
      submittedBy: { username: 'ClownRat', fullname: 'Zesen Cheng' },
      upvotes: 64,
      position: 1,
      source: 'hf',
    });
    const { paper } = normalised(first as PaperItem);
    assert.equal(
      paper.title,
      'Breaking the Memory Barrier: Near Infinite Batch Size Scaling for Contrastive Loss',
    );
    assert.equal(paper.authors.length, 9);
    assert.deepEqual(
      [paper.authors[0], paper.authors[1], paper.authors.at(-1)],
      ['Zesen Cheng', 'Hang Zhang', 'Lidong Bing'],
    );
  });

  test('submitters whose username and full name differ keep both as given', options, () => {
    const items = papersOf(realDailyFile);
    const submitter = (position: number) => items[position - 1]?.listing?.submittedBy;
    assert.deepEqual(submitter(4), { username: 'dyyyyyyyy', fullname: 'Ding' });
    assert.deepEqual(submitter(12), { username: 'chrisliu298', fullname: 'Chris (Yuhao) Liu' });
    assert.deepEqual(submitter(25), { username: 'brando', fullname: 'Brando Miranda' });
    assert.deepEqual(submitter(27), { username: 'brando', fullname: 'Brando Miranda' });
    assert.deepEqual(submitter(29), { username: 'mamaj92', fullname: 'M.Reza Ebrahimi' });
    assert.deepEqual(items.map((item) => item.listing?.upvotes).slice(0, 6), [64, 41, 37, 35, 28, 27]);
  });

  test('a hidden author is still an author, in place', options, () => {
    const item = papersOf(realDailyFile)[20];
    assert.equal(item?.raw.id, '2410.17897');
    assert.deepEqual(item?.raw.authors, ['Zhanchao Zhou', 'Tianyi Wu', 'Zhiyun Jiang', 'Zhenzhong Lan']);
  });
});

describe('parseHfPapers: bad input', () => {
  test('invalid JSON is a SourceError naming the file and the position', () => {
    const json = '[\n{"paper": {"id": "2411.29001"}}\n{"paper": {}}]';
    assert.throws(
      () => parseHfPapers(json, 'daily.json'),
      assertSourceError(
        /^daily\.json: not valid JSON at line 3, column 1 \(Expected ',' or ']'/,
        'daily.json',
      ),
    );
  });

  test('a truncated answer is a SourceError saying where it stops', () => {
    const json = fs.readFileSync(handmadeFile, 'utf8');
    assert.throws(
      () => parseHfPapers(json.slice(0, json.lastIndexOf('}')), 'cut.json'),
      assertSourceError(/^cut\.json: not valid JSON at the end \(/, 'cut.json'),
    );
    assert.throws(
      () => parseHfPapers('', 'empty.json'),
      assertSourceError(/not valid JSON at the end/, 'empty.json'),
    );
  });

  test('anything but an array is a SourceError; an API error object says its message', () => {
    assert.throws(
      () => parseHfPapers('{"error":"Invalid date"}', 'https://hf.example/api/daily_papers'),
      assertSourceError(
        /: expected a JSON array of papers, got an object: "Invalid date"$/,
        'https://hf.example/api/daily_papers',
      ),
    );
    assert.throws(() => parseHfPapers('null', 'x.json'), assertSourceError(/got null$/, 'x.json'));
  });

  test('an element without paper.id, with a bad id or no paper is rejected with its place', () => {
    const json = JSON.stringify([
      { paper: { id: '2411.29001', title: 'Fine' } },
      { paper: { title: 'No id' } },
      { paper: { id: 'not-an-id', title: 'Bad id' } },
      7,
      { title: 'No paper' },
    ]);
    const items = parseHfPapers(json, 'daily.json');
    assert.equal(items[0]?.kind, 'paper');
    assert.deepEqual(items.slice(1), [
      { kind: 'rejected', where: 'daily.json#2', reason: 'no "paper.id"' },
      {
        kind: 'rejected',
        where: 'daily.json#3',
        reason:
          'bad "paper.id": "not-an-id" is not an arXiv id (expected e.g. 2003.10555, 2003.10555v2 or hep-th/9901001)',
      },
      { kind: 'rejected', where: 'daily.json#4', reason: 'expected an object, got a number' },
      { kind: 'rejected', where: 'daily.json#5', reason: 'no "paper" object' },
    ]);
  });

  test('a paper without a title is read, then refused by normaliseRecord with its id', () => {
    const [item] = parseHfPapers('[{"paper": {"id": "2411.29001", "summary": "Text."}}]', 'daily.json');
    assert.equal(item?.kind === 'paper' && item.where, 'daily.json#1');
    const result = normaliseRecord((item as PaperItem).raw);
    assert.deepEqual(result, { ok: false, reason: '2411.29001: no title' });
  });
});

describe('hfPapersFileSource and hfPapersUrlSource', () => {
  test('a file source yields what parseHfPapers reads', async () => {
    const source = hfPapersFileSource(handmadeFile);
    assert.equal(source.name, handmadeFile);
    assert.equal(source.cursorKey, null);
    assert.deepEqual(await readAll(source), papersOf(handmadeFile));
    const plain = await readAll(hfPapersFileSource(handmadeFile, { listing: false }));
    assert.ok(plain.every((item) => item.kind === 'paper' && item.listing === undefined));
  });

  test('a missing file is a SourceError naming it', async () => {
    const missing = path.join(fixtures, 'no-such.json');
    await assert.rejects(
      readAll(hfPapersFileSource(missing)),
      assertSourceError(/no-such\.json: cannot read: ENOENT/, missing),
    );
  });

  test('a URL source asks the injected fetcher for its URL and names items by it', async () => {
    const url = 'https://huggingface.co/api/daily_papers?date=2024-11-29';
    const asked: string[] = [];
    const json = fs.readFileSync(handmadeFile, 'utf8');
    const source = hfPapersUrlSource(async (u) => {
      asked.push(u);
      return json;
    }, url);
    assert.equal(source.name, url);
    const items = await readAll(source);
    assert.deepEqual(asked, [url]);
    assert.equal(items.length, 4);
    assert.equal(items[1]?.kind === 'paper' && items[1].where, `${url}#2`);
    assert.deepEqual(items[1]?.kind === 'paper' && items[1].listing?.submittedBy, {
      username: 'pepe-nunez',
      fullname: 'José (Pepe) Núñez',
    });
  });

  test("a URL source passes the fetcher's failure on", async () => {
    const source = hfPapersUrlSource(async () => {
      throw new SourceError('https://hf.example/api/daily_papers', 'HTTP 503', { status: 503 });
    }, 'https://hf.example/api/daily_papers');
    await assert.rejects(readAll(source), /HTTP 503/);
  });
});
