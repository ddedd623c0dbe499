import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe } from 'node:test';
import pg from 'pg';
import type { DatabaseKind } from '../../src/config/config.ts';
import { type Database, openDatabase } from '../../src/db/connect.ts';
import { migrate } from '../../src/db/migrate.ts';

const pgUrl = process.env.TEST_DATABASE_URL;
let warned = false;

export interface TestDatabase {
  readonly kind: DatabaseKind;
  /** The URL openDatabase takes for this database (a SQLite file, or PostgreSQL with its own schema). */
  readonly url: string;
  open(): Promise<Database>;
  drop(): Promise<void>;
}

/** The dialects a contract suite runs on: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function dialects(): DatabaseKind[] {
  if (!pgUrl && !warned) {
    warned = true;
    console.warn('NOTICE: TEST_DATABASE_URL is not set: PostgreSQL contract tests are SKIPPED');
  }
  return pgUrl ? ['sqlite', 'postgres'] : ['sqlite'];
}

/** Runs `suite` once per dialect, as `name [sqlite]` and `name [postgres]`. */
export function describeEachDialect(name: string, suite: (kind: DatabaseKind) => void): void {
  for (const kind of ['sqlite', 'postgres'] as const) {
    const enabled = dialects().includes(kind);
    describe(`${name} [${kind}]`, { skip: enabled ? false : 'TEST_DATABASE_URL not set' }, () => suite(kind));
  }
}

/** A new empty database of that dialect: a temp SQLite file, or a fresh PostgreSQL schema. */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-test-'));
    const url = path.join(dir, 'test.db');
    return {
      kind,
      url,
      open: () => openDatabase({ kind, url }),
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  if (!pgUrl) throw new Error('TEST_DATABASE_URL is not set');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = withSearchPath(pgUrl, schema);
  return {
    kind,
    url,
    open: () => openDatabase({ kind, url }),
    drop: async () => {
      const client = new pg.Client({ connectionString: pgUrl });
      await client.connect();
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    },
  };
}

/** A migrated database, opened; `close` closes and drops it. */
export async function migratedDatabase(
  kind: DatabaseKind,
): Promise<Database & { url: string; dispose(): Promise<void> }> {
  const test = await createTestDatabase(kind);
  const database = await test.open();
  await migrate(database);
  return Object.assign(database, {
    url: test.url,
    async dispose() {
      await database.close();
      await test.drop();
    },
  });
}

function withSearchPath(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}
