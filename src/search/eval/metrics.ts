/** Retrieval metrics over one query's ranking and its judged-relevant documents (binary relevance). */

/** nDCG@k: discounted gain of the relevant documents in the top k, over the best possible. */
export function ndcgAt(k: number, ranking: readonly string[], relevant: ReadonlySet<string>): number {
  let dcg = 0;
  ranking.slice(0, k).forEach((id, i) => {
    if (relevant.has(id)) dcg += 1 / Math.log2(i + 2);
  });
  let ideal = 0;
  for (let i = 0; i < Math.min(k, relevant.size); i++) ideal += 1 / Math.log2(i + 2);
  return ideal === 0 ? 0 : dcg / ideal;
}

/** Recall@k: the share of the relevant documents found in the top k. */
export function recallAt(k: number, ranking: readonly string[], relevant: ReadonlySet<string>): number {
  if (relevant.size === 0) return 0;
  let found = 0;
  for (const id of new Set(ranking.slice(0, k))) if (relevant.has(id)) found++;
  return found / relevant.size;
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}
