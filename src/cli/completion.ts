// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are shell script, where ${…} is shell syntax.
import type { Command, Option } from 'commander';
import { UsageError } from '../errors.js';

/**
 * `livectl completion bash|zsh`: a completion script generated from the commander program itself, so
 * every command and flag registered is completed, and a new one needs no edit here. Values of
 * `--format` (and any flag described as `a | b | c`) are completed too; other arguments complete files.
 */

export const SHELLS = ['bash', 'zsh'] as const;

interface Cmd {
  name: string;
  description: string;
  flags: { names: string[]; description: string; takesValue: boolean; values: string[] }[];
}

function describeProgram(program: Command): Cmd[] {
  return program.commands
    .filter((c) => !(c as Command & { _hidden?: boolean })._hidden)
    .map((c) => ({
      name: c.name(),
      description: c.description(),
      flags: [...c.options, helpOption()].map((o: Option) => ({
        names: [o.long, o.short].filter((n): n is string => Boolean(n)),
        description: o.description,
        takesValue: o.required || o.optional,
        values: o.argChoices ?? valuesFrom(o.description),
      })),
    }));
}

function helpOption(): Option {
  return {
    long: '--help',
    short: '-h',
    description: 'show help',
    required: false,
    optional: false,
  } as Option;
}

/** `text | json | github | junit` at the start of a description → its words. */
function valuesFrom(description: string): string[] {
  const m = /^([a-z0-9-]+(?: \| [a-z0-9-]+)+)(?:\s|$)/.exec(description);
  return m ? m[1]!.split(' | ') : [];
}

export function completionScript(shell: string, program: Command): string {
  if (!(SHELLS as readonly string[]).includes(shell))
    throw new UsageError(`unknown shell "${shell}"; livectl completion supports ${SHELLS.join(', ')}`);
  const cmds = describeProgram(program);
  return shell === 'bash' ? bashScript(cmds) : zshScript(cmds);
}

function bashScript(cmds: Cmd[]): string {
  const names = cmds.map((c) => c.name).join(' ');
  const valueCases = new Map<string, string>();
  for (const c of cmds)
    for (const f of c.flags)
      if (f.values.length) valueCases.set(`${c.name} ${f.names[0]}`, f.values.join(' '));
  const lines = [
    '# livectl bash completion. Load it with: source <(livectl completion bash)',
    '# or install it: livectl completion bash > /etc/bash_completion.d/livectl',
    '_livectl() {',
    '  local cur prev cmd opts',
    '  cur="${COMP_WORDS[COMP_CWORD]}"',
    '  prev="${COMP_WORDS[COMP_CWORD-1]}"',
    '  cmd="${COMP_WORDS[1]}"',
    '  COMPREPLY=()',
    '  if [ "$COMP_CWORD" -eq 1 ]; then',
    `    COMPREPLY=( $(compgen -W "${names} --help --version" -- "$cur") )`,
    '    return 0',
    '  fi',
    '  case "$cmd $prev" in',
    ...[...valueCases].map(
      ([k, v]) => `    "${k}") COMPREPLY=( $(compgen -W "${v}" -- "$cur") ); return 0 ;;`,
    ),
    '  esac',
    '  case "$cmd" in',
    ...cmds.map((c) => `    ${c.name}) opts="${c.flags.flatMap((f) => f.names).join(' ')}" ;;`),
    '    *) opts="" ;;',
    '  esac',
    '  if [[ "$cur" == -* ]]; then',
    '    COMPREPLY=( $(compgen -W "$opts" -- "$cur") )',
    '  else',
    '    COMPREPLY=( $(compgen -f -- "$cur") )',
    '  fi',
    '  return 0',
    '}',
    'complete -o default -F _livectl livectl',
  ];
  return `${lines.join('\n')}\n`;
}

/** Text safe inside a zsh single-quoted `_arguments` spec or `_describe` entry. */
function zq(s: string): string {
  return s
    .replace(/'/g, '')
    .replace(/[[\]:\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function zshScript(cmds: Cmd[]): string {
  const lines = [
    '#compdef livectl',
    '# livectl zsh completion. Load it with: source <(livectl completion zsh)',
    '# or install it: livectl completion zsh > "${fpath[1]}/_livectl"',
    '_livectl() {',
    '  local -a commands',
    '  commands=(',
    ...cmds.map((c) => `    '${c.name}:${zq(c.description)}'`),
    '  )',
    '  if (( CURRENT == 2 )); then',
    "    _describe 'command' commands",
    '    return',
    '  fi',
    '  case $words[2] in',
  ];
  for (const c of cmds) {
    const specs = c.flags.map((f) => {
      const value = f.takesValue ? `:value:${f.values.length ? `(${f.values.join(' ')})` : ''}` : '';
      const rest = `[${zq(f.description)}]${value}`;
      // zsh brace expansion (unquoted) gives one spec per name: {-y,--yes}'[…]'.
      return f.names.length > 1 ? `{${f.names.join(',')}}'${rest}'` : `'${f.names[0]}${rest}'`;
    });
    lines.push(`    ${c.name})`, `      _arguments -s ${specs.join(' ')} '*:file:_files'`, '      ;;');
  }
  lines.push(
    '  esac',
    '}',
    'if [[ $zsh_eval_context[-1] == loadautofunc ]]; then _livectl "$@"; else compdef _livectl livectl; fi',
  );
  return `${lines.join('\n')}\n`;
}
