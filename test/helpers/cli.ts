import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './shared-data.ts';

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A fresh DATA_DIR for one test, with the env the CLI reads. */
export function tempEnv(extra: Record<string, string> = {}): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-cli-'));
  return { dir, env: { ...process.env, DATA_DIR: dir, DEMO_DATA: 'off', LOG_LEVEL: 'warn', ...extra } };
}

/** Runs `paperpulse ARGS` from outside the checkout, as an installed command is run. */
export function startCli(args: readonly string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [path.join(repoRoot, 'bin/paperpulse.js'), ...args], {
    env,
    cwd: os.tmpdir(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs `paperpulse ARGS` to its end. */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  const child = startCli(args, env);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => {
    stdout += d;
  });
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** A JSONL file of `n` made-up but well-formed papers, ids 2401.00001 upwards. */
export function writeSyntheticJsonl(file: string, n: number, offset = 0): void {
  const lines: string[] = [];
  for (let i = 1 + offset; i <= n + offset; i++) {
    const id = `2401.${String(i).padStart(5, '0')}`;
    lines.push(
      JSON.stringify({
        id,
        title: `Synthetic paper ${i} on sparse attention and token merging`,
        abstract: `We study problem ${i}. `.repeat(40),
        authors: [`Author ${i % 97}`, `Author ${i % 89}`],
        categories: ['cs.LG', 'cs.CL'],
        published_at: '2024-01-02T00:00:00.000Z',
      }),
    );
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}
