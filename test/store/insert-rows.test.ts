import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { insertRows, MAX_INSERT_ROWS } from '../../src/db/insert-rows.ts';
import type { Db } from '../../src/db/schema.ts';
import { describeEachDialect, migratedDatabase } from '../helpers/databases.ts';

interface CursorRow {
  readonly source: string;
  readonly cursor: string;
  readonly updated_at: string;
  [column: string]: unknown;
}

const COLUMNS = ['source', 'cursor', 'updated_at'] as const;
const build = (db: Db, rows: readonly CursorRow[]) => db.insertInto('ingest_cursors').values(rows);

function rows(from: number, count: number): CursorRow[] {
  return Array.from({ length: count }, (_, i) => ({
    source: `source ${String(from + i).padStart(5, '0')}`,
    cursor: `cursor of ${from + i}, with 'quotes' and ; semicolons`,
    updated_at: `2025-03-14T00:00:${String((from + i) % 60).padStart(2, '0')}.000Z`,
  }));
}

describeEachDialect('insertRows', (kind) => {
  let database: Awaited<ReturnType<typeof migratedDatabase>>;
  before(async () => {
    database = await migratedDatabase(kind);
  });
  after(() => database.dispose());

  const stored = () => database.db.selectFrom('ingest_cursors').select(COLUMNS).orderBy('source').execute();

  test('any number of rows lands whole and in its columns, however the chunks fall', async () => {
    // 1,300 = 512 + 512 + 256 + 16 + 4; then 1,301 more reuse those shapes and add one of 1.
    const first = rows(0, 2 * MAX_INSERT_ROWS + 276);
    const second = rows(first.length, first.length + 1);
    await insertRows(database.db, { name: 'test_cursors', columns: COLUMNS }, first, build);
    await insertRows(database.db, { name: 'test_cursors', columns: COLUMNS }, second, build);
    await insertRows(database.db, { name: 'test_cursors', columns: COLUMNS }, [], build);
    assert.deepEqual(await stored(), [...first, ...second]);
  });

  test('columns listed out of the statement order are refused before anything is written', async () => {
    const before = (await stored()).length;
    const swapped = ['cursor', 'source', 'updated_at'] as const;
    await assert.rejects(
      insertRows(database.db, { name: 'test_cursors_swapped', columns: swapped }, rows(90_000, 3), build),
      /not the statement's, in its order/,
    );
    await assert.rejects(
      insertRows(
        database.db,
        { name: 'test_cursors_undefined', columns: COLUMNS },
        [{ source: 'x', cursor: undefined as unknown as string, updated_at: 'y' }],
        build,
      ),
      /cursor is undefined/,
    );
    assert.equal((await stored()).length, before);
  });
});
