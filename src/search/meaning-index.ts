/**
 * Search by meaning: the current Embedder's vectors of every paper, held in an in-process index built
 * at start from the store and kept in step by `refresh()` (papers that are new, or whose text changed,
 * have no vector for the model yet). Vectors of different models never mix: the index holds one model.
 */
import { type SearchQuery, wordsOf } from '../domain/search-query.ts';
import { type Embedder, paperText } from './embedder.ts';
import type { ScoredPaper } from './keyword-index.ts';
import type { Feedback } from './rank-fusion.ts';
import type { MeaningSearch } from './search-service.ts';
import { VectorIndex } from './vector-index.ts';
import type { VectorStore } from './vector-store.ts';

export interface MeaningProgress {
  readonly phase: 'training' | 'embedding' | 'loading' | 'indexing';
  readonly done: number;
}

export class MeaningIndex implements MeaningSearch {
  private embedder: Embedder | null = null;
  private index: VectorIndex | null = null;

  constructor(
    private readonly store: VectorStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get model(): string | null {
    return this.embedder?.model ?? null;
  }

  get size(): number {
    return this.index?.size ?? 0;
  }

  /**
   * Uses this embedder from now on: loads its stored vectors, embeds the papers that lack one and builds
   * the index's graph off this thread. Until then, searches use the embedder before (if any).
   */
  async use(embedder: Embedder, onProgress?: (p: MeaningProgress) => void): Promise<void> {
    const papers = await this.store.countPapers();
    const index = new VectorIndex(embedder.model, embedder.dimension, undefined, papers);
    let done = 0;
    for await (const page of this.store.vectors(embedder.model)) {
      for (const { paperId, vector } of page)
        if (vector.length === embedder.dimension) index.place(paperId, vector);
      done += page.length;
      onProgress?.({ phase: 'loading', done });
    }
    await this.embedMissing(embedder, (paperId, vector) => index.place(paperId, vector), onProgress);
    await index.buildGraph((indexed) => onProgress?.({ phase: 'indexing', done: indexed }));
    this.embedder = embedder;
    this.index = index;
    // Papers imported meanwhile.
    await this.refresh(onProgress);
  }

  /** Embeds and indexes the papers that have no vector for the current model. Returns how many. */
  async refresh(onProgress?: (p: MeaningProgress) => void): Promise<number> {
    const embedder = this.embedder;
    const index = this.index;
    if (!embedder || !index) return 0;
    return this.embedMissing(embedder, (paperId, vector) => index.set(paperId, vector), onProgress);
  }

  private async embedMissing(
    embedder: Embedder,
    put: (paperId: string, vector: Float32Array) => void,
    onProgress?: (p: MeaningProgress) => void,
  ): Promise<number> {
    let done = 0;
    for (;;) {
      // Each page is written before the next is read, so the "without vectors" query moves on.
      const page = await firstPage(this.store.papersWithoutVectors(embedder.model));
      if (page.length === 0) return done;
      const vectors = await embedder.embed(page.map(paperText));
      const rows = page.map((paper, i) => ({ paperId: paper.id, vector: vectors[i]! }));
      await this.store.saveVectors(embedder.model, rows, this.now());
      for (const row of rows) put(row.paperId, row.vector);
      done += rows.length;
      onProgress?.({ phase: 'embedding', done });
    }
  }

  /**
   * The k papers nearest the query's words. With `feedback` (the best keyword matches), the query vector
   * moves toward theirs, each by its weight (pseudo-relevance feedback, Rocchio): a short query borrows
   * their vocabulary.
   */
  async nearest(query: SearchQuery, k: number, feedback: readonly Feedback[] = []): Promise<ScoredPaper[]> {
    const index = this.index;
    if (!this.embedder || !index) return [];
    const text = query.terms.map((t) => (t.kind === 'phrase' ? t.words.join(' ') : t.text)).join(' ');
    if (wordsOf(text).length === 0) return [];
    const [vector] = await this.embedder.embed([text]);
    if (!vector) return [];
    for (const { paperId, weight } of feedback) {
      const other = index.get(paperId);
      if (other) for (let j = 0; j < vector.length; j++) vector[j]! += weight * other[j]!;
    }
    return index.nearest(normalise(vector), k);
  }

  /** The k papers nearest a paper's own vector, itself left out; empty when it has no vector yet. */
  similarTo(paperId: string, k: number): ScoredPaper[] {
    const vector = this.index?.get(paperId);
    if (!this.index || !vector) return [];
    return this.index
      .nearest(vector, k + 1)
      .filter((hit) => hit.paperId !== paperId)
      .slice(0, k);
  }
}

function normalise(vector: Float32Array): Float32Array {
  let norm = 0;
  for (const x of vector) norm += x * x;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let j = 0; j < vector.length; j++) vector[j]! /= norm;
  return vector;
}

async function firstPage<T>(pages: AsyncGenerator<T[]>): Promise<T[]> {
  const { value } = await pages.next();
  await pages.return(undefined);
  return value ?? [];
}
