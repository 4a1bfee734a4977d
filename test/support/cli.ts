import { main } from '../../src/cli/main.js';
import { type Deps, fixedClock, memoryOutput } from '../../src/platform/deps.js';

/** Runs the CLI in-process with captured output and a fixed clock, as `livectl <args>`. */
export async function runCli(
  args: string[],
  opts: { cwd?: string; now?: Date; env?: Record<string, string | undefined> } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = memoryOutput();
  const stderr = memoryOutput();
  const deps: Deps = {
    clock: fixedClock(opts.now ?? new Date('2026-11-26T04:00:00Z')),
    stdout,
    stderr,
    env: opts.env ?? {},
    cwd: opts.cwd ?? process.cwd(),
    stdinIsTTY: false,
  };
  const code = await main(['node', 'livectl', ...args], deps);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
