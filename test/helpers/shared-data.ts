import fs from 'node:fs';
import path from 'node:path';

/** ../shared/data beside the repository, or null (with a visible notice) on a clone without it. */
export const sharedDataDir: string | null = (() => {
  const dir = path.resolve(import.meta.dirname, '../../../shared/data');
  return fs.existsSync(dir) ? dir : null;
})();

export function skipWithoutSharedData(what: string): string | false {
  if (sharedDataDir) return false;
  console.warn(`NOTICE: ../shared/data not found: ${what} SKIPPED`);
  return '../shared/data not found';
}

export const repoRoot = path.resolve(import.meta.dirname, '../..');
