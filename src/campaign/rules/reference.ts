import type { CrossFileRule, Rule } from './context.js';
import { crossFileRules, platformRules } from './platform/index.js';
import { playbookRules } from './playbook/index.js';
import { setupRules } from './setup/index.js';

/** Codes raised before rules run (file, YAML syntax and shape); YAML syntax codes are `E_YAML_<yaml code>`. */
export const STRUCTURE_CODES: readonly (readonly [string, string])[] = [
  ['E_FILE_NOT_FOUND', 'the file does not exist'],
  ['E_FILE_UNREADABLE', 'the file cannot be read'],
  ['E_NOT_A_FILE', 'a folder or device was given where a file was expected'],
  ['E_FILE_TOO_LARGE', 'over 2 MB: not a campaign file'],
  ['E_NOT_TEXT', 'binary content (NUL bytes)'],
  ['E_ENCODING', 'not UTF-8 (e.g. saved as GBK); points at the first bad byte'],
  ['E_EMPTY_FILE', 'empty, or comments only'],
  ['E_YAML_TOO_DEEP', 'nesting deeper than 64 levels'],
  ['E_YAML_ALIAS_BOMB', 'more than 100 alias expansions'],
  ['E_YAML_*', 'YAML syntax, e.g. E_YAML_DUPLICATE_KEY, E_YAML_TAB_AS_INDENT, E_YAML_MISSING_CHAR'],
  ['E_UNKNOWN_KEY', 'a key the model does not have, with "did you mean"'],
  ['E_REQUIRED', 'a required field is missing'],
  ['E_TYPE', 'a value of the wrong type'],
  ['E_VALUE', 'not one of the allowed values, with "did you mean"'],
  ['E_FORMAT', 'a value that does not match its pattern (times, ids, durations)'],
  ['E_RANGE', 'too small or too big (list lengths, numbers)'],
  ['E_CHANNEL_TYPE', 'a channel whose type (its name or `type:`) is unknown'],
  ['E_SHAPE', 'any other shape problem'],
];

function rows(rules: readonly (Rule | CrossFileRule)[]): string[] {
  return rules.map(
    (r) => `| ${r.codes.map((c) => `\`${c}\``).join(', ')} | ${r.description.replace(/\|/g, '\\|')} |`,
  );
}

/** The README's rule reference, generated so it cannot drift from the code (a test compares). */
export function rulesReferenceMarkdown(): string {
  return [
    '#### Structure (errors)',
    '',
    '| code | meaning |',
    '| --- | --- |',
    ...STRUCTURE_CODES.map(([c, m]) => `| \`${c}\` | ${m} |`),
    '',
    '#### Platform rules (errors: WeChat would reject it)',
    '',
    '| code | rule |',
    '| --- | --- |',
    ...rows(platformRules),
    ...rows(crossFileRules),
    '',
    '#### Playbook rules (warnings: the playbook advises otherwise; `--strict` makes them fail)',
    '',
    '| code | rule |',
    '| --- | --- |',
    ...rows(playbookRules),
    '',
    '#### Set-up rules (warnings: the file is valid but not ready for your accounts; `--strict` makes them fail)',
    '',
    '| code | rule |',
    '| --- | --- |',
    ...rows(setupRules),
  ].join('\n');
}
