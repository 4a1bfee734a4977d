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

function streamOutput(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv): Output {
  const isTTY = Boolean(stream.isTTY);
  return { write: (t) => void stream.write(t), isTTY, color: colorEnabled(isTTY, env) };
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
