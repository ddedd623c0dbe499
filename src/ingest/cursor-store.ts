import type { Db } from '../db/schema.ts';

/** Where each source's harvest stopped, so an interrupted harvest resumes there. */
export class CursorStore {
  constructor(private readonly db: Db) {}

  async get(source: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('ingest_cursors')
      .select('cursor')
      .where('source', '=', source)
      .executeTakeFirst();
    return row?.cursor ?? null;
  }

  async set(source: string, cursor: string, now = new Date()): Promise<void> {
    await this.db
      .insertInto('ingest_cursors')
      .values({ source, cursor, updated_at: now.toISOString() })
      .onConflict((oc) => oc.column('source').doUpdateSet({ cursor, updated_at: now.toISOString() }))
      .execute();
  }

  async clear(source: string): Promise<void> {
    await this.db.deleteFrom('ingest_cursors').where('source', '=', source).execute();
  }
}
