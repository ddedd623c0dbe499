import { parseArgs } from 'node:util';

export type BenchName = 'ingest' | 'listing';

export interface BenchArgs {
  /** Papers in the ingest corpus. */
  readonly n: number;
  /** Seconds of measured load per listing target, and of warm-up before it. */
  readonly seconds: number;
  readonly warmupSeconds: number;
  readonly connections: number;
  readonly only: readonly BenchName[];
}

export const USAGE = `npm run bench -- [--n 100000] [--seconds 10] [--warmup 2] [--connections 10] [--only ingest|listing]`;

/** Reads the command line of `npm run bench`; throws with the usage on anything it does not know. */
export function readArgs(argv: readonly string[]): BenchArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      n: { type: 'string', default: '100000' },
      seconds: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      connections: { type: 'string', default: '10' },
      only: { type: 'string' },
    },
    strict: true,
  });
  const only = values.only === undefined ? (['ingest', 'listing'] as const) : [benchName(values.only)];
  return {
    n: positive('n', values.n, 1),
    seconds: positive('seconds', values.seconds, 1),
    warmupSeconds: positive('warmup', values.warmup, 0),
    connections: positive('connections', values.connections, 1),
    only,
  };
}

function benchName(value: string): BenchName {
  if (value === 'ingest' || value === 'listing') return value;
  throw new Error(`--only must be ingest or listing, got "${value}"\n${USAGE}`);
}

function positive(name: string, value: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}\n${USAGE}`);
  return n;
}
