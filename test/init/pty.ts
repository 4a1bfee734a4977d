import { type ChildProcess, spawn } from 'node:child_process';

/**
 * Drives a command through a real pseudo-terminal with util-linux `script` (no native modules): the
 * child sees a TTY on stdin and stdout, we see everything it draws. Each step waits for a pattern in
 * the output, then types its answer.
 */
export interface PtyStep {
  expect: RegExp;
  send: string;
}

export interface PtyResult {
  code: number | null;
  output: string;
}

/** Strips ANSI escapes (colours, cursor moves) so tests match plain text. */
export function plain(s: string): string {
  return s.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '').replace(/\u001b[()][0-9A-B]/g, '');
}

export function runInPty(
  command: string,
  opts: { cwd: string; env?: NodeJS.ProcessEnv; steps: PtyStep[]; timeoutMs?: number },
): Promise<PtyResult> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn('script', ['-qfec', command, '/dev/null'], {
      cwd: opts.cwd,
      env: { ...process.env, TERM: 'xterm', COLUMNS: '120', LINES: '40', ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    let seen = 0; // how much of the output earlier steps consumed
    const steps = [...opts.steps];
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `pty timed out waiting for ${steps[0]?.expect ?? 'exit'}\n--- output ---\n${plain(output)}`,
        ),
      );
    }, opts.timeoutMs ?? 20_000);
    const advance = () => {
      while (steps.length) {
        const text = plain(output.slice(seen));
        const m = steps[0]!.expect.exec(text);
        if (!m) return;
        seen = output.length;
        child.stdin!.write(steps.shift()!.send);
      }
    };
    child.stdout!.on('data', (d: Buffer) => {
      output += d.toString('utf8');
      advance();
    });
    child.stderr!.on('data', (d: Buffer) => {
      output += d.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (steps.length) {
        reject(new Error(`exited (${code}) before ${steps[0]!.expect}\n--- output ---\n${plain(output)}`));
        return;
      }
      resolve({ code, output: plain(output) });
    });
  });
}
