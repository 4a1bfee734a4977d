import { t } from '../i18n/catalog.js';
import type { Deps, Output } from './deps.js';

/**
 * Whether text output may carry ANSI colour. `NO_COLOR` (any non-empty value, no-color.org) turns it
 * off, whatever else is set; `FORCE_COLOR=0` (or `false`) turns it off too; any other `FORCE_COLOR`
 * turns it on even in a pipe; otherwise a terminal gets colour unless `TERM=dumb`.
 */
export function colorEnabled(isTTY: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  return isTTY && env.TERM !== 'dumb';
}

export function streamOutput(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv): Output {
  const isTTY = Boolean(stream.isTTY);
  // A reader that went away (`livectl plan … | head`) is not a failure of the command: what it
  // would still print goes nowhere, the command finishes and exits with its own code, and no
  // EPIPE stack reaches the terminal.
  let closed = false;
  stream.on('error', (err: NodeJS.ErrnoException) => {
    closed = true;
    if (err.code !== 'EPIPE' && stream !== process.stderr)
      process.stderr.write(`${t().failure.cannotWrite(err.code ?? err.message)}\n`);
  });
  return {
    write: (t) => {
      if (!closed) stream.write(t);
    },
    isTTY,
    color: colorEnabled(isTTY, env),
  };
}

/** The real process: system clock, stdout/stderr, environment and working directory. */
export function nodeDeps(): Deps {
  return {
    clock: { now: () => new Date() },
    stdout: streamOutput(process.stdout, process.env),
    stderr: streamOutput(process.stderr, process.env),
    env: process.env,
    cwd: process.cwd(),
    stdinIsTTY: Boolean(process.stdin.isTTY),
  };
}
