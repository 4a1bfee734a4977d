import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { WorkerInput } from './store-worker.js';

const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));

export interface RunningWorker<T> {
  /** Resolves once the worker has loaded and waits for its `go` file (only when `go` is set). */
  ready: Promise<void>;
  /** The JSON the worker printed last. */
  result: Promise<T>;
  /** Everything printed so far (progress lines of a `write` job with `ack`). */
  output(): string;
  /** Resolves once the worker has printed at least `n` `ack <serial>` lines (or has ended). */
  acked(n: number): Promise<void>;
  /** Sends a signal (SIGKILL for crash tests); `result` then rejects. */
  kill(signal: NodeJS.Signals): void;
}

/** Starts a store worker in its own `node` process (running the TypeScript sources, see ../ts-hooks.mjs). */
export function startWorker<T = Record<string, unknown>>(input: WorkerInput): RunningWorker<T> {
  let markReady!: () => void;
  const ready = new Promise<void>((r) => {
    markReady = r;
  });
  const child = spawn(
    process.execPath,
    ['--import', here('../register-ts.mjs'), here('./store-worker.ts'), JSON.stringify(input)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  const waiting: { n: number; done: () => void }[] = [];
  const ackCount = () => out.match(/^ack \d+$/gm)?.length ?? 0;
  const wake = (ended: boolean) => {
    const have = ackCount();
    for (const w of waiting.splice(0)) {
      if (ended || have >= w.n) w.done();
      else waiting.push(w);
    }
  };
  let ended = false;
  const result = new Promise<T>((resolve, reject) => {
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (/^ready$/m.test(out)) markReady();
      if (waiting.length) wake(false);
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('error', reject);
    child.on('close', () => {
      markReady();
      ended = true;
      wake(true);
      const line = out.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line) as T);
      } catch {
        reject(new Error(`worker printed no result.\nstdout: ${out}\nstderr: ${err}`));
      }
    });
  });
  const acked = (n: number) =>
    new Promise<void>((done) => {
      waiting.push({ n, done });
      wake(ended);
    });
  return { ready, result, output: () => out, acked, kill: (signal) => child.kill(signal) };
}

/** Runs one worker to completion. */
export function runWorker<T = Record<string, unknown>>(input: WorkerInput): Promise<T> {
  return startWorker<T>(input).result;
}
