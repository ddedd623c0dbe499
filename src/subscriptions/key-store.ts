/** The store-wide key behind link tokens and IP hashes: derived from DIGEST_SECRET, or created once in the store. */
import { createHmac, randomBytes } from 'node:crypto';
import type { Db } from '../db/schema.ts';
import { type SubscriptionDb, subscriptionDb } from './schema.ts';

const KEY_NAME = 'links';

export class KeyStore {
  private readonly db: SubscriptionDb;
  private key: Promise<Buffer> | null = null;

  constructor(
    db: Db,
    private readonly secret: string | null,
  ) {
    this.db = subscriptionDb(db);
  }

  /** The key, the same on every node that shares the store. */
  get(): Promise<Buffer> {
    this.key ??= this.load().catch((error: unknown) => {
      this.key = null;
      throw error;
    });
    return this.key;
  }

  private async load(): Promise<Buffer> {
    if (this.secret) return createHmac('sha256', this.secret).update(KEY_NAME).digest();
    const read = () =>
      this.db.selectFrom('digest_keys').select('value').where('name', '=', KEY_NAME).executeTakeFirst();
    let row = await read();
    if (!row) {
      await this.db
        .insertInto('digest_keys')
        .values({
          name: KEY_NAME,
          value: randomBytes(32).toString('base64url'),
          created_at: new Date().toISOString(),
        })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
      row = await read();
    }
    if (!row) throw new Error('the link key could not be stored');
    return Buffer.from(row.value, 'base64url');
  }
}
