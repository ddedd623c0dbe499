/**
 * In-process scheduling for `serve`: once a minute, starts the digest runs that are due (see schedule.ts).
 * Runs are idempotent and held by one runner at a time, so several nodes may all schedule safely.
 */
import type { Logger } from 'pino';
import type { DigestPeriod } from './digest-period.ts';
import type { DigestRunSummary } from './digest-runner.ts';
import { duePeriods } from './schedule.ts';

export interface ScheduledDigests {
  run(period: DigestPeriod): Promise<DigestRunSummary>;
}

export interface SchedulerSettings {
  readonly timeZone: string;
  readonly hour: number;
  readonly intervalMs?: number;
  readonly now?: () => Date;
}

/** Starts the scheduler; the function it returns stops it. */
export function startDigestScheduler(digests: ScheduledDigests, settings: SchedulerSettings, logger: Logger) {
  const now = settings.now ?? (() => new Date());
  const finished = new Set<string>();
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      for (const period of duePeriods(now(), settings.timeZone, settings.hour)) {
        const key = `${period.list}:${period.key}`;
        if (finished.has(key)) continue;
        try {
          const summary = await digests.run(period);
          if (summary.done) finished.add(key);
          logger.info({ run: key, ...summary.counts, paused: summary.paused }, 'digest run');
        } catch (error) {
          logger.warn({ run: key, err: error }, 'digest run did not go ahead');
        }
      }
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), settings.intervalMs ?? 60_000);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
