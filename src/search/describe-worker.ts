/**
 * The worker thread behind ParallelDescriber: counts the words of, and describes, the share of each page
 * it is sent, while the main thread does the other share.
 */
import { parentPort } from 'node:worker_threads';
import { countWords, describe } from './describe-papers.ts';
import type { DescribeReply, DescribeRequest } from './parallel-describer.ts';

const port = parentPort!;

port.on('message', (request: DescribeRequest) => {
  let reply: DescribeReply;
  try {
    if (request.kind === 'count') {
      reply = { id: request.id, kind: 'counted', counts: countWords(request.papers) };
    } else {
      const counts = new Map(request.frequencies);
      const frequencies = { papers: request.papers, papersWith: (word: string) => counts.get(word) ?? 0 };
      reply = {
        id: request.id,
        kind: 'described',
        described: request.texts.map((p) => describe(p, frequencies)),
      };
    }
  } catch (error) {
    reply = {
      id: request.id,
      kind: 'failed',
      message: error instanceof Error ? error.message : String(error),
    };
  }
  port.postMessage(reply);
});
