import { type Compilable, CompiledQuery } from 'kysely';
import type { Db } from './schema.ts';

/** Most rows in one multi-row INSERT: at 16 columns, under SQLite's and PostgreSQL's parameter limits. */
export const MAX_INSERT_ROWS = 512;

/** A multi-row INSERT of `rows`: Kysely's builder, which is compiled once per statement shape. */
export type BuildInsert<Row> = (db: Db, rows: readonly Row[]) => Compilable;

/** Compiled SQL by statement shape, per dialect (the executor's adapter stands for the dialect). */
const compiledByDialect = new WeakMap<object, Map<string, string>>();

/**
 * Inserts rows with multi-row INSERTs whose SQL is compiled once per shape and then reused with new
 * values, so a large import pays for Kysely's query building (and, with the statement cache, SQLite's
 * prepare) once per shape instead of once per chunk. Chunks are MAX_INSERT_ROWS and then powers of two,
 * so any row count needs only a handful of shapes.
 *
 * `columns` lists every column `build` sets, in the order its VALUES list them; the first compile of a
 * shape checks that its parameters are exactly the rows' values in that order.
 */
export async function insertRows<Row extends Readonly<Record<string, unknown>>>(
  db: Db,
  statement: { readonly name: string; readonly columns: readonly (keyof Row & string)[] },
  rows: readonly Row[],
  build: BuildInsert<Row>,
): Promise<void> {
  const compiled = compiledShapes(db);
  let start = 0;
  while (start < rows.length) {
    const size = chunkSize(rows.length - start);
    const chunk = rows.slice(start, start + size);
    start += size;
    const parameters = valuesOf(chunk, statement.columns);
    const key = `${statement.name}:${size}`;
    let text = compiled.get(key);
    if (text === undefined) {
      const query = build(db, chunk).compile();
      if (!sameValues(query.parameters, parameters)) {
        throw new Error(`insertRows(${statement.name}): the columns are not the statement's, in its order`);
      }
      text = query.sql;
      compiled.set(key, text);
    }
    await db.executeQuery(CompiledQuery.raw(text, parameters));
  }
}

function compiledShapes(db: Db): Map<string, string> {
  const adapter = db.getExecutor().adapter;
  let shapes = compiledByDialect.get(adapter);
  if (shapes === undefined) {
    shapes = new Map();
    compiledByDialect.set(adapter, shapes);
  }
  return shapes;
}

function chunkSize(remaining: number): number {
  if (remaining >= MAX_INSERT_ROWS) return MAX_INSERT_ROWS;
  return 2 ** Math.floor(Math.log2(remaining));
}

function valuesOf<Row extends Readonly<Record<string, unknown>>>(
  rows: readonly Row[],
  columns: readonly (keyof Row & string)[],
): unknown[] {
  const values = new Array<unknown>(rows.length * columns.length);
  let i = 0;
  for (const row of rows) {
    for (const column of columns) {
      const value = row[column];
      // Kysely leaves an undefined value out of VALUES (DEFAULT), which would shift every later one.
      if (value === undefined) throw new Error(`insertRows: ${column} is undefined`);
      values[i++] = value;
    }
  }
  return values;
}

function sameValues(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
