/**
 * A child process for the cross-process tests: `node --import ../register-ts.mjs store-worker.ts '<json>'`.
 * Waits for the `go` file (so several workers start together), opens the store, does one job and
 * prints one JSON line with the result.
 */
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { openSqliteStore } from '../../../src/state/sqlite-store.js';
import type { ForceRefreshPolicy } from '../../../src/state/tokens.js';

export type WorkerJob =
  | { op: 'lock'; name: string; owner: string; ttlMs: number; now: string }
  | { op: 'claim'; key: string; times: string[]; policy: ForceRefreshPolicy }
  /** `ack`: print `ack <serial>` after each committed write (stdout to a pipe is synchronous on Linux). */
  | { op: 'write'; campaign: string; prefix: string; count: number; ack?: boolean }
  | { op: 'set-token'; key: string; token: string; expiresAt: string }
  | { op: 'get-token'; key: string };

export interface WorkerInput {
  file: string;
  go?: string;
  busyTimeoutMs?: number;
  job: WorkerJob;
}

async function waitFor(file: string): Promise<void> {
  process.stdout.write('ready\n'); // modules are loaded: the parent may release everyone together
  const deadline = Date.now() + 20_000;
  while (!existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${file}`);
    await sleep(2);
  }
}

async function work(input: WorkerInput): Promise<unknown> {
  if (input.go) await waitFor(input.go);
  const store = await openSqliteStore(input.file, {
    clock: { now: () => new Date() },
    busyTimeoutMs: input.busyTimeoutMs,
  });
  try {
    const job = input.job;
    switch (job.op) {
      case 'lock':
        return { acquired: await store.acquireLock(job.name, job.owner, job.ttlMs, new Date(job.now)) };
      case 'claim': {
        const granted: string[] = [];
        for (const at of job.times) {
          const claim = await store.tokens.claimForceRefresh(job.key, new Date(at), job.policy);
          if (claim.granted) granted.push(at);
        }
        return { granted };
      }
      case 'write': {
        const serials: number[] = [];
        for (let i = 0; i < job.count; i++) {
          const at = new Date().toISOString();
          const serial = await store.putResource(job.campaign, {
            address: `goods/${job.prefix}-${i}`,
            kind: 'goods',
            remoteId: `${job.prefix}${i}`,
            attributes: { writer: job.prefix },
            createdAt: at,
            updatedAt: at,
          });
          if (job.ack) process.stdout.write(`ack ${serial}\n`);
          else serials.push(serial);
        }
        return { serials };
      }
      case 'set-token':
        await store.tokens.set(job.key, { token: job.token, expiresAt: new Date(job.expiresAt) });
        return { ok: true };
      case 'get-token': {
        const t = await store.tokens.get(job.key);
        return { token: t?.token, expiresAt: t?.expiresAt.toISOString() };
      }
    }
  } finally {
    await store.close();
  }
}

const input = JSON.parse(process.argv[2] ?? '{}') as WorkerInput;
work(input).then(
  (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
  (err: Error) => {
    process.stdout.write(`${JSON.stringify({ error: err.message, name: err.name })}\n`);
    process.exitCode = 1;
  },
);
