import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { runCli, tempEnv } from '../helpers/cli.ts';
import { startFakeChatServer } from './helpers/fake-chat-server.ts';

/** A tiny BEIR folder: three documents, two judged queries (one the keyword side cannot miss). */
function beirFolder(dir: string, filler = 0): string {
  const root = path.join(dir, 'beir');
  fs.mkdirSync(path.join(root, 'qrels'), { recursive: true });
  const fillerDocs = Array.from({ length: filler }, (_, i) => ({
    _id: `f${i}`,
    title: `Filler study ${i}`,
    text: `Unrelated measurements of sample ${i} in a laboratory.`,
  }));
  const docs = [
    ...fillerDocs,
    {
      _id: 'd1',
      title: 'Token merging for vision transformers',
      text: 'Merging similar tokens speeds up ViTs.',
    },
    { _id: 'd2', title: 'Protein folding', text: 'Amino acid sequences fold into structures.' },
    { _id: 'd3', title: 'Graph networks', text: 'Message passing over molecules and proteins.' },
  ];
  fs.writeFileSync(path.join(root, 'corpus.jsonl'), docs.map((d) => JSON.stringify(d)).join('\n'));
  fs.writeFileSync(
    path.join(root, 'queries.jsonl'),
    [
      { _id: 'q1', text: 'token merging' },
      { _id: 'q2', text: 'protein folding from sequences' },
      { _id: 'q3', text: 'not judged' },
    ]
      .map((q) => JSON.stringify(q))
      .join('\n'),
  );
  fs.writeFileSync(
    path.join(root, 'qrels', 'train.tsv'),
    'query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td2\t1\n',
  );
  return root;
}

test('eval beir prints one JSON object of figures as its last line', async () => {
  const { dir, env } = tempEnv();
  try {
    const folder = beirFolder(dir);
    const result = await runCli(['eval', 'beir', folder, '--split', 'train', '--mode', 'all'], env);
    assert.equal(result.code, 0, result.stderr);
    const last = result.stdout.trim().split('\n').at(-1) ?? '';
    const figures = JSON.parse(last) as Record<string, Record<string, number>>;
    assert.deepEqual(Object.keys(figures), ['keyword', 'meaning', 'hybrid']);
    assert.equal(figures.keyword?.['ndcg@10'], 1);
    assert.equal(figures.keyword?.['recall@100'], 1);
    assert.ok((figures.hybrid?.['ndcg@10'] ?? 0) > 0);
    const missing = await runCli(['eval', 'beir', folder, '--split', 'dev'], env);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /dev\.tsv: no such file/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('eval beir ranks by keyword over a corpus larger than one keyword index queue chunk', async () => {
  const { dir, env } = tempEnv();
  try {
    // More documents than a search indexes for itself before answering (2,000): eval must index them.
    const folder = beirFolder(dir, 2500);
    const result = await runCli(['eval', 'beir', folder, '--split', 'train', '--mode', 'keyword'], env);
    assert.equal(result.code, 0, result.stderr);
    const figures = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '') as Record<
      string,
      Record<string, number>
    >;
    assert.equal(figures.keyword?.['ndcg@10'], 1);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('reindex rebuilds the keyword index and embeds every paper', async () => {
  const { dir, env } = tempEnv();
  try {
    const demo = path.resolve(import.meta.dirname, '../../demo/papers.jsonl');
    assert.equal((await runCli(['ingest', demo], env)).code, 0);
    const result = await runCli(['reindex'], env);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /61 papers embedded with builtin-lsa-/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('reindex with a chat model configured has it write the summaries again', async () => {
  const chat = await startFakeChatServer();
  const { dir, env } = tempEnv({ SUMMARY_URL: chat.baseUrl, SUMMARY_MODEL: 'tiny-chat' });
  try {
    const demo = path.resolve(import.meta.dirname, '../../demo/papers.jsonl');
    assert.equal((await runCli(['ingest', demo], env)).code, 0);
    const asked = chat.requests.length;
    assert.equal(asked, 61, 'the import had every paper summarized');
    const result = await runCli(['reindex'], env);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /61 summarized/);
    assert.equal(chat.requests.length, asked + 61);
    const db = new BetterSqlite3(path.join(dir, 'paperpulse.db'), { readonly: true });
    const models = db.prepare('SELECT DISTINCT summary_model AS m FROM paper_keywords').all();
    db.close();
    assert.deepEqual(models, [{ m: 'tiny-chat' }]);
  } finally {
    await chat.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
