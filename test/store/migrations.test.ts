import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { loadConfig } from '../../src/config/config.ts';
import { readMigrations, schemaStatus } from '../../src/db/migrate.ts';
import { createApp } from '../../src/main.ts';
import { describeEachDialect, migratedDatabase } from '../helpers/databases.ts';

test('both dialects have the same numbered migrations, in the same order', () => {
  const sqlite = readMigrations('sqlite').map((m) => m.name);
  const postgres = readMigrations('postgres').map((m) => m.name);
  assert.ok(sqlite.length > 0);
  assert.deepEqual(sqlite, postgres);
  for (const [i, name] of sqlite.entries()) {
    assert.match(name, new RegExp(`^${String(i + 1).padStart(4, '0')}_`), 'numbered without gaps');
  }
});

describeEachDialect('schema check', (kind) => {
  let database: Awaited<ReturnType<typeof migratedDatabase>>;
  before(async () => {
    database = await migratedDatabase(kind);
  });
  after(() => database.dispose());

  test('migrating twice applies nothing the second time', async () => {
    const { migrate } = await import('../../src/db/migrate.ts');
    assert.deepEqual(await migrate(database), []);
    assert.deepEqual((await schemaStatus(database)).pending, []);
  });

  test('the app refuses to start on a schema written by a newer version', async () => {
    await database.db
      .insertInto('schema_migrations')
      .values({ name: '9999_from_the_future', applied_at: new Date().toISOString() })
      .execute();
    const config = loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'silent', DEMO_DATA: 'off' });
    await assert.rejects(createApp(config, { schema: 'auto' }), /9999_from_the_future.*newer version/);
    await assert.rejects(createApp(config, { schema: 'check' }), /9999_from_the_future/);
  });
});
