/**
 * Shared by the multi-process dispatch tests: the stores they run on (a SQLite file, a fresh
 * PostgreSQL database), `livectl dispatch` as a child process (a dispatch host), the emulator's admin.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { RunningEmulator } from '../../src/emulator/index.js';
import type { Clock } from '../../src/platform/deps.js';
import { PACKAGE_ROOT } from '../../src/platform/paths.js';
import type { DispatchSummary } from '../../src/reminders/dispatch.js';
import { resolveStateLocation } from '../../src/state/location.js';
import { openStateStore } from '../../src/state/open.js';
import type { StateStore } from '../../src/state/port.js';
import type { Json } from '../contract/harness.js';
import { freshPgDatabase } from '../support/postgres.js';

export const BIN = path.join(PACKAGE_ROOT, 'bin', 'livectl.js');

export type StoreKind = 'sqlite' | 'postgres';

/** The stores the multi-process tests run on, each a `describe.each` case. */
export const STORE_KINDS: readonly StoreKind[] = ['sqlite', 'postgres'];

/** Where a test's store lives: a SQLite file in `dir`, or a new empty PostgreSQL database's URL. */
export async function storeLocation(kind: StoreKind, dir: string): Promise<string> {
  return kind === 'sqlite' ? path.join(dir, 'state.db') : freshPgDatabase('livectl_hosts');
}

/** Opens the store at a location (a file path or a `postgres://` URL), as the CLI does. */
export function openTestStore(location: string, opts: { clock: Clock }): Promise<StateStore> {
  return openStateStore(resolveStateLocation({ flag: location, cwd: process.cwd() }), opts);
}

/** The URL with `application_name` set, so the server can tell one host's connections from another's. */
export function asApplication(location: string, name: string): string {
  if (!/^postgres(ql)?:\/\//.test(location)) return location;
  const u = new URL(location);
  u.searchParams.set('application_name', name);
  return u.toString();
}

export const emulatorAdmin =
  (emu: RunningEmulator) =>
  async (p: string, body?: unknown): Promise<Json> =>
    (await (
      await fetch(
        `${emu.url}/__emulator/${p}`,
        body === undefined
          ? {}
          : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
      )
    ).json()) as Json;

export interface Run {
  code: number;
  signal: NodeJS.Signals | null;
  summary?: DispatchSummary;
  stderr: string;
}

/**
 * One `livectl dispatch --format json` process (a host) on the store at `state`. `started` gets a
 * kill switch that answers whether the process was still running to be killed, and its pid.
 */
export function dispatchProcess(o: {
  emu: RunningEmulator;
  state: string;
  cwd: string;
  now: Date;
  lease?: string;
  started?: (kill: () => boolean, pid: number) => void;
}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      // Leases run on the real clock: short ones let a lost dispatcher's rows come back within the test.
      [
        BIN,
        'dispatch',
        '--state',
        o.state,
        '--now',
        o.now.toISOString(),
        '--lease',
        o.lease ?? '1s',
        '--format',
        'json',
      ],
      {
        cwd: o.cwd,
        env: {
          PATH: process.env.PATH ?? '',
          NO_COLOR: '1',
          LIVECTL_WECHAT_API: o.emu.wechatBase,
          LIVECTL_WECOM_API: o.emu.wecomBase,
          LIVECTL_APP_SECRET: 'app-secret-0123456789',
          LIVECTL_WECOM_SECRET: 'wecom-secret-0123456789',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    o.started?.(
      () => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'),
      child.pid ?? 0,
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      let summary: DispatchSummary | undefined;
      try {
        summary = JSON.parse(out) as DispatchSummary;
      } catch {
        summary = undefined;
      }
      resolve({ code: code ?? -1, signal, ...(summary ? { summary } : {}), stderr: err });
    });
  });
}
