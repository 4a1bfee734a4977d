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
