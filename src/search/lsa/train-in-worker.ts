/**
 * Trains the built-in model on a worker thread: the SVD and the tuning take seconds to minutes, and a
 * server keeps answering meanwhile.
 */
import { startTypeScriptWorker } from '../../worker/typescript-worker.ts';
import type { LsaModel, LsaOptions } from './lsa-model.ts';

export function trainLsaInWorker(texts: readonly string[], options: LsaOptions): Promise<LsaModel> {
  const worker = startTypeScriptWorker(new URL('./train-worker.ts', import.meta.url), { texts, options });
  return new Promise<LsaModel>((resolve, reject) => {
    worker.once('message', (model: LsaModel) => resolve(model));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the training worker stopped (exit code ${code})`)));
  }).finally(() => worker.terminate());
}
