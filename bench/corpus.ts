/** The synthetic corpus every benchmark reads: generated once by the shared generator, cached in the temp dir. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const SEED = 7;
export const CACHE_DIR = path.join(os.tmpdir(), 'paperpulse-bench');

/** The shared generator, beside this checkout. */
export const GENERATOR = path.resolve(import.meta.dirname, '../../shared/bench/gen-papers.mjs');

function findGenerator(): string | null {
  return fs.existsSync(GENERATOR) ? GENERATOR : null;
}

/** `papers-100k.jsonl` for 100,000 papers, `papers-2500.jsonl` for 2,500. */
function corpusName(n: number): string {
  return `papers-${n % 1000 === 0 ? `${n / 1000}k` : n}.jsonl`;
}

/**
 * The path of the corpus of `n` papers (seed 7), generating it first when it is not cached; null when it
 * is not cached and the generator is absent.
 */
export async function ensureCorpus(n: number): Promise<string | null> {
  const file = path.join(CACHE_DIR, corpusName(n));
  if (fs.existsSync(file)) return file;
  const generator = findGenerator();
  if (!generator) return null;
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const partial = `${file}.partial`;
  console.log(`generating ${n.toLocaleString('en-US')} papers into ${file} (cached for later runs)…`);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [generator, '--n', String(n), '--seed', String(SEED), '--out', partial],
      { stdio: ['ignore', 'inherit', 'inherit'] },
    );
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`gen-papers.mjs exited ${code}`))));
  });
  // Renamed only when complete, so an interrupted generation is never mistaken for a corpus.
  fs.renameSync(partial, file);
  return file;
}
