/** The ingest benchmark's worker process: runs one job at a time in a process of its own and measures it. */
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
    baselineRssBytes,
    peakRssBytes,
    dbBytes: storeBytes(job.dbFile),
    search,
  };
}

serve(run);
