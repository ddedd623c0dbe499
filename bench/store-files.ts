/** The SQLite files a benchmark store lives in. */
import fs from 'node:fs';
import path from 'node:path';
import { type Config, loadConfig } from '../src/config/config.ts';

const SIDE_FILES = ['', '-wal', '-shm', '-journal'];

/** The config of a quiet store in `dbFile`: no demo import, no logs. */
export function benchConfig(dbFile: string): Config {
  return loadConfig({ DATABASE_URL: dbFile, DEMO_DATA: 'off', LOG_LEVEL: 'silent' }, path.dirname(dbFile));
}

export function removeStore(dbFile: string): void {
  for (const suffix of SIDE_FILES) fs.rmSync(dbFile + suffix, { force: true });
}

/** Bytes on disk of the database file and its side files. */
export function storeBytes(dbFile: string): number {
  let total = 0;
  for (const suffix of SIDE_FILES) {
    try {
      total += fs.statSync(dbFile + suffix).size;
    } catch {
      // that side file does not exist
    }
  }
  return total;
}
