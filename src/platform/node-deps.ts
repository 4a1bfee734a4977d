import type { Deps, Output } from './deps.js';

function streamOutput(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv): Output {
  const isTTY = Boolean(stream.isTTY);
  const color = isTTY && !env.NO_COLOR && env.TERM !== 'dumb';
  return { write: (t) => void stream.write(t), isTTY, color: Boolean(env.FORCE_COLOR) || color };
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
