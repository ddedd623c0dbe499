/**
 * `npm run bench`: the ingest and listing benchmarks in sequence, a readable report, and one final JSON
 * line with every figure (for comparing runs). See bench/README.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BenchArgs, readArgs } from './args.ts';
import { CACHE_DIR, ensureCorpus, GENERATOR, SEED } from './corpus.ts';
import { benchIngest, type IngestFigures } from './ingest.ts';
import { benchListing, type ListingFigures, PAPERS_PER_DAY } from './listing.ts';
import { ingestReport, listingReport } from './report.ts';

async function main(): Promise<void> {
  let args: BenchArgs;
  try {
    args = readArgs(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 2;
    return;
  }
  const machine = {
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    platform: `${os.platform()} ${os.release()}`,
  };
  console.log(`Paperpulse benchmarks — Node ${machine.node}, ${machine.cpus} × ${machine.cpuModel}`);
  const corpus = await ensureCorpus(args.n);
  const listingCorpus = args.n >= PAPERS_PER_DAY ? corpus : await ensureCorpus(PAPERS_PER_DAY);
  if (!corpus || !listingCorpus) {
    console.log(`NOTICE: ${GENERATOR} not found and no cached corpus in ${CACHE_DIR}: benchmarks SKIPPED`);
    return;
  }
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const workDir = fs.mkdtempSync(path.join(CACHE_DIR, 'run-'));
  let ingest: IngestFigures | null = null;
  let listing: ListingFigures | null = null;
  try {
    if (args.only.includes('ingest')) {
      console.log(`ingest: ${args.n.toLocaleString('en-US')} synthetic papers (seed ${SEED}) from ${corpus}`);
      ingest = await benchIngest(corpus, workDir);
    }
    if (args.only.includes('listing')) {
      console.log(`listing: days of ${PAPERS_PER_DAY} papers from ${listingCorpus}`);
      listing = await benchListing(listingCorpus, workDir, args);
    }
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
  console.log('');
  if (ingest) console.log(ingestReport(ingest).join('\n'));
  if (listing) console.log(listingReport(listing).join('\n'));
  console.log(JSON.stringify({ bench: 'paperpulse', machine, n: args.n, seed: SEED, ingest, listing }));
}

await main();
