/** Latency figures shared by the search benchmark and its peers: percentiles and queries per second. */
export interface LatencyFigures {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  /** p50 of the 40 broad one-word queries. */
  readonly broadP50: number;
  readonly qps: number;
}

export function latencyFigures(latencies: readonly number[], broad: readonly number[], seconds: number) {
  return {
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    broadP50: round(percentile(broad, 50)),
    qps: round(latencies.length / seconds),
  } satisfies LatencyFigures;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export function round(x: number): number {
  return Math.round(x * 100) / 100;
}
