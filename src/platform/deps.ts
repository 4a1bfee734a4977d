/**
 * Ports: everything a use-case needs from the outside world comes in through Deps, so tests pass
 * real-but-local implementations (a temp dir, a fixed clock, a string sink) instead of mocking modules.
 */

/** The clock. Pure code never reads time itself; it is handed `now`. */
export interface Clock {
  now(): Date;
}

/** A text sink (stdout or stderr). `isTTY` decides spinners and prompts, `color` decides ANSI colour. */
export interface Output {
  write(text: string): void;
  readonly isTTY: boolean;
  readonly color: boolean;
}

export interface Deps {
  clock: Clock;
  stdout: Output;
  stderr: Output;
  /** Environment variables (secrets come only from here or a credentials file). */
  env: Readonly<Record<string, string | undefined>>;
  /** Working directory that relative CLI paths resolve against. */
  cwd: string;
  /** Whether standard input is an interactive terminal (prompts only then). */
  stdinIsTTY: boolean;
}

/** A clock fixed at one instant, for tests and for `--now`. */
export function fixedClock(at: Date): Clock {
  return { now: () => new Date(at.getTime()) };
}

/** An in-memory Output, for tests and for capturing a command's text. */
export function memoryOutput(opts: { isTTY?: boolean; color?: boolean } = {}): Output & { text(): string } {
  const chunks: string[] = [];
  return {
    write: (t: string) => {
      chunks.push(t);
    },
    isTTY: opts.isTTY ?? false,
    color: opts.color ?? false,
    text: () => chunks.join(''),
  };
}
