import { describe, expect, it } from 'vitest';
import { crossFileRules, platformRules } from '../campaign/rules/platform/index.js';
import { playbookRules } from '../campaign/rules/playbook/index.js';
import { STRUCTURE_CODES as DOCUMENTED_STRUCTURE } from '../campaign/rules/reference.js';
import { setupRules } from '../campaign/rules/setup/index.js';
import {
  DIAGNOSTIC_CODES,
  INTERNAL_CODES,
  isDiagnosticCode,
  RULE_ERROR_CODES,
  STRUCTURE_CODES,
  WARNING_CODES,
} from './codes.js';

const ruleCodes = new Set(
  [...platformRules, ...crossFileRules, ...playbookRules, ...setupRules].flatMap((r) => [...r.codes]),
);

describe('the diagnostic codes', () => {
  it('every code of the table is emitted by a rule or documented as a structure code (no dead codes)', () => {
    const documented = new Set(DOCUMENTED_STRUCTURE.map(([c]) => c));
    const unused = DIAGNOSTIC_CODES.filter(
      (c) =>
        !ruleCodes.has(c) &&
        !documented.has(c) &&
        c !== 'E_YAML_SYNTAX' &&
        !(INTERNAL_CODES as readonly string[]).includes(c),
    );
    expect(unused).toEqual([]);
  });

  it('errors start with E_, warnings with W_, and no code is listed twice', () => {
    for (const c of [...STRUCTURE_CODES, ...RULE_ERROR_CODES, ...INTERNAL_CODES]) expect(c).toMatch(/^E_/);
    for (const c of WARNING_CODES) expect(c).toMatch(/^W_/);
    expect(new Set(DIAGNOSTIC_CODES).size).toBe(DIAGNOSTIC_CODES.length);
  });

  it('the structure codes the README documents are codes of the table (E_YAML_* stands for the syntax codes)', () => {
    for (const [c] of DOCUMENTED_STRUCTURE)
      expect(isDiagnosticCode(c.replace('*', 'DUPLICATE_KEY'))).toBe(true);
  });

  it('recognises codes read back as strings', () => {
    expect(isDiagnosticCode('W_SINGLE_WAVE')).toBe(true);
    expect(isDiagnosticCode('E_YAML_TAB_AS_INDENT')).toBe(true);
    expect(isDiagnosticCode('E_ROOM_NAME_WIDHT')).toBe(false);
  });
});
