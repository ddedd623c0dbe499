import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import pino from 'pino';
import { loadConfig } from '../../src/config/config.ts';
import type { Db } from '../../src/db/schema.ts';
import { normaliseRecord } from '../../src/domain/normalise.ts';
import type { PaperRecord } from '../../src/domain/paper.ts';
import { StoreSink } from '../../src/ingest/store-sink.ts';
import { createApp, updateAppSearch } from '../../src/main.ts';
import { ChatSummarizer } from '../../src/search/chat-summarizer.ts';
import { KeywordIndexQueue } from '../../src/search/keyword-index-queue.ts';
import { KeywordStore } from '../../src/search/keyword-store.ts';
import { MeaningIndex } from '../../src/search/meaning-index.ts';
import { type SearchUpdateParts, updateSearch } from '../../src/search/search-update.ts';
import { type Summarizer, summarizePapers } from '../../src/search/summarize-papers.ts';
import { VectorStore } from '../../src/search/vector-store.ts';
import { describeEachDialect, migratedDatabase } from '../helpers/databases.ts';
import { downServerUrl, type FakeChatServer, startFakeChatServer } from './helpers/fake-chat-server.ts';

function record(n: number, abstract?: string, version = 'v1'): PaperRecord {
  const result = normaliseRecord({
    id: `2401.${String(n).padStart(5, '0')}${version}`,
    title: `Paper ${n} on spectral graph sparsification`,
    abstract:
      abstract ??
      `We study problem ${n} of spectral sparsification. Sparsifiers of graph ${n} keep every cut. The method runs in nearly linear time.`,
    authors: ['Ada Lovelace'],
    categories: ['cs.DS'],
    publishedAt: '2024-01-05T00:00:00Z',
  });
  if (!result.ok) throw new Error(result.reason);
  return result.record;
}

interface Row {
  paper_id: string;
  summary: string;
  summary_model: string | null;
}

async function rows(db: Db): Promise<Map<string, Row>> {
  const result = await sql<Row>`
    SELECT paper_id, summary, summary_model FROM paper_keywords ORDER BY paper_id`.execute(db);
  return new Map(result.rows.map((r) => [r.paper_id, r]));
}

let chat: FakeChatServer;
before(async () => {
  chat = await startFakeChatServer();
});
after(() => chat.close());

describeEachDialect('summaries by a chat model', (kind) => {
  let database: Awaited<ReturnType<typeof migratedDatabase>>;
  let sink: StoreSink;
  let keywords: KeywordStore;
  let parts: Omit<SearchUpdateParts, 'summarizer'>;
  const write = (records: PaperRecord[]) =>
    sink.writeBatch({ records, listings: [], upvotes: new Map(), cursor: null });
  const summarizer = (model: string, baseUrl = chat.baseUrl) =>
    new ChatSummarizer({ baseUrl, model, apiKey: 'sk-chat', backoffMs: 2, retries: 2 });
  const update = (s: Summarizer | null, now = new Date()) => updateSearch({ ...parts, summarizer: s }, now);

  before(async () => {
    database = await migratedDatabase(kind);
    sink = new StoreSink(database.db);
    keywords = new KeywordStore(database.db);
    parts = {
      queue: new KeywordIndexQueue(database.db, kind),
      keywords,
      meaning: new MeaningIndex(new VectorStore(database.db)),
    };
  });
  after(() => database.dispose());

  test('without a chat model the summaries stay extractive and nothing is asked', async () => {
    await write([1, 2, 3, 4, 5, 6, 7].map((n) => record(n)));
    chat.requests.length = 0;
    const done = await update(null);
    assert.equal(done.described, 7);
    assert.equal(done.summarized, 0);
    assert.equal(done.summaryError, null);
    assert.equal(chat.requests.length, 0);
    for (const row of (await rows(database.db)).values()) {
      assert.equal(row.summary_model, null);
      assert.match(row.summary, /^(We study|Sparsifiers|The method)/);
    }
  });

  test('a server that is down leaves the extractive summaries, and the update still completes', async () => {
    const before = await rows(database.db);
    await write([record(8)]);
    const done = await update(summarizer('llama3.2', await downServerUrl()));
    assert.equal(done.described, 1, 'the other steps ran');
    assert.equal(done.summarized, 0);
    assert.match(done.summaryError ?? '', /summaries stopped.*chat\/completions: no answer/);
    const after = await rows(database.db);
    assert.equal(after.size, 8);
    for (const [id, row] of before) assert.deepEqual(after.get(id), row);
    assert.equal(after.get('2401.00008')?.summary_model, null);
  });

  test('the chat model replaces every summary and is recorded with it; a second update asks nothing', async () => {
    chat.requests.length = 0;
    const done = await update(summarizer('llama3.2'));
    assert.equal(done.summarized, 8);
    assert.equal(done.summaryError, null);
    assert.equal(chat.requests.length, 8);
    for (const [id, row] of await rows(database.db)) {
      assert.equal(row.summary_model, 'llama3.2');
      assert.equal(
        row.summary,
        `Summary by llama3.2: Paper ${Number(id.slice(5))} on spectral graph sparsification.`,
      );
    }
    chat.requests.length = 0;
    assert.equal((await update(summarizer('llama3.2'))).summarized, 0);
    assert.equal(chat.requests.length, 0);
  });

  test('what a card shows is the chat summary', async () => {
    assert.equal(
      (await keywords.getOne('2401.00003'))?.summary,
      'Summary by llama3.2: Paper 3 on spectral graph sparsification.',
    );
  });

  test('a busy server (503) is asked again; one bad answer only keeps that paper extractive', async () => {
    await write([record(9), record(10)]);
    chat.failNext = 1;
    chat.failStatus = 503;
    chat.answers.push('   ');
    const done = await update(summarizer('llama3.2'));
    assert.equal(done.described, 2);
    assert.equal(done.summarized, 1);
    assert.match(
      done.summaryError ?? '',
      /^1 paper keeps its extractive summary until the next update: .*an empty summary/,
    );
    const after = await rows(database.db);
    assert.equal(
      [after.get('2401.00009'), after.get('2401.00010')].filter((r) => r?.summary_model === 'llama3.2')
        .length,
      1,
    );
    const again = await update(summarizer('llama3.2'));
    assert.equal(again.summarized, 1, 'the next update asks for the paper left out');
    assert.equal(again.summaryError, null);
  });

  test('a paper whose text changes is described again, then summarized again', async () => {
    const changed =
      'Resistance sampling preserves quadratic forms. Resistance sampling is simple to run and fast.';
    await write([record(4, changed, 'v2')]);
    const stale = (await rows(database.db)).get('2401.00004');
    assert.equal(stale, undefined, 'the text change dropped the description');
    chat.requests.length = 0;
    const done = await update(summarizer('llama3.2'));
    assert.equal(done.described, 1);
    assert.equal(done.summarized, 1);
    assert.equal(chat.requests.length, 1);
    assert.match(chat.requests[0]?.messages[1]?.content ?? '', /Resistance sampling/);
    assert.equal((await rows(database.db)).get('2401.00004')?.summary_model, 'llama3.2');
  });

  test('a paper described again while its summary is being written keeps the newer description', async () => {
    await write([record(11)]);
    await update(null);
    const rewritten =
      'Effective resistances guide the sampling. Effective resistances are cheap to estimate.';
    let calls = 0;
    const racing: Summarizer = {
      model: 'llama3.2',
      async summarize(paper) {
        calls++;
        // The paper's text changes, and it is described again, while the model is answering.
        await write([record(11, rewritten, 'v2')]);
        await keywords.describeMissing(new Date(Date.now() + 60_000));
        return `Chat summary of ${paper.title}.`;
      },
    };
    const done = await update(racing);
    assert.equal(calls, 1);
    assert.equal(done.summarized, 0, 'the stale answer was not written');
    const row = (await rows(database.db)).get('2401.00011');
    assert.equal(row?.summary_model, null);
    assert.match(row?.summary ?? '', /Effective resistances/);
    assert.equal((await update(summarizer('llama3.2'))).summarized, 1, 'and it is summarized next time');
  });

  test('reindex describes every paper again: the summaries are extractive until the next update', async () => {
    await keywords.rebuild(new Date());
    const all = [...(await rows(database.db)).values()];
    assert.equal(all.length, 11);
    assert.ok(all.every((r) => r.summary_model === null && !r.summary.startsWith('Summary by')));
    assert.equal((await update(summarizer('llama3.2'))).summarized, 11);
  });

  test('another model summarizes every paper again', async () => {
    chat.requests.length = 0;
    const done = await update(summarizer('qwen2.5:7b'));
    assert.equal(done.summarized, 11);
    assert.ok(chat.requests.every((r) => r.model === 'qwen2.5:7b'));
    for (const row of (await rows(database.db)).values()) {
      assert.equal(row.summary_model, 'qwen2.5:7b');
      assert.match(row.summary, /^Summary by qwen2\.5:7b: /);
    }
  });

  test('pages of papers, a few requests in flight at once', async () => {
    await write([12, 13, 14, 15, 16, 17, 18, 19, 20].map((n) => record(n)));
    await update(null);
    let inFlight = 0;
    let most = 0;
    const slow: Summarizer = {
      model: 'slow-model',
      async summarize(paper) {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight--;
        return `Slow summary of ${paper.title}.`;
      },
    };
    const done = await update(slow);
    assert.equal(done.summarized, 20);
    assert.equal(most, 4);
    const paged = await summarizePapers(keywords, { ...slow, model: 'paged-model' }, undefined, {
      pageSize: 3,
    });
    assert.deepEqual(paged, { summarized: 20, failed: 0, error: null, stopped: false });
  });
});

test('the key goes to the server as a Bearer token and never into the logs', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-summary-'));
  const lines: string[] = [];
  const logger = pino(
    { level: 'debug' },
    new Writable({
      write(chunk, _encoding, callback) {
        lines.push(String(chunk));
        callback();
      },
    }),
  );
  const app = await createApp(
    loadConfig({
      DATA_DIR: dir,
      DEMO_DATA: 'off',
      SUMMARY_URL: chat.baseUrl,
      SUMMARY_MODEL: 'llama3.2',
      SUMMARY_API_KEY: 'sk-very-secret',
    }),
    { schema: 'auto', logger },
  );
  try {
    await app.sink.writeBatch({
      records: [record(1), record(2)],
      listings: [],
      upvotes: new Map(),
      cursor: null,
    });
    // The server refuses the key, quoting it back.
    chat.requests.length = 0;
    chat.failNext = 10;
    chat.failStatus = 401;
    chat.failBody = '{"error":{"message":"Incorrect API key provided: {auth}"}}';
    const refused = await updateAppSearch(app);
    assert.equal(refused.summarized, 0);
    assert.match(refused.summaryError ?? '', /HTTP 401/);
    assert.ok(chat.requests.length > 0 && chat.requests.every((r) => r.auth === 'Bearer sk-very-secret'));
    chat.failNext = 0;
    const accepted = await updateAppSearch(app);
    assert.equal(accepted.summarized, 2);
    const log = lines.join('');
    assert.match(log, /HTTP 401/, 'the failure is logged');
    assert.equal(log.match(/HTTP 401/g)?.length, 1, 'once');
    assert.match(log, /summaries written by the chat model/);
    assert.doesNotMatch(log, /sk-very-secret/);
    assert.doesNotMatch(JSON.stringify(refused), /sk-very-secret/);
  } finally {
    chat.failNext = 0;
    chat.failBody = '{"error":"busy"}';
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
