/** Who holds a digest run, and whether a holder on this machine is gone (so a restart need not wait out its lease). */
import { randomBytes } from 'node:crypto';
import os from 'node:os';

export function newRunnerId(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/** True when `runner` was a process on this machine that no longer exists. */
export function isDeadLocalRunner(runner: string): boolean {
  const [host, pidText] = runner.split(':');
  const pid = Number(pidText);
  if (host !== os.hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
