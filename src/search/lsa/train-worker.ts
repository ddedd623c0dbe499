/** The worker thread behind trainLsaInWorker: trains one model from the texts it is given and replies. */
import { parentPort, workerData } from 'node:worker_threads';
import { type LsaOptions, trainLsa } from './lsa-model.ts';

const { texts, options } = (workerData as { data: { texts: string[]; options: LsaOptions } }).data;
const model = trainLsa(texts, options);
const buffers = [model.idf, model.termVectors, model.subwordVectors].map((a) => a.buffer as ArrayBuffer);
parentPort!.postMessage(model, buffers);
