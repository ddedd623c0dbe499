/** Paper vectors and trained models in the store (tables paper_vectors and embedding_models). */
import type { Db } from '../db/schema.ts';
import { chunks, paperTextPages } from '../papers/paper-store.ts';
import { type SearchDb, searchDb } from './search-schema.ts';

export interface StoredModel {
  readonly model: string;
  readonly dimension: number;
  readonly trainedOn: number;
  readonly data: Uint8Array;
}

export interface PaperToEmbed {
  readonly id: string;
  readonly title: string;
  readonly abstract: string;
}

const WRITE_CHUNK = 200;

export class VectorStore {
  private readonly db: SearchDb;

  constructor(private readonly store: Db) {
    this.db = searchDb(store);
  }

  async latestModel(prefix: string): Promise<StoredModel | null> {
    const row = await this.db
      .selectFrom('embedding_models')
      .selectAll()
      .where('model', 'like', `${prefix}%`)
      .orderBy('trained_at', 'desc')
      .orderBy('model', 'desc')
      .executeTakeFirst();
    return row
      ? { model: row.model, dimension: row.dimension, trainedOn: row.trained_on, data: row.data }
      : null;
  }

  /** Saves a newly trained model and drops the vectors and models it replaces. */
  async replaceModel(model: StoredModel, prefix: string, now: Date): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('paper_vectors').where('model', 'like', `${prefix}%`).execute();
      await trx.deleteFrom('embedding_models').where('model', 'like', `${prefix}%`).execute();
      await trx
        .insertInto('embedding_models')
        .values({
          model: model.model,
          dimension: model.dimension,
          trained_on: model.trainedOn,
          data: model.data,
          trained_at: now.toISOString(),
        })
        .execute();
    });
  }

  async saveVectors(
    model: string,
    vectors: readonly { paperId: string; vector: Float32Array }[],
    now: Date,
  ): Promise<void> {
    const stamp = now.toISOString();
    await this.db.transaction().execute(async (trx) => {
      for (const chunk of chunks(vectors, WRITE_CHUNK)) {
        await trx
          .insertInto('paper_vectors')
          .values(
            chunk.map((v) => ({
              paper_id: v.paperId,
              model,
              dimension: v.vector.length,
              vector: new Uint8Array(v.vector.buffer, v.vector.byteOffset, v.vector.byteLength),
              embedded_at: stamp,
            })),
          )
          .onConflict((oc) =>
            oc.columns(['model', 'paper_id']).doUpdateSet({
              vector: (eb) => eb.ref('excluded.vector'),
              dimension: (eb) => eb.ref('excluded.dimension'),
              embedded_at: (eb) => eb.ref('excluded.embedded_at'),
            }),
          )
          .execute();
      }
    });
  }

  /** Every vector of a model, a page at a time. */
  async *vectors(
    model: string,
    pageSize = 5000,
  ): AsyncGenerator<{ paperId: string; vector: Float32Array }[]> {
    let after = '';
    for (;;) {
      const rows = await this.db
        .selectFrom('paper_vectors')
        .select(['paper_id', 'vector'])
        .where('model', '=', model)
        .where('paper_id', '>', after)
        .orderBy('paper_id')
        .limit(pageSize)
        .execute();
      if (rows.length === 0) return;
      yield rows.map((r) => ({ paperId: r.paper_id, vector: toFloat32(r.vector) }));
      after = rows.at(-1)!.paper_id;
    }
  }

  /** Papers the model has no vector for (new or changed since), a page at a time. */
  async *papersWithoutVectors(model: string, pageSize = 1000): AsyncGenerator<PaperToEmbed[]> {
    let after = '';
    for (;;) {
      const rows = await this.db
        .selectFrom('papers as p')
        .leftJoin('paper_vectors as v', (join) =>
          join.onRef('v.paper_id', '=', 'p.id').on('v.model', '=', model),
        )
        .select(['p.id', 'p.title', 'p.abstract'])
        .where('v.paper_id', 'is', null)
        .where('p.id', '>', after)
        .orderBy('p.id')
        .limit(pageSize)
        .execute();
      if (rows.length === 0) return;
      yield rows;
      after = rows.at(-1)!.id;
    }
  }

  async countPapers(): Promise<number> {
    const row = await this.db
      .selectFrom('papers')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Every paper's text, a page at a time (for training). */
  papers(pageSize = 2000): AsyncGenerator<PaperToEmbed[]> {
    return paperTextPages(this.store, pageSize);
  }
}

function toFloat32(bytes: Uint8Array): Float32Array {
  const copy = Uint8Array.from(bytes);
  return new Float32Array(copy.buffer, 0, copy.byteLength / 4);
}
