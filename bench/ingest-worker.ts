/** The ingest benchmark's worker process: runs one job at a time in a process of its own and measures it. */
import fs from 'node:fs';
import { createApp, importInput, updateAppSearch } from '../src/main.ts';
import { serve } from './child.ts';
import type { IngestJob, IngestRun, SearchCatchUp } from './ingest-protocol.ts';
import { rawIngest } from './raw-sqlite-ingest.ts';
import { benchConfig, removeStore, storeBytes } from './store-files.ts';

type Counts = Pick<IngestRun, 'read' | 'new' | 'updated' | 'unchanged' | 'rejected'>;

async function run(job: IngestJob): Promise<IngestRun> {
  if (job.kind === 'raw' || job.fresh) removeStore(job.dbFile);
  const app = await createApp(benchConfig(job.dbFile), { schema: 'auto' });
  if (job.kind === 'raw') await app.close();
  const baselineRssBytes = process.memoryUsage().rss;
  const cpuBefore = process.cpuUsage();
  const mainCpuBefore = mainThreadCpuSeconds();
  const started = performance.now();
  let counts: Counts;
  if (job.kind === 'pipeline') {
    const summary = await importInput(app, job.corpus, 'jsonl', { batchSize: job.batchSize });
    counts = summary;
  } else {
    const raw = await rawIngest(job.corpus, job.dbFile, job.batchSize);
    counts = {
      read: raw.read,
      new: raw.inserted,
      updated: 0,
      unchanged: 0,
      rejected: raw.read - raw.inserted,
    };
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const mainCpuAfter = mainThreadCpuSeconds();
  // resourceUsage().maxRSS is the kernel's high-water mark of this process, in KiB.
  let search: SearchCatchUp | null = null;
  if (job.kind === 'pipeline') {
    const searchCpuBefore = process.cpuUsage();
    const update = await updateAppSearch(app);
    const searchCpu = process.cpuUsage(searchCpuBefore);
    search = {
      indexed: update.indexed,
      described: update.described,
      seconds: update.seconds,
      cpuSeconds: (searchCpu.user + searchCpu.system) / 1e6,
    };
  }
  // Over the import and the search catch-up both.
  const peakRssBytes = process.resourceUsage().maxRSS * 1024;
  if (job.kind === 'pipeline') await app.close();
  return {
    read: counts.read,
    new: counts.new,
    updated: counts.updated,
    unchanged: counts.unchanged,
    rejected: counts.rejected,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    mainThreadCpuSeconds:
      mainCpuBefore === null || mainCpuAfter === null ? null : mainCpuAfter - mainCpuBefore,
    baselineRssBytes,
    peakRssBytes,
    dbBytes: storeBytes(job.dbFile),
    search,
  };
}

/** User + system time of this process's main thread from /proc (Linux), or null elsewhere. */
function mainThreadCpuSeconds(): number | null {
  try {
    const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    // The fields after the parenthesised command name: utime and stime are the 12th and 13th, in ticks.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** USER_HZ, which Linux fixes at 100 for every architecture it reports /proc times in. */
const CLOCK_TICKS_PER_SECOND = 100;

serve(run);
