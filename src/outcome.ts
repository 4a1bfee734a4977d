/**
 * How one step ended — an apply step (room, goods, codes, coupons…) or one send of a reminder row.
 * Returned, never thrown: exceptions are for failures nobody planned for (a platform refusal is a
 * WeChatApiError, a bug is a bug). Apply steps end in `done`, `not-yet` or `needs-human`; channel
 * adapters in `done`, `skip`, `retry-later` or `failed`.
 */
export type StepOutcome<T> = Done<T> | NotYet | NeedsHuman | Skipped | RetryLater | Failed;

/** The step did what it was for; `value` is what it produced (a remote id, a message, details). */
export interface Done<T> {
  kind: 'done';
  value: T;
}

/**
 * Not a failure: the step cannot proceed yet (goods in audit — WeChat refuses changes until it
 * ends —, a date not reached, a step it depends on not done). Apply reports it as skipped.
 */
export interface NotYet {
  kind: 'not-yet';
  message: string;
  waiting: 'audit' | 'date' | 'dependency';
}

/** A person must act (the anchor's real-name scan, the frozen live permission, a task in an app). */
export interface NeedsHuman {
  kind: 'needs-human';
  message: string;
  /** What kind of task, e.g. `anchor-verification`. */
  task: string;
  url?: string;
  qr?: string;
}

/** Not a failure: the row will not be sent, for the reason given (another room pushed today, no followers…). */
export interface Skipped {
  kind: 'skip';
  reason: string;
}

/** Not a failure yet: try again after `delayMs` (the room is not live yet), still within the grace window. */
export interface RetryLater {
  kind: 'retry-later';
  reason: string;
  delayMs: number;
}

/**
 * A problem on our side (a row without a room, a missing key): failed at once, or — `retryable`, for
 * configuration a person can fix while the row is within its grace — retried with the backoff.
 */
export interface Failed {
  kind: 'failed';
  reason: string;
  hint?: string;
  retryable: boolean;
}

export const done = <T>(value: T): Done<T> => ({ kind: 'done', value });

export const notYet = (message: string, waiting: NotYet['waiting']): NotYet => ({
  kind: 'not-yet',
  message,
  waiting,
});

export const needsHuman = (
  message: string,
  task: string,
  link: { url?: string; qr?: string } = {},
): NeedsHuman => ({ kind: 'needs-human', message, task, ...link });

export const skip = (reason: string): Skipped => ({ kind: 'skip', reason });

export const retryLater = (reason: string, delayMs: number): RetryLater => ({
  kind: 'retry-later',
  reason,
  delayMs,
});

export const failed = (reason: string, opts: { hint?: string; retryable?: boolean } = {}): Failed => ({
  kind: 'failed',
  reason,
  retryable: opts.retryable ?? false,
  ...(opts.hint === undefined ? {} : { hint: opts.hint }),
});

/** True when the step did what it was for. */
export function isDone<T>(o: StepOutcome<T>): o is Done<T> {
  return o.kind === 'done';
}
