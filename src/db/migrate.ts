import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { SchemaError } from '../domain/errors.ts';
import type { Database } from './connect.ts';
import type { Db } from './schema.ts';

const migrationsRoot = path.resolve(import.meta.dirname, '../../migrations');

export interface Migration {
  readonly name: string;
  readonly sql: string;
}

/** The numbered migration files of one dialect, in order (`0001_papers.sql`, …). */
export function readMigrations(kind: Database['kind'], root = migrationsRoot): Migration[] {
  const dir = path.join(root, kind);
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ name: f.replace(/\.sql$/, ''), sql: fs.readFileSync(path.join(dir, f), 'utf8') }));
}

export interface SchemaStatus {
  readonly applied: string[];
  readonly pending: string[];
  /** Migrations the database has that this version of Paperpulse does not know. */
  readonly unknown: string[];
}

export async function schemaStatus(database: Database, migrations = readMigrations(database.kind)) {
  await ensureMigrationsTable(database.db);
  const rows = await database.db.selectFrom('schema_migrations').select('name').orderBy('name').execute();
  const applied = rows.map((r) => r.name);
  const known = new Set(migrations.map((m) => m.name));
  return {
    applied,
    pending: migrations.filter((m) => !applied.includes(m.name)).map((m) => m.name),
    unknown: applied.filter((name) => !known.has(name)),
  } satisfies SchemaStatus;
}

/** Applies pending migrations, each in its own transaction. Returns the names applied. */
export async function migrate(
  database: Database,
  migrations = readMigrations(database.kind),
): Promise<string[]> {
  const status = await schemaStatus(database, migrations);
  refuseUnknown(status);
  const done: string[] = [];
  for (const migration of migrations.filter((m) => status.pending.includes(m.name))) {
    await database.migrationTransaction(async (trx, exec) => {
      const already = await trx
        .selectFrom('schema_migrations')
        .select('name')
        .where('name', '=', migration.name)
        .executeTakeFirst();
      if (already) return;
      await exec(migration.sql);
      await trx
        .insertInto('schema_migrations')
        .values({ name: migration.name, applied_at: new Date().toISOString() })
        .execute();
      done.push(migration.name);
    });
  }
  return done;
}

/** Refuses to run on a schema this version does not know, or one that still needs migrating. */
export async function assertSchemaCurrent(database: Database): Promise<void> {
  const status = await schemaStatus(database);
  refuseUnknown(status);
  if (status.pending.length > 0) {
    throw new SchemaError(
      `the database needs migrating (${status.pending.join(', ')}): run \`paperpulse migrate\``,
    );
  }
}

function refuseUnknown(status: SchemaStatus): void {
  if (status.unknown.length > 0) {
    throw new SchemaError(
      `the database has migrations this version of Paperpulse does not know (${status.unknown.join(', ')}); ` +
        'it was written by a newer version: upgrade Paperpulse rather than run an older one on it',
    );
  }
}

async function ensureMigrationsTable(db: Db): Promise<void> {
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`.execute(
    db,
  );
}
