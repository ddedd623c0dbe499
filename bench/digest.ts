/**
 * `node --import tsx bench/digest.ts [--sizes 10000,100000] [--n N] [--concurrency 10]`: digest runs of the
 * demo listing to N confirmed subscribers with varied topics, over SMTP to a local server in another
 * process. By default one run of 10k and one of 100k subscribers, each in its own process, side by side:
 * messages/s and RSS (flat memory means the run does not hold per-subscriber state). `--n` runs one size
 * in this process. Goal: ≥ 300 messages/s with memory flat in N.
 */
import { execFileSync, fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/config.ts';
import { parseDigestPeriod } from '../src/digest/digest-period.ts';
import { createApp, importDemoOnFirstStart } from '../src/main.ts';
import { subscriptionDb } from '../src/subscriptions/schema.ts';
import { newSubscriptionId } from '../src/subscriptions/subscription-store.ts';

const GOAL_PER_SECOND = 300;
const TOPICS = [
  { categories: [], keywords: [] },
  { categories: ['cs.CV'], keywords: [] },
  { categories: ['cs.CL'], keywords: ['reasoning'] },
  { categories: [], keywords: ['diffusion'] },
  { categories: ['hep-th'], keywords: ['quasar'] },
];

interface RunFigures {
  readonly n: number;
  readonly rate: number;
  readonly rss: { readonly before: number; readonly end: number; readonly peak: number };
}

/** Each size in its own process (so one run's heap does not colour the next), then one table. */
function sideBySide(sizes: readonly number[], concurrency: string): void {
  const figures: RunFigures[] = sizes.map((n) => {
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', import.meta.filename, '--n', String(n), '--concurrency', concurrency],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 },
    );
    process.stdout.write(out);
    const last = out.trim().split('\n').at(-1) ?? '{}';
    return JSON.parse(last) as RunFigures;
  });
  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
  const pad = (text: string) => text.padStart(14);
  console.log(
    `\n${'subscribers'.padEnd(16)}${figures.map((f) => pad(f.n.toLocaleString('en-US'))).join('')}`,
  );
  console.log(`${'messages/s'.padEnd(16)}${figures.map((f) => pad(f.rate.toFixed(0))).join('')}`);
  console.log(`${'RSS at start'.padEnd(16)}${figures.map((f) => pad(mb(f.rss.before))).join('')}`);
  console.log(`${'RSS at end'.padEnd(16)}${figures.map((f) => pad(mb(f.rss.end))).join('')}`);
  console.log(`${'RSS peak'.padEnd(16)}${figures.map((f) => pad(mb(f.rss.peak))).join('')}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      n: { type: 'string' },
      sizes: { type: 'string', default: '10000,100000' },
      concurrency: { type: 'string', default: '10' },
    },
  });
  if (values.n === undefined) {
    sideBySide(values.sizes.split(',').map(Number), values.concurrency);
    return;
  }
  const n = Number(values.n);
  const smtp = fork(path.join(import.meta.dirname, 'digest-smtp.ts'), { execArgv: ['--import', 'tsx'] });
  const ask = <T>(send?: unknown) =>
    new Promise<T>((resolve) => {
      smtp.once('message', (m) => resolve(m as T));
      if (send !== undefined) smtp.send(send as object);
    });
  const { port } = await ask<{ port: number }>();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-bench-digest-'));
  const config = loadConfig(
    {
      DATA_DIR: dir,
      LOG_LEVEL: 'warn',
      PUBLIC_URL: 'https://paperpulse.example',
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      SMTP_RATE: '100000',
      SMTP_MAX_CONNECTIONS: values.concurrency,
      DIGEST_CONCURRENCY: values.concurrency,
    },
    path.resolve(import.meta.dirname, '..'),
  );
  const app = await createApp(config, { schema: 'auto' });
  try {
    await importDemoOnFirstStart(app);
    const started = Date.now();
    await insertSubscribers(app.database.db, n);
    console.log(
      `Inserted ${n.toLocaleString('en-US')} subscribers in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    const period = parseDigestPeriod('2025-03-14');
    if (!period) throw new Error('bad period');
    let peak = process.memoryUsage().rss;
    let at10k: number | null = null;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 100);
    const before = process.memoryUsage().rss;
    const t0 = Date.now();
    const summary = await app.digests.run(period, (counts) => {
      if (at10k === null && counts.sent >= 10_000) at10k = process.memoryUsage().rss;
    });
    const seconds = (Date.now() - t0) / 1000;
    clearInterval(sampler);
    const end = process.memoryUsage().rss;
    const { received } = await ask<{ received: number }>({ get: true });
    const rate = summary.counts.sent / seconds;
    const mb = (b: number | null) => (b === null ? 'n/a' : `${(b / 1024 / 1024).toFixed(0)} MB`);
    console.log(
      [
        `Digest run of ${n.toLocaleString('en-US')} subscribers (concurrency ${values.concurrency}), SQLite`,
        `  sent ${summary.counts.sent}, skipped ${summary.counts.skipped}, failed ${summary.counts.failed}; server received ${received}`,
        `  ${rate.toFixed(0)} messages/s in ${seconds.toFixed(1)} s (goal ≥ ${GOAL_PER_SECOND}: ${rate >= GOAL_PER_SECOND ? 'meets' : 'below'})`,
        `  RSS before ${mb(before)}, after 10k ${mb(at10k)}, after ${n.toLocaleString('en-US')} ${mb(end)}, peak ${mb(peak)}`,
      ].join('\n'),
    );
    console.log(
      JSON.stringify({ n, seconds, rate, rss: { before, at10k, end, peak }, counts: summary.counts }),
    );
  } finally {
    await app.close();
    smtp.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Bulk insert, 500 rows per statement, in one transaction. */
async function insertSubscribers(db: Parameters<typeof subscriptionDb>[0], n: number): Promise<void> {
  const sdb = subscriptionDb(db);
  const now = new Date().toISOString();
  await sdb.transaction().execute(async (trx) => {
    for (let i = 0; i < n; i += 500) {
      const rows = [];
      for (let j = i; j < Math.min(n, i + 500); j++) {
        const topics = TOPICS[j % TOPICS.length] ?? { categories: [], keywords: [] };
        rows.push({
          id: newSubscriptionId(),
          email: `reader${j}@bench.example`,
          frequency: 'daily' as const,
          categories: JSON.stringify(topics.categories),
          keywords: JSON.stringify(topics.keywords),
          status: 'confirmed' as const,
          consent_at: now,
          consent_source: 'import',
          created_at: now,
          updated_at: now,
        });
      }
      await trx.insertInto('subscriptions').values(rows).execute();
    }
  });
}

await main();
