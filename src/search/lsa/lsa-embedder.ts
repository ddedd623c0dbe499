/** The built-in Embedder: an LSA model trained from the papers in the store, saved beside their vectors. */
import { type Embedder, paperText } from '../embedder.ts';
import type { VectorStore } from '../vector-store.ts';
import { DEFAULT_LSA_OPTIONS, embedLsa, type LsaModel, type LsaOptions } from './lsa-model.ts';
import { decodeLsaModel, encodeLsaModel } from './model-codec.ts';
import { trainLsaInWorker } from './train-in-worker.ts';

/** Model ids of the built-in model start with this; a retrained model gets a new id. */
export const LSA_MODEL_PREFIX = 'builtin-lsa';

export class LsaEmbedder implements Embedder {
  constructor(
    readonly model: string,
    private readonly lsa: LsaModel,
  ) {}

  get dimension(): number {
    return this.lsa.dimension;
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    return texts.map((text) => embedLsa(this.lsa, text));
  }
}

/** The model last trained for this store, or null when there is none yet. */
export async function loadLsaEmbedder(store: VectorStore): Promise<LsaEmbedder | null> {
  const stored = await store.latestModel(LSA_MODEL_PREFIX);
  return stored ? new LsaEmbedder(stored.model, decodeLsaModel(stored.data)) : null;
}

export interface TrainingOptions extends LsaOptions {
  /** At most this many papers are learnt from (an even spread over the store), to bound training time. */
  readonly maxPapers: number;
}

export const DEFAULT_TRAINING: TrainingOptions = { ...DEFAULT_LSA_OPTIONS, maxPapers: 20_000 };

/**
 * Trains a model from (an even spread of at most `maxPapers` of) the store's papers and saves it,
 * dropping the old model and its vectors.
 */
export async function trainLsaEmbedder(
  store: VectorStore,
  options: TrainingOptions,
  now: Date,
): Promise<LsaEmbedder> {
  const total = await store.countPapers();
  const step = Math.max(1, total / options.maxPapers);
  const sample: string[] = [];
  let seen = 0;
  let next = 0;
  for await (const page of store.papers()) {
    for (const paper of page) {
      if (seen++ >= next) {
        sample.push(paperText(paper));
        next += step;
      }
    }
  }
  const lsa = await trainLsaInWorker(sample, options);
  const model = `${LSA_MODEL_PREFIX}-${lsa.dimension}d-${lsa.trainedOn}p-${now.getTime().toString(36)}`;
  await store.replaceModel(
    { model, dimension: lsa.dimension, trainedOn: lsa.trainedOn, data: encodeLsaModel(lsa) },
    LSA_MODEL_PREFIX,
    now,
  );
  return new LsaEmbedder(model, lsa);
}
