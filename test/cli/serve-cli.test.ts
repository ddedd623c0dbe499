import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { startCli, tempEnv } from '../helpers/cli.ts';
import { repoRoot } from '../helpers/shared-data.ts';

/** Starts `paperpulse serve` and resolves with its output once it listens. */
async function serve(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; output: string; url: string }> {
  const child = startCli(['serve'], env);
  let output = '';
  child.stderr?.on('data', (d) => {
    output += d;
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${output}`)), 30_000);
    child.stdout?.on('data', (d) => {
      output += d;
      const match = /listening on (http:\/\/[^,]+),/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, output, url: match[1] });
      }
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  const closed = new Promise((r) => child.on('close', r));
  child.kill('SIGTERM');
  await closed;
}

test('the first start imports the demo day and serves it; the second start imports nothing', async () => {
  const { env } = tempEnv({
    DEMO_DATA: path.join(repoRoot, 'demo/papers.jsonl'),
    PORT: '0',
    HOST: '127.0.0.1',
  });
  const first = await serve(env);
  try {
    assert.match(first.output, /Imported the demo set: 61 papers on the listing of 2025-03-14/);
    const html = await (await fetch(first.url)).text();
    assert.match(html, /Get trending papers in your email inbox!/);
    assert.equal(html.match(/class="card"/g)?.length, 61, '61 cards');
  } finally {
    await stop(first.child);
  }
  const second = await serve(env);
  try {
    assert.doesNotMatch(second.output, /Imported/);
    assert.equal((await fetch(`${second.url}/papers/2502.05979`)).status, 200);
  } finally {
    await stop(second.child);
  }
});
