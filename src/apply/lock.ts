import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { UserError } from '../errors.js';
import type { Clock } from '../platform/deps.js';
import type { StateStore } from '../state/port.js';

/**
 * One apply per campaign at a time (`apply:<name>` in the store, shared by every process of the
 * operator). The holder renews the lock every second while it works; the lock lives a few seconds,
 * so a crashed holder (SIGKILL, power cut) frees it by itself shortly. A second apply waits a few
 * seconds for the lock, then refuses with a clear message instead of queueing behind a long run.
 *
 * The lock runs on the wall clock, not `--now`: it is about processes, not the campaign's time.
 */
export interface LockOptions {
  /** Lock lifetime without renewal. */
  ttlMs?: number;
  /** How long to wait for a held lock before refusing. */
  waitMs?: number;
  /** Renewal period. */
  renewMs?: number;
  clock?: Clock;
  sleep?: (ms: number) => Promise<void>;
}

export const LOCK_TTL_MS = 5_000;
export const LOCK_WAIT_MS = 7_000;
export const LOCK_RENEW_MS = 1_000;

export interface HeldLock {
  readonly name: string;
  readonly owner: string;
  /** Throws when the lock was lost (this process stalled past the lifetime and another took it). */
  check(): void;
  release(): Promise<void>;
}

const wallClock: Clock = { now: () => new Date() };
const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function acquireCampaignLock(
  store: StateStore,
  name: string,
  what: string,
  opts: LockOptions = {},
): Promise<HeldLock> {
  const ttl = opts.ttlMs ?? LOCK_TTL_MS;
  const wait = opts.waitMs ?? LOCK_WAIT_MS;
  const clock = opts.clock ?? wallClock;
  const sleep = opts.sleep ?? realSleep;
  const owner = `${hostname()}:${process.pid}:${randomUUID()}`;
  const deadline = clock.now().getTime() + wait;
  for (;;) {
    if (await store.acquireLock(name, owner, ttl, clock.now())) break;
    if (clock.now().getTime() >= deadline) {
      throw new UserError(
        `another ${what} is running right now (lock ${name} is held); not starting a second one`,
        {
          hint: `Wait for the other run to finish (or, if it crashed, about ${Math.ceil(ttl / 1000)} s for its lock to lapse), then run the command again.`,
        },
      );
    }
    await sleep(250);
  }
  let lost = false;
  let renewing: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    renewing = store
      .acquireLock(name, owner, ttl, clock.now())
      .then((ok) => {
        if (!ok) lost = true;
      })
      .catch(() => {
        // A busy store: the next renewal tries again; the lifetime covers a few misses.
      });
  }, opts.renewMs ?? LOCK_RENEW_MS);
  timer.unref();
  return {
    name,
    owner,
    check() {
      if (lost) {
        throw new UserError(`lost the lock ${name}: this run stalled and another run may have started`, {
          hint: 'Run the command again; what succeeded so far is saved.',
        });
      }
    },
    async release() {
      clearInterval(timer);
      await renewing;
      await store.releaseLock(name, owner);
    },
  };
}
