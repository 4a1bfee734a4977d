import { type Failure, toFailure } from '../errors.js';
import { currentLang, t } from '../i18n/catalog.js';
import { failureHintZh, failureMessageZh } from '../i18n/errors-zh.js';
import type { Deps } from '../platform/deps.js';

/**
 * Prints a failure that escaped a command (its envelope: errors.ts toFailure). User errors: one line
 * and a hint, no stack. Anything else is a bug: its stack and a plea to report it. With --format json
 * the failure is JSON too, on stdout: `{formatVersion: 1, error: {kind: "user"|"api"|"internal", api?,
 * errcode?, message, hint?}}` (`api` and `errcode` when the platform refused: a WeChatApiError).
 */
export function reportFailure(err: unknown, format: string, deps: Deps): void {
  const f = localized(toFailure(err, deps.env));
  if (format === 'json') {
    const { stack: _stack, ...error } = f;
    deps.stdout.write(`${JSON.stringify({ formatVersion: 1, error }, null, 2)}\n`);
    return;
  }
  const w = t().failure;
  if (f.kind !== 'internal') {
    deps.stderr.write(`${w.error}${f.message}\n${f.hint ? `${w.hint}${f.hint}\n` : ''}`);
    return;
  }
  deps.stderr.write(`${w.internal}${f.message}\n${f.stack}\n${w.bug}\n`);
}

/** The envelope's words in the chosen language (an internal error's stays as thrown). */
function localized(f: Failure): Failure {
  if (currentLang() !== 'zh-CN' || f.kind === 'internal') return f;
  return {
    ...f,
    message: failureMessageZh(f.message),
    ...(f.hint === undefined ? {} : { hint: failureHintZh(f.hint) }),
  };
}
