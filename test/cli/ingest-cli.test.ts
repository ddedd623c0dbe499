import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { runCli, startCli, tempEnv, writeSyntheticJsonl } from '../helpers/cli.ts';
import { repoRoot } from '../helpers/shared-data.ts';

const demo = path.join(repoRoot, 'demo/papers.jsonl');

test('ingest the demo set, then again: the second import changes nothing', async () => {
  const { env } = tempEnv();
  const first = await runCli(['ingest', demo], env);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /new 61, updated 0, unchanged 0/);
  const second = await runCli(['ingest', demo], env);
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stdout, /new 0, updated 0, unchanged 61/);
});

test('bad records are reported with file:line and skipped; the good ones land; exit code 3', async () => {
  const { dir, env } = tempEnv();
  const file = path.join(dir, 'mixed.jsonl');
  fs.writeFileSync(
    file,
    [
      JSON.stringify({ id: '2401.00001', title: 'Good one' }),
      '{"id": "2401.00002", "title": "broken',
      JSON.stringify({ id: '2401.00003', abstract: 'no title here' }),
      JSON.stringify({ id: 'paper-42', title: 'Bad id' }),
      JSON.stringify({ id: '2401.00005', title: 'Good two' }),
      '{"id": "2401.00006", "tit',
    ].join('\n'),
  );
  const result = await runCli(['ingest', file], env);
  assert.equal(result.code, 3, result.stderr);
  assert.match(result.stdout, /new 2, .*rejected 4/);
  assert.match(result.stdout, /mixed\.jsonl:2: not valid JSON/);
  assert.match(result.stdout, /mixed\.jsonl:3 \(2401\.00003\): 2401\.00003: no title/);
  assert.match(result.stdout, /mixed\.jsonl:4 \(paper-42\): "paper-42" is not an arXiv id/);
  assert.match(result.stdout, /mixed\.jsonl:6: not valid JSON/);
});

test('a missing file, an empty file and an unknown format are usage errors (exit 2) that change nothing', async () => {
  const { dir, env } = tempEnv();
  const missing = await runCli(['ingest', path.join(dir, 'nope.jsonl')], env);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /nope\.jsonl: no such file or directory/);
  fs.writeFileSync(path.join(dir, 'empty.txt'), '');
  const empty = await runCli(['ingest', path.join(dir, 'empty.txt')], env);
  assert.equal(empty.code, 2);
  assert.match(empty.stderr, /empty/);
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'hello world');
  const unknown = await runCli(['ingest', path.join(dir, 'notes.txt')], env);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /cannot tell the format/);
});

test('export writes every paper by id, and re-importing it elsewhere reproduces the same export', async () => {
  const a = tempEnv();
  assert.equal((await runCli(['ingest', demo, '--listing-day', '2025-03-14'], a.env)).code, 0);
  const exported = path.join(a.dir, 'export.jsonl');
  const exportRun = await runCli(['export', '--out', exported], a.env);
  assert.equal(exportRun.code, 0, exportRun.stderr);
  const lines = fs.readFileSync(exported, 'utf8').trim().split('\n');
  assert.equal(lines.length, 61);
  const ids = lines.map((l) => (JSON.parse(l) as { id: string }).id);
  assert.deepEqual(ids, [...ids].sort(), 'stable order by id');
  assert.equal((JSON.parse(lines[0] ?? '{}') as { listing?: { day: string } }).listing?.day, '2025-03-14');

  const b = tempEnv();
  const reimport = await runCli(['ingest', exported], b.env);
  assert.equal(reimport.code, 0, reimport.stderr);
  assert.match(reimport.stdout, /new 61/);
  const again = await runCli(['export'], b.env);
  assert.equal(again.code, 0);
  assert.equal(again.stdout, fs.readFileSync(exported, 'utf8'));
});

test('an ingest killed with SIGKILL leaves whole batches and resumes from its cursor', async () => {
  const { dir, env } = tempEnv();
  const file = path.join(dir, 'big.jsonl');
  const total = 20_000;
  writeSyntheticJsonl(file, total);
  const dbFile = path.join(dir, 'paperpulse.db');
  const child = startCli(['ingest', file], env);
  const countPapers = () => {
    if (!fs.existsSync(dbFile)) return 0;
    const db = new BetterSqlite3(dbFile, { readonly: true, fileMustExist: true });
    try {
      const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'papers'").get();
      return hasTable ? (db.prepare('SELECT count(*) AS n FROM papers').get() as { n: number }).n : 0;
    } finally {
      db.close();
    }
  };
  const deadline = Date.now() + 60_000;
  while (countPapers() < 3000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  child.kill('SIGKILL');
  await new Promise((r) => child.on('close', r));

  const db = new BetterSqlite3(dbFile);
  assert.equal(
    (db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check,
    'ok',
  );
  const landed = (db.prepare('SELECT count(*) AS n FROM papers').get() as { n: number }).n;
  const cursor = db.prepare('SELECT cursor FROM ingest_cursors').get() as { cursor: string } | undefined;
  db.close();
  assert.ok(landed >= 3000 && landed < total, `killed part-way (landed ${landed})`);
  assert.equal(landed % 1000, 0, 'only whole batches land');
  assert.ok(cursor, 'a cursor was stored');
  assert.ok(Number(cursor.cursor) <= landed);

  const resumed = await runCli(['ingest', file], env);
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.match(resumed.stdout, new RegExp(`resumed from cursor ${cursor.cursor}`));
  const check = new BetterSqlite3(dbFile, { readonly: true });
  assert.equal((check.prepare('SELECT count(*) AS n FROM papers').get() as { n: number }).n, total);
  assert.equal(
    check.prepare('SELECT cursor FROM ingest_cursors').get(),
    undefined,
    'finished: cursor cleared',
  );
  check.close();
});
