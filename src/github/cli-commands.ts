/** `paperpulse stars refresh [--days N]`: star snapshots of the GitHub repositories of listed papers. */
import { type Command, InvalidArgumentError } from 'commander';
import type { WithApp } from '../subscriptions/cli-commands.ts';
import { refreshStars, type StarRefreshSummary } from './star-refresh.ts';

/** The exit code when GitHub's rate limit stopped the run (EX_TEMPFAIL: try again later). */
export const EXIT_RATE_LIMITED = 75;

export function registerStarCommands(program: Command, withApp: WithApp): void {
  program
    .command('stars')
    .description('GitHub stars of papers with code')
    .command('refresh')
    .description(
      'record the star count of every GitHub repository linked from papers listed in the last days (conditional requests; stops at the rate limit)',
    )
    .option('--days <days>', 'papers listed in the last this many days', parseDays, 30)
    .action((options: { days: number }) =>
      withApp(async (app) => {
        const tty = process.stderr.isTTY === true;
        let last = 0;
        const summary = await refreshStars(app.github.client, app.github.store, {
          days: options.days,
          onProgress: (done, total, repo) => {
            const now = Date.now();
            if (tty) process.stderr.write(`\r\x1b[2K${done}/${total} ${repo}`);
            else if (now - last >= 5000 || done === total) {
              last = now;
              process.stderr.write(`${new Date().toISOString()} stars: ${done}/${total} repositories\n`);
            }
          },
        });
        if (tty) process.stderr.write('\r\x1b[2K');
        console.log(formatStarSummary(summary));
        if (summary.stoppedUntil) process.exitCode = EXIT_RATE_LIMITED;
        else if (summary.failed.length > 0) process.exitCode = 3;
      }),
    );
}

export function formatStarSummary(s: StarRefreshSummary): string {
  const lines = [
    `GitHub stars: ${s.repos} repositories; ${s.updated} updated, ${s.notModified} unchanged (304), ${s.notFound} not found, ${s.failed.length} failed.`,
  ];
  for (const f of s.failed.slice(0, 20)) lines.push(`  failed ${f.repo}: ${f.reason}`);
  if (s.stoppedUntil) {
    lines.push(
      `Stopped: GitHub's rate limit is used up, ${s.left} repositories left. Try again after ${s.stoppedUntil.toISOString()}.`,
    );
  }
  return lines.join('\n');
}

function parseDays(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 3650)
    throw new InvalidArgumentError('a whole number of days, 1 to 3650');
  return n;
}
