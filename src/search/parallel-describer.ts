/**
 * Describes pages of papers on both of the machine's cores: a worker thread (describe-worker.ts) takes
 * the first half of each page while this thread does the second, with the same frequencies, so the
 * results are the ones describing the page here alone would give. Small pages stay on this thread, and
 * the worker starts with the first large page and ends with `close()`.
 */
import type { Worker } from 'node:worker_threads';
import type { DocumentFrequencies } from '../domain/keyphrases.ts';
import { startTypeScriptWorker } from '../worker/typescript-worker.ts';
import { addCounts, countWords, describe, type PaperText } from './describe-papers.ts';
import type { PaperKeywords } from './keyword-store.ts';

export type DescribeRequest =
  | { readonly id: number; readonly kind: 'count'; readonly papers: readonly PaperText[] }
  | {
      readonly id: number;
      readonly kind: 'describe';
      readonly texts: readonly PaperText[];
      readonly papers: number;
      /** papersWith of every word of `texts`. */
      readonly frequencies: readonly (readonly [string, number])[];
    };

export type DescribeReply =
  | { readonly id: number; readonly kind: 'counted'; readonly counts: Map<string, number> }
  | { readonly id: number; readonly kind: 'described'; readonly described: PaperKeywords[] }
  | { readonly id: number; readonly kind: 'failed'; readonly message: string };

/** Pages smaller than this are described here alone: the worker's share would not pay for its messages. */
export const MIN_SHARED_PAGE = 200;

type Request = DescribeRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export class ParallelDescriber {
  private worker: Worker | null = null;
  private nextId = 0;
  private readonly pending = new Map<
    number,
    { resolve: (reply: DescribeReply) => void; reject: (error: Error) => void }
  >();

  constructor(private readonly minSharedPage = MIN_SHARED_PAGE) {}

  /** countWords of the papers, half of them counted in the worker. */
  async countWords(papers: readonly PaperText[]): Promise<Map<string, number>> {
    const [theirs, ours] = this.share(papers);
    if (theirs.length === 0) return countWords(ours);
    const asked = this.ask({ kind: 'count', papers: theirs });
    const counted = countWords(ours);
    const reply = await asked;
    if (reply.kind !== 'counted') throw new Error('the describe worker answered out of turn');
    return addCounts(counted, reply.counts);
  }

  /**
   * Each paper described with `frequencies`, in order. `words` holds every word of the papers (the keys
   * of their countWords): the worker is sent the frequencies of those.
   */
  async describe(
    papers: readonly PaperText[],
    frequencies: DocumentFrequencies,
    words: Iterable<string>,
  ): Promise<PaperKeywords[]> {
    const [theirs, ours] = this.share(papers);
    if (theirs.length === 0) return ours.map((p) => describe(p, frequencies));
    const known = Array.from(words, (word) => [word, frequencies.papersWith(word)] as const);
    const asked = this.ask({
      kind: 'describe',
      texts: theirs,
      papers: frequencies.papers,
      frequencies: known,
    });
    const described = ours.map((p) => describe(p, frequencies));
    const reply = await asked;
    if (reply.kind !== 'described') throw new Error('the describe worker answered out of turn');
    return [...reply.described, ...described];
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  /** The worker's share (the first half, or none of a small page) and this thread's. */
  private share(papers: readonly PaperText[]): [readonly PaperText[], readonly PaperText[]] {
    if (papers.length < this.minSharedPage) return [[], papers];
    const half = Math.floor(papers.length / 2);
    return [papers.slice(0, half), papers.slice(half)];
  }

  private ask(request: Request): Promise<DescribeReply> {
    const worker = this.started();
    const id = this.nextId++;
    return new Promise<DescribeReply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ ...request, id });
    }).then((reply) => {
      if (reply.kind === 'failed') throw new Error(`describing papers failed: ${reply.message}`);
      return reply;
    });
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = startTypeScriptWorker(new URL('./describe-worker.ts', import.meta.url), null);
    worker.on('message', (reply: DescribeReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      waiting?.resolve(reply);
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the describe worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }
}
