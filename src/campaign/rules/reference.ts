import type { CrossFileRule, Rule } from './context.js';
import { crossFileRules, platformRules } from './platform/index.js';
import { playbookRules } from './playbook/index.js';
import { setupRules } from './setup/index.js';

/** Codes raised before rules run (file, YAML syntax and shape); YAML syntax codes are `E_YAML_<yaml code>`. */
export const STRUCTURE_CODES: readonly (readonly [string, string])[] = [
  ['E_FILE_NOT_FOUND', 'the file does not exist'],
  ['E_FILE_UNREADABLE', 'the file cannot be read'],
  [
    'E_NOT_A_FILE',
    'a folder, named pipe (FIFO), device or socket was given where a regular file was expected; refused before reading',
  ],
  ['E_FILE_TOO_LARGE', 'over 2 MB: not a campaign file'],
  ['E_NOT_TEXT', 'binary content (NUL bytes)'],
  [
    'E_ENCODING',
    'not UTF-8: names UTF-16/UTF-32 (by BOM or zero bytes), or points at the first bad byte (e.g. GBK); save as UTF-8',
  ],
  ['E_EMPTY_FILE', 'empty, or comments only'],
  ['E_YAML_TOO_DEEP', 'nesting deeper than 64 levels'],
  [
    'E_YAML_ALIAS_BOMB',
    'aliases (*name) that expand to more than 10,000 values in all (counts expansion size, not alias uses)',
  ],
  ['E_YAML_*', 'YAML syntax, e.g. E_YAML_DUPLICATE_KEY, E_YAML_TAB_AS_INDENT, E_YAML_MISSING_CHAR'],
  [
    'E_CONTROL_CHAR',
    'a key or value holds a control character (ESC, BEL, BS, NUL…; tab and newline are fine in values) or a bidi control (U+202A–202E, U+2066–2069); a raw control character in the file is reported at its exact place',
  ],
  ['E_INVISIBLE_TEXT', 'a value made only of zero-width characters'],
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
    (r) =>
      `| ${r.codes.map((c) => `\`${c}\``).join(', ')} | ${r.description.replace(/\|/g, '\\|')}${onlyOn(r)} |`,
  );
}

/** ` (channels only)` after the description of a rule of one platform. */
function onlyOn(r: Rule | CrossFileRule): string {
  return r.platforms && r.platforms.length === 1 ? ` (${r.platforms[0]} only)` : '';
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
