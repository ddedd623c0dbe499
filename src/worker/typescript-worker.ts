/**
 * A worker thread running one of our TypeScript modules. The worker loads it through tsx, registered
 * there with the project's tsconfig (as bin/paperpulse.js does for the main thread): a worker does not
 * inherit the loader a program registered for itself.
 */
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.tsx).then(({ register }) => {
  register({ tsconfig: workerData.tsconfig });
  return import(workerData.module);
});
`;

/** Starts `module` (a URL of one of ours) in a worker; it reads `data` as `workerData.data`. */
export function startTypeScriptWorker(module: URL, data: unknown): Worker {
  return new Worker(BOOTSTRAP, {
    eval: true,
    execArgv: [],
    workerData: {
      data,
      tsx: import.meta.resolve('tsx/esm/api'),
      tsconfig: fileURLToPath(new URL('../../tsconfig.json', import.meta.url)),
      module: module.href,
    },
  });
}
