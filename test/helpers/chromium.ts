import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium, which `.ci/run` installs; browser suites skip with a notice without it. */
export const CHROMIUM = '/usr/bin/chromium';

/** True when Chromium is installed; otherwise prints the visible notice that `what` is skipped. */
export function chromiumAvailable(what: string): boolean {
  if (fs.existsSync(CHROMIUM)) return true;
  console.log(`NOTICE: chromium not found: ${what} SKIPPED (looked for ${CHROMIUM})`);
  return false;
}

/** Headless Chromium with the flags this machine's closed network needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Starts the server on a free loopback port and gives its base URL. */
export async function listenOnLoopback(server: FastifyInstance): Promise<string> {
  await server.listen({ port: 0, host: '127.0.0.1' });
  const address = server.server.address();
  assert.ok(address && typeof address === 'object', 'the server listens on a TCP port');
  return `http://127.0.0.1:${address.port}`;
}
