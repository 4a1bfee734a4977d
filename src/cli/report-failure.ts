import { UserError } from '../errors.js';
import type { Deps } from '../platform/deps.js';
import { redactSecrets } from '../platform/redact.js';

/**
 * Prints a failure that escaped a command. User errors: one line and a hint, no stack.
 * Anything else is a bug: its stack and a plea to report it. With --format json the failure is JSON
 * too, on stdout: `{formatVersion: 1, error: {kind: "user"|"api"|"internal", api?, errcode?, message, hint?}}`
 * (`api` and `errcode` when the platform refused: a WeChatApiError).
 */
export function reportFailure(err: unknown, format: string, deps: Deps): void {
  const isUser = err instanceof UserError;
  const message = redactSecrets(err instanceof Error ? err.message : String(err), deps.env);
  const hint = isUser ? err.hint : undefined;
  if (format === 'json') {
    const fields: { kind: string; api?: string; errcode?: number } = isUser
      ? err.failureFields()
      : { kind: 'internal' };
    const doc = {
      formatVersion: 1,
      error: {
        kind: fields.kind,
        ...(fields.api === undefined ? {} : { api: redactSecrets(fields.api, deps.env) }),
        ...(fields.errcode === undefined ? {} : { errcode: fields.errcode }),
        message,
        ...(hint ? { hint: redactSecrets(hint, deps.env) } : {}),
      },
    };
    deps.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    return;
  }
  if (isUser) {
    deps.stderr.write(`error: ${message}\n${hint ? `hint: ${redactSecrets(hint, deps.env)}\n` : ''}`);
    return;
  }
  const stack = err instanceof Error && err.stack ? redactSecrets(err.stack, deps.env) : message;
  deps.stderr.write(
    `internal error: ${message}\n${stack}\nThis is a bug in livectl. Please report it with the command you ran.\n`,
  );
}
