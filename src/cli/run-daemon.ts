import os from 'node:os';
import { UserError } from '../errors.js';
import { t } from '../i18n/catalog.js';
import type { Deps } from '../platform/deps.js';
import { redactSecrets } from '../platform/redact.js';
import type { DispatchSummary } from '../reminders/dispatch.js';
import type { ReminderPayload } from '../reminders/types.js';
import { describeStateLocation, type StateLocation } from '../state/location.js';
import type { OutboxStore, StateStore } from '../state/port.js';
import { resolveFormat } from './options.js';
import { clientsFactory, ownerId } from './reminder-session.js';
import { parseLimit, requireStore } from './run-dispatch.js';
import { renderDispatchLine } from './views/dispatch.js';

export interface DaemonFlags {
  state?: string;
  campaign?: string;
  limit?: string;
  format?: string;
  timezone?: string;
}

/** The scheduler (node-cron in production; tests drive ticks by hand). */
export type Schedule = (
  expression: string,
  tick: () => Promise<void>,
  opts: { timezone: string; noOverlap: boolean; name: string },
) => { stop(): void | Promise<void> };

export interface DaemonPorts {
  schedule?: Schedule;
  /** Calls `stop` on SIGTERM / SIGINT; returns an unsubscribe. */
  onStopSignal?: (stop: (signal: string) => void) => () => void;
}

/** How long the daemon lock lives without renewal (renewed every tick, i.e. every minute). */
export const DAEMON_LOCK_TTL_MS = 3 * 60_000;
export const DAEMON_LOCK = 'daemon';

/**
 * The daemon's lock: one per SQLite store; on PostgreSQL one per host, since several hosts' daemons
 * share the rows (claims skip rows another holds).
 */
export function daemonLockName(where: StateLocation, hostname: string = os.hostname()): string {
  return where.kind === 'postgres' ? `${DAEMON_LOCK}:${hostname}` : DAEMON_LOCK;
}

const nodeCronSchedule: Schedule = (expression, tick, opts) => {
  let task: { stop(): void | Promise<void> } | undefined;
  let stopped = false;
  // node-cron is loaded only when the daemon runs (the CLI never pays for it otherwise).
  const ready = import('node-cron').then((m) => {
    if (stopped) return;
    task = m.default.schedule(expression, () => tick(), opts);
  });
  return {
    async stop() {
      stopped = true;
      await ready;
      await task?.stop();
    },
  };
};

const processSignals: NonNullable<DaemonPorts['onStopSignal']> = (stop) => {
  const term = () => stop('SIGTERM');
  const int = () => stop('SIGINT');
  process.once('SIGTERM', term);
  process.once('SIGINT', int);
  return () => {
    process.off('SIGTERM', term);
    process.off('SIGINT', int);
  };
};

/**
 * `livectl daemon`: dispatch (and the goods-audit reconcile) every minute with node-cron, in the
 * campaigns' time zone, until SIGTERM/SIGINT. One daemon per store (the `daemon` lock, renewed every
 * tick, expiring 3 minutes after a crash). On a stop signal it claims nothing more, lets the sends in
 * flight finish and record their outcome, gives unstarted rows back, releases the lock and exits 0.
 */
export async function runDaemon(flags: DaemonFlags, deps: Deps & DaemonPorts): Promise<number> {
  const format = resolveFormat(flags.format, ['text', 'json'] as const);
  const limit = parseLimit(flags.limit, 1_000);
  const where = requireStore({ flag: flags.state, env: deps.env, cwd: deps.cwd });
  const file = describeStateLocation(where);
  const clock = deps.clock;
  const owner = ownerId('daemon');
  const redact = (s: string) => redactSecrets(s, deps.env);
  const log = (text: string, json: Record<string, unknown>) => {
    if (format === 'json')
      deps.stdout.write(
        `${redact(JSON.stringify({ formatVersion: 1, at: clock.now().toISOString(), ...json }))}\n`,
      );
    else deps.stdout.write(`${redact(`${clock.now().toISOString()} ${text}`)}\n`);
  };

  const { openStateStore } = await import('../state/open.js');
  const { dispatchDue } = await import('../reminders/dispatch.js');
  const store = await openStateStore(where, { clock });
  const lockName = daemonLockName(where);
  try {
    if (!(await store.acquireLock(lockName, owner, DAEMON_LOCK_TTL_MS, clock.now()))) {
      throw new UserError(
        where.kind === 'postgres'
          ? `another livectl daemon is running on this host (${os.hostname()}) for ${file}`
          : `another livectl daemon is running on ${file}`,
        {
          hint:
            where.kind === 'postgres'
              ? 'One daemon per host: daemons on other hosts share the rows with it. Stop the other one (or wait 3 minutes after it crashed).'
              : 'One daemon per state store. Stop the other one (or wait 3 minutes after it crashed), or use `livectl dispatch` from cron instead.',
        },
      );
    }
    const ob = store.outbox();
    const timezone = flags.timezone ?? (await campaignZone(ob)) ?? 'Asia/Shanghai';
    const clientsFor = await clientsFactory(deps, store, clock);
    let stopping = false;
    /** Rows given back unstarted by ticks a stop interrupted (dispatchDue releases them itself). */
    let givenBack = 0;
    let current: Promise<void> = Promise.resolve();

    const tick = async (): Promise<void> => {
      if (stopping) return;
      const now = clock.now();
      try {
        if (!(await store.acquireLock(lockName, owner, DAEMON_LOCK_TTL_MS, now))) {
          log(t().dispatch.daemon.lockLost, { type: 'lock-lost' });
          stopRequested('lock-lost');
          return;
        }
        const summary: DispatchSummary = await dispatchDue({
          store,
          clients: clientsFor,
          now,
          limit,
          owner,
          env: deps.env,
          clock,
          shouldStop: () => stopping,
          ...(flags.campaign ? { campaign: flags.campaign } : {}),
        });
        givenBack += summary.released ?? 0;
        for (const r of summary.rows) log(renderDispatchLine(r).trim(), { type: 'row', row: r });
        if (summary.claimed > 0 || format === 'json') {
          log(t().dispatch.daemon.tick(summary), { type: 'tick', ...summary, rows: undefined });
        }
        await reconcileAll(store, ob, clientsFor, clock, flags.campaign, log);
      } catch (err) {
        log(t().dispatch.daemon.tickFailed({ message: err instanceof Error ? err.message : String(err) }), {
          type: 'error',
          message: err instanceof Error ? err.message : String(err),
        });
      }
    };
    const runTick = () => {
      current = current.then(tick);
      return current;
    };

    let stopRequested: (signal: string) => void = () => {};
    const stopped = new Promise<string>((resolve) => {
      stopRequested = (signal) => {
        stopping = true;
        resolve(signal);
      };
    });
    const unsubscribe = (deps.onStopSignal ?? processSignals)((s) => stopRequested(s));
    const task = (deps.schedule ?? nodeCronSchedule)('* * * * *', runTick, {
      timezone,
      noOverlap: true,
      name: 'livectl-dispatch',
    });
    log(t().dispatch.daemon.start({ timezone, file }), {
      type: 'start',
      statePath: file,
      timezone,
      owner,
    });
    // Catch up at once after a restart instead of waiting for the next minute.
    void runTick();

    const signal = await stopped;
    unsubscribe();
    await task.stop();
    await current; // the sends in flight finish and record their outcome
    // What the interrupted tick gave back, plus anything still claimed (a tick that failed midway).
    const released = givenBack + (await ob.release(owner, clock.now()));
    await store.releaseLock(lockName, owner);
    log(t().dispatch.daemon.stopped({ signal, released }), { type: 'stop', signal, released });
    return 0;
  } finally {
    await store.close();
  }
}

/** The zone most rows of the outbox are in (the campaigns'), for the cron schedule. */
async function campaignZone(outbox: OutboxStore): Promise<string | undefined> {
  const count = new Map<string, number>();
  for (const r of await outbox.list({ limit: 500 })) {
    const tz = (r.payload as unknown as ReminderPayload).timezone;
    if (tz) count.set(tz, (count.get(tz) ?? 0) + 1);
  }
  return [...count.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** The goods-audit reconcile of every campaign with goods in audit (apply's reconcileGoods). */
async function reconcileAll(
  store: StateStore,
  outbox: OutboxStore,
  clientsFor: Awaited<ReturnType<typeof clientsFactory>>,
  clock: Deps['clock'],
  only: string | undefined,
  log: (text: string, json: Record<string, unknown>) => void,
): Promise<void> {
  const campaigns = (await store.listCampaigns()).filter((c) => !only || c.name === only);
  for (const c of campaigns) {
    const snapshot = await store.snapshot(c.name);
    const inAudit = [...snapshot.resources.values()].some(
      (r) => r.kind === 'goods' && r.remoteId && (r.auditStatus === 'pending' || r.auditStatus === undefined),
    );
    if (!inAudit) continue;
    // The mini program's id is not kept with the goods; the campaign's reminder rows carry it.
    const row = (await outbox.list({ campaign: c.name, limit: 1 }))[0];
    const accounts = (row?.payload as unknown as ReminderPayload | undefined)?.accounts;
    if (!accounts) continue;
    try {
      const [{ reconcileGoods }, { StateWriter }] = await Promise.all([
        import('../apply/reconcile.js'),
        import('../apply/state-writer.js'),
      ]);
      const writer = new StateWriter(store, c.name, clock, snapshot);
      const room = snapshot.resources.get('room');
      const r = await reconcileGoods({
        writer,
        mp: clientsFor(accounts).miniProgram,
        addToRoom: Boolean(room?.remoteId),
      });
      if (r.changes.length || r.added.length) {
        log(
          t().dispatch.daemon.reconcile({
            campaign: c.name,
            changed: r.changes.length,
            added: r.added.length,
            waiting: r.waiting,
          }),
          {
            type: 'reconcile',
            campaign: c.name,
            ...r,
          },
        );
      }
    } catch (err) {
      log(
        t().dispatch.daemon.reconcileFailed({
          campaign: c.name,
          message: err instanceof Error ? err.message : String(err),
        }),
        {
          type: 'error',
          campaign: c.name,
          message: err instanceof Error ? err.message : String(err),
        },
      );
    }
  }
}
