/** `paperpulse digest run [--period YYYY-MM-DD|YYYY-Www] [--dry-run]`, for cron users. */
import { type Command, InvalidArgumentError } from 'commander';
import { dayInZone } from '../domain/period.ts';
import type { WithApp } from '../subscriptions/cli-commands.ts';
import { type DigestPeriod, parseDigestPeriod } from './digest-period.ts';
import type { DigestRunSummary } from './digest-runner.ts';
import type { DeliveryCounts } from './run-store.ts';

export function registerDigestCommands(program: Command, withApp: WithApp): void {
  program
    .command('digest')
    .description('email digests')
    .command('run')
    .description(
      'send the digest of a period: a day (daily subscribers) or an ISO week (weekly); again after a stop, it sends only what is left',
    )
    .option(
      '--period <period>',
      'YYYY-MM-DD or YYYY-Www (default: the latest listing day)',
      parsePeriodOption,
    )
    .option('--dry-run', 'show what would be sent, change nothing')
    .action((options: { period?: DigestPeriod; dryRun?: boolean }) =>
      withApp(async (app) => {
        let period = options.period;
        if (!period) {
          const today = dayInZone(new Date(), app.config.digest.timeZone);
          const latest = await app.listings.latestDayOnOrBefore(today);
          if (!latest) {
            console.log('No listing to send yet.');
            return;
          }
          period = parseDigestPeriod(latest) as DigestPeriod;
        }
        const name = `the ${period.list} digest of ${period.label} (${period.key})`;
        if (options.dryRun) {
          const dry = await app.digests.dryRun(period);
          console.log(
            `Dry run of ${name}: ${dry.papers} papers; ${dry.subscribers} subscribers: would send ${dry.wouldSend}, skip ${dry.noPapers} (no papers), ${dry.suppressed} suppressed.`,
          );
          return;
        }
        const started = Date.now();
        const summary = await app.digests.run(period, (counts) => progress(counts, started));
        if (process.stderr.isTTY) process.stderr.write('\r\x1b[2K');
        console.log(formatRunSummary(name, summary, (Date.now() - started) / 1000));
        for (const status of ['uncertain', 'failed'] as const) {
          if (summary.counts[status] === 0) continue;
          for (const row of await app.digests.listed(summary.runId, status, 50)) {
            console.log(`  ${status} ${row.email} ${row.message_id}: ${row.last_error ?? ''}`);
          }
        }
        process.exitCode = summary.paused ? 1 : summary.counts.failed + summary.counts.uncertain > 0 ? 3 : 0;
      }),
    );
}

let lastLine = 0;

function progress(counts: DeliveryCounts, started: number): void {
  const now = Date.now();
  const tty = process.stderr.isTTY === true;
  if (!tty && now - lastLine < 5000) return;
  lastLine = now;
  const done = counts.sent + counts.skipped + counts.suppressed + counts.failed + counts.uncertain;
  const rate = Math.round(counts.sent / Math.max(0.001, (now - started) / 1000));
  const line = `digest: ${done}/${done + counts.pending + counts.sending} · sent ${counts.sent} · ${rate}/s`;
  if (tty) process.stderr.write(`\r\x1b[2K${line}`);
  else process.stderr.write(`${new Date().toISOString()} ${line}\n`);
}

export function formatRunSummary(name: string, summary: DigestRunSummary, seconds: number): string {
  const c = summary.counts;
  const lines = [
    `${summary.done ? 'Sent' : 'Stopped sending'} ${name} in ${seconds.toFixed(1)} s`,
    `  sent ${c.sent}, skipped ${c.skipped}, suppressed ${c.suppressed}, failed ${c.failed}, uncertain ${c.uncertain}, pending ${c.pending}`,
  ];
  if (summary.newlyUncertain > 0) {
    lines.push(
      `  ${summary.newlyUncertain} were being sent when an earlier run stopped: they may or may not have arrived and are not resent`,
    );
  }
  if (summary.paused) lines.push(`  ${summary.paused}; run the same command again to resume`);
  return lines.join('\n');
}

function parsePeriodOption(value: string): DigestPeriod {
  const period = parseDigestPeriod(value);
  if (!period) throw new InvalidArgumentError('a day as YYYY-MM-DD or an ISO week as YYYY-Www');
  return period;
}
