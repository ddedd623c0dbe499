/** The worker thread behind trainLsaInWorker: trains one model from the texts it is given and replies. */
import { parentPort, workerData } from 'node:worker_threads';
import { type LsaOptions, trainLsa } from './lsa-model.ts';

const { texts, options } = (workerData as { data: { texts: string[]; options: LsaOptions } }).data;
const model = trainLsa(texts, options);
parentPort!.postMessage(model, [model.idf.buffer as ArrayBuffer, model.termVectors.buffer as ArrayBuffer]);
