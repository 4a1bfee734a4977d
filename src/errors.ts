import { redactSecrets } from './platform/redact.js';

/**
 * Error kinds (style.md §12): a UserError is the user's to fix (bad flag, unreadable file, stale plan) and
 * prints without a stack; anything else reaching the top is a bug and prints its stack with a plea to report it.
 */
export class UserError extends Error {
  readonly hint?: string;
  /** 1 = invalid input or failed operation, 2 = usage error. */
  readonly exitCode: 1 | 2;
  constructor(message: string, opts: { hint?: string; exitCode?: 1 | 2; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'UserError';
    this.hint = opts.hint;
    this.exitCode = opts.exitCode ?? 1;
  }

  /**
   * What the JSON failure document says besides `message` and `hint`: `kind` "user" here; a
   * platform's refusal (WeChatApiError) says "api" with the API's name and its errcode.
   */
  failureFields(): FailureFields {
    return { kind: 'user' };
  }
}

export interface FailureFields {
  kind: 'user' | 'api';
  /** The platform API that refused, e.g. `/wxaapi/broadcast/room/create` (kind "api"). */
  api?: string;
  /** The platform's errcode, when it answered with one (kind "api"). */
  errcode?: number;
}

/** A mistake in how the command was called (unknown flag, bad `--now`): exit code 2. */
export class UsageError extends UserError {
  constructor(message: string, hint?: string) {
    super(message, { hint, exitCode: 2 });
    this.name = 'UsageError';
  }
}

/**
 * What a failure that escaped a command says, in one envelope for the text and the JSON output:
 * `user` (the user's to fix: a UserError), `api` (a platform refused: a WeChatApiError, with the
 * API's name and its errcode) or `internal` (anything else: a bug). Secrets are redacted.
 */
export interface Failure {
  kind: 'user' | 'api' | 'internal';
  message: string;
  hint?: string;
  /** The platform API that refused, e.g. `/wxaapi/broadcast/room/create` (kind "api"). */
  api?: string;
  /** The platform's errcode, when it answered with one (kind "api"). */
  errcode?: number;
  /** The stack, for an internal error only (printed in text; never part of the JSON document). */
  stack?: string;
}

/** The failure envelope of any thrown value, with the values of secret environment variables masked. */
export function toFailure(err: unknown, env: Readonly<Record<string, string | undefined>> = {}): Failure {
  const message = redactSecrets(err instanceof Error ? err.message : String(err), env);
  if (!(err instanceof UserError)) {
    const stack = err instanceof Error && err.stack ? redactSecrets(err.stack, env) : message;
    return { kind: 'internal', message, stack };
  }
  const fields = err.failureFields();
  return {
    kind: fields.kind,
    ...(fields.api === undefined ? {} : { api: redactSecrets(fields.api, env) }),
    ...(fields.errcode === undefined ? {} : { errcode: fields.errcode }),
    message,
    ...(err.hint ? { hint: redactSecrets(err.hint, env) } : {}),
  };
}
