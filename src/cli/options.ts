import { UsageError } from '../errors.js';
import { t } from '../i18n/catalog.js';
import { type Clock, type Deps, fixedClock } from '../platform/deps.js';

/**
 * The clock of one command: `--now <ISO-8601>`, else the LIVECTL_NOW environment variable (same
 * form; test harnesses and rehearsals set it once for every command), else the system clock.
 * `fixed` says whether the instant was given (then every clock reading of the command is that
 * instant; the system clock is still used for leases and elapsed time where a command says so).
 */
export function resolveClock(
  value: string | undefined,
  deps: Pick<Deps, 'clock' | 'env'>,
): {
  now: Date;
  clock: Clock;
  fixed: boolean;
} {
  const env = deps.env.LIVECTL_NOW;
  const given = value ?? (env === undefined || env === '' ? undefined : env);
  if (given === undefined) return { now: deps.clock.now(), clock: deps.clock, fixed: false };
  const now = parseNow(given, value === undefined ? 'LIVECTL_NOW' : '--now');
  return { now, clock: fixedClock(now), fixed: true };
}

/** The instant of `resolveClock`. */
export function resolveNow(value: string | undefined, deps: Pick<Deps, 'clock' | 'env'>): Date {
  return resolveClock(value, deps).now;
}

function parseNow(value: string, what: string): Date {
  // Require an explicit date; accept a time with offset or Z. A bare local time is ambiguous, so refused.
  if (!/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2}))?$/.test(value)) {
    throw new UsageError(t().usage.badNow({ what, value }), t().usage.badNowHint);
  }
  const d = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(d.getTime())) throw new UsageError(t().usage.invalidNow({ what, value }));
  return d;
}

/** Checks `--format` against the formats one command supports. */
export function resolveFormat<T extends string>(value: string | undefined, allowed: readonly T[]): T {
  const v = (value ?? allowed[0]) as T;
  if (!allowed.includes(v)) {
    throw new UsageError(t().usage.badFormat({ allowed: allowed.join(', '), value: String(value) }));
  }
  return v;
}
