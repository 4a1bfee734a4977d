import { styleText } from 'node:util';

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
  /** The questions asked on a terminal (apply's and destroy's confirm, init's wizard); default: inquirer. */
  prompt?: Prompt;
}

/** One question the wizard asks for text; `validate` answers true, or the message to show. */
export interface InputQuestion {
  message: string;
  default?: string;
  validate?: (v: string) => true | string;
}

export interface CheckboxQuestion<T extends string> {
  message: string;
  choices: { name: string; value: T; checked?: boolean }[];
  validate?: (v: readonly unknown[]) => true | string;
  /** The words of the keys' help line (navigate, select, all, invert, submit) when not English. */
  keys?: Readonly<Record<string, string>>;
}

/**
 * The prompt port: what a command asks a person at the terminal. Tests pass a scripted one
 * (`scriptedPrompt`); the CLI uses @inquirer/prompts, loaded only when a question is asked.
 */
export interface Prompt {
  /** A yes/no question; the default answer is no unless given. */
  confirm(message: string, opts?: { default?: boolean }): Promise<boolean>;
  input(q: InputQuestion): Promise<string>;
  checkbox<T extends string>(q: CheckboxQuestion<T>): Promise<T[]>;
}

/** @inquirer/prompts behind the port; the package is imported on the first question (startup time). */
export const inquirerPrompt: Prompt = {
  async confirm(message, opts) {
    const { confirm } = await import('@inquirer/prompts');
    return confirm({ message, default: opts?.default ?? false });
  },
  async input(q) {
    const { input } = await import('@inquirer/prompts');
    return input(q);
  },
  async checkbox(q) {
    const { checkbox } = await import('@inquirer/prompts');
    const words = q.keys;
    return (await checkbox({
      message: q.message,
      choices: q.choices,
      ...(q.validate ? { validate: (v: readonly unknown[]) => q.validate!(v) } : {}),
      // The help line as inquirer draws it, each action in the question's language.
      ...(words
        ? {
            theme: {
              style: {
                keysHelpTip: (keys: [string, string][]) =>
                  keys
                    .map(
                      ([key, action]) =>
                        `${styleText('bold', key)} ${styleText('dim', words[action] ?? action)}`,
                    )
                    .join(styleText('dim', ' • ')),
              },
            },
          }
        : {}),
    })) as never;
  },
};

/** The prompt a command asks with: the one in Deps, else inquirer. */
export function promptOf(deps: Pick<Deps, 'prompt'>): Prompt {
  return deps.prompt ?? inquirerPrompt;
}

/** A prompt for tests: the given answers; a question it was not given a script for fails the test. */
export function scriptedPrompt(script: Partial<Prompt>): Prompt {
  const unexpected = (kind: string, message: string) =>
    Promise.reject(new Error(`unexpected ${kind} prompt: ${message}`));
  return {
    confirm: script.confirm ?? ((m) => unexpected('confirm', m)),
    input: script.input ?? ((q) => unexpected('input', q.message)),
    checkbox: script.checkbox ?? ((q) => unexpected('checkbox', q.message)),
  };
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
