import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseDuration } from '../campaign/time.js';
import { UsageError, UserError } from '../errors.js';
import type { Deps } from '../platform/deps.js';
import { redactSecrets } from '../platform/redact.js';
import {
  describeStateLocation,
  resolveStateLocation,
  type StateLocation,
  type StateLocationInput,
} from '../state/location.js';
import { resolveClock, resolveFormat } from './options.js';
import { clientsFactory, ownerId } from './reminder-session.js';
import { styleFor } from './style.js';
import { displayZone, renderDispatchText } from './views/dispatch.js';

export { renderDispatchLine, renderDispatchText } from './views/dispatch.js';

export interface DispatchFlags {
  now?: string;
  limit?: string;
  lease?: string;
  campaign?: string;
  state?: string;
  format?: string;
}

export function parseLimit(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new UsageError(`--limit expects a positive whole number, got "${value}"`);
  }
  return Number(value);
}

/** `--lease 5m`: at least 1 s, at most a day. */
export function parseLease(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseDuration(value);
  if (ms === undefined || ms < 1000 || ms > 86_400_000) {
    throw new UsageError(`--lease expects a duration from 1s to 1d such as 5m or 30s, got "${value}"`);
  }
  return ms;
}

/**
 * The state store dispatch and the daemon work on, which must exist: they never create one. From
 * cron in the wrong folder an empty new store (or "nothing to dispatch", exit 0) would fail silently
 * every minute, so a missing store is exit 1 naming the path looked at and how to point elsewhere.
 */
export function requireStore(input: StateLocationInput): StateLocation {
  const where = resolveStateLocation(input);
  // A PostgreSQL store has no file to look for: it is opened (and its tables created when new).
  if (where.kind === 'postgres' || existsSync(where.path)) return where;
  const because =
    where.from === 'flag'
      ? 'given by --state'
      : where.from === 'env'
        ? 'given by LIVECTL_STATE'
        : `the default: ${path.join('.livectl', 'state.db')} in the working directory, ${path.resolve(input.cwd)}`;
  throw new UserError(`no state store at ${where.path} (${because})`, {
    hint:
      '`livectl apply` writes the store beside the campaign file (e.g. campaigns/.livectl/state.db) unless ' +
      '--state or LIVECTL_STATE says otherwise. Point dispatch at the same file: --state <path>, or set ' +
      'LIVECTL_STATE (in the crontab too).',
  });
}

/**
 * `livectl dispatch`: wiring only — open the store, send what is due (dispatchDue), show the
 * summary. Exit 1 when a row failed (so cron mail and CI notice) or there is no store, 0 otherwise
 * (retries pending are not failures yet).
 */
export async function runDispatch(flags: DispatchFlags, deps: Deps): Promise<number> {
  const format = resolveFormat(flags.format, ['text', 'json'] as const);
  const { now, clock } = resolveClock(flags.now, deps);
  const limit = parseLimit(flags.limit, 1_000);
  const leaseMs = parseLease(flags.lease);
  const where = requireStore({ flag: flags.state, env: deps.env, cwd: deps.cwd });
  const file = describeStateLocation(where);
  const owner = ownerId('dispatch');
  const { openStateStore } = await import('../state/open.js');
  const { dispatchDue } = await import('../reminders/dispatch.js');
  const store = await openStateStore(where, { clock });
  try {
    const summary = await dispatchDue({
      store,
      clients: await clientsFactory(deps, store, clock),
      now,
      limit,
      owner,
      env: deps.env,
      // Leases run on the real clock even with --now: a rehearsal "as if it were 10:01 on the day"
      // must not take over rows that a dispatcher running now holds.
      clock: deps.clock,
      ...(leaseMs !== undefined ? { leaseMs } : {}),
      ...(flags.campaign ? { campaign: flags.campaign } : {}),
    });
    const redact = (s: string) => redactSecrets(s, deps.env);
    if (format === 'json') deps.stdout.write(`${redact(JSON.stringify({ ...summary, statePath: file }))}\n`);
    else {
      // The outbox tells the zone only when no row of this run does.
      const listed = summary.rows.some((r) => r.timezone) ? [] : await store.outbox().list({ limit: 500 });
      deps.stdout.write(
        redact(
          renderDispatchText(
            summary,
            styleFor(deps.stdout),
            displayZone(summary.rows, () => listed.map((e) => e.payload.timezone)),
          ),
        ),
      );
    }
    return summary.failed > 0 ? 1 : 0;
  } finally {
    await store.close();
  }
}
