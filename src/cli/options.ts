import { UsageError } from '../errors.js';
import type { Deps } from '../platform/deps.js';

/** `--now <ISO-8601>`: the clock for every command that reads time. Without it, the system clock. */
export function resolveNow(value: string | undefined, deps: Deps): Date {
  if (value === undefined) return deps.clock.now();
  // Require an explicit date; accept a time with offset or Z. A bare local time is ambiguous, so refused.
  if (!/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2}))?$/.test(value)) {
    throw new UsageError(
      `--now expects an ISO-8601 instant such as 2027-03-01T10:00:00+08:00, got "${value}"`,
      'Give a date, or a date and time with Z or a UTC offset.',
    );
  }
  const d = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(d.getTime())) throw new UsageError(`--now is not a valid date: "${value}"`);
  return d;
}

/** Checks `--format` against the formats one command supports. */
export function resolveFormat<T extends string>(value: string | undefined, allowed: readonly T[]): T {
  const v = (value ?? allowed[0]) as T;
  if (!allowed.includes(v)) {
    throw new UsageError(`--format must be one of ${allowed.join(', ')}; got "${value}"`);
  }
  return v;
}
