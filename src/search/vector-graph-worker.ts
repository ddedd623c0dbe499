/**
 * The worker thread behind buildGraphInWorker: puts the given slots of a shared vector array into a new
 * graph, a chunk at a time (telling how many are in after each), saves it to the given file and replies.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { GraphJob, GraphWorkerMessage } from './build-graph-in-worker.ts';
import { HnswGraph } from './vector-hnsw-graph.ts';

/** Vectors per insert: each is followed by a progress message. */
const CHUNK = 10_000;

const { dimension, settings, vectors, slots, path } = (workerData as { data: GraphJob }).data;
const graph = new HnswGraph(dimension, settings);
for (let start = 0; start < slots.length; start += CHUNK) {
  const chunk = slots.subarray(start, start + CHUNK);
  graph.add(chunk, vectors);
  send({ kind: 'progress', done: start + chunk.length });
}
graph.save(path);
send({ kind: 'saved' });

function send(message: GraphWorkerMessage): void {
  parentPort!.postMessage(message);
}
