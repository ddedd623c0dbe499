/**
 * A benchmark step in its own Node process (TypeScript through tsx), so its memory and CPU are its own.
 * Parent and child speak typed messages over the IPC channel; both sides are ours, so messages are trusted.
 */
import { type ChildProcess, fork } from 'node:child_process';

export class Child<In, Out> {
  private readonly queue: Out[] = [];
  private readonly waiting: { resolve: (message: Out) => void; reject: (error: Error) => void }[] = [];
  private exit: Error | null = null;
  private readonly exited: Promise<void>;

  private constructor(private readonly process: ChildProcess) {
    process.on('message', (message) => {
      const waiter = this.waiting.shift();
      if (waiter) waiter.resolve(message as Out);
      else this.queue.push(message as Out);
    });
    this.exited = new Promise((resolve) => {
      process.on('exit', (code, signal) => {
        this.exit = new Error(`${process.spawnargs.join(' ')} exited (${signal ?? code})`);
        for (const waiter of this.waiting.splice(0)) waiter.reject(this.exit);
        resolve();
      });
    });
  }

  static start<In, Out>(script: string, args: readonly string[] = []): Child<In, Out> {
    const child = fork(script, [...args], {
      execArgv: ['--import', 'tsx', ...process.execArgv.filter((a) => a.startsWith('--cpu-prof'))],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new Child<In, Out>(child);
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  send(message: In): void {
    this.process.send(message as object);
  }

  /** The next message the child sends; rejects if it exits first. */
  next(): Promise<Out> {
    const queued = this.queue.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.exit) return Promise.reject(this.exit);
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  /** Sends one request and waits for the answer. */
  async ask(message: In): Promise<Out> {
    this.send(message);
    return this.next();
  }

  /** Closes the channel and waits for the child to end (it ends once it has nothing left to do). */
  async close(): Promise<void> {
    if (this.process.connected) this.process.disconnect();
    await this.exited;
  }
}

/**
 * The child's side: answers each message from the parent with what `handle` returns, in order, and runs
 * `onClose` when the parent closes the channel.
 */
export function serve<In, Out>(handle: (message: In) => Promise<Out>, onClose?: () => Promise<void>): void {
  const send = process.send?.bind(process);
  if (!send) throw new Error('a benchmark child must be started with Child.start (it needs an IPC channel)');
  let chain = Promise.resolve();
  process.on('message', (message) => {
    chain = chain.then(async () => {
      send(await handle(message as In));
    });
    chain.catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
  });
  if (onClose) process.on('disconnect', () => void chain.then(onClose));
}
