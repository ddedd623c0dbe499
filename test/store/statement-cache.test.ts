import assert from 'node:assert/strict';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { cachingStatements } from '../../src/db/statement-cache.ts';

test('the same SQL is prepared once; a statement mid-iteration is not handed out again', () => {
  const raw = new BetterSqlite3(':memory:');
  let prepared = 0;
  const prepare = raw.prepare.bind(raw);
  raw.prepare = ((sql: string) => {
    prepared++;
    return prepare(sql);
  }) as typeof raw.prepare;
  const db = cachingStatements(raw, 2);
  db.prepare('CREATE TABLE t (n INTEGER)').run([]);
  const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
  for (let n = 0; n < 5; n++) assert.equal(db.prepare('INSERT INTO t (n) VALUES (?)'), insert);
  for (let n = 0; n < 5; n++) insert.run([n]);
  assert.equal(prepared, 2);

  const select = 'SELECT n FROM t ORDER BY n';
  const outer = db.prepare(select).iterate([]);
  assert.deepEqual(outer.next().value, { n: 0 });
  // The cached statement is busy with `outer`: the same SQL gets a statement of its own meanwhile.
  assert.deepEqual(
    db
      .prepare(select)
      .all([])
      .map((row) => (row as { n: number }).n),
    [0, 1, 2, 3, 4],
  );
  assert.deepEqual([...outer].length, 4);

  // Capacity 2: preparing two others evicts the least recently used, which is then prepared anew.
  const before = prepared;
  db.prepare('SELECT 1').all([]);
  db.prepare('SELECT 2').all([]);
  db.prepare('INSERT INTO t (n) VALUES (?)');
  assert.equal(prepared, before + 3);
  db.close();
});
