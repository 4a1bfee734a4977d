import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { playbookRules } from '../../src/campaign/rules/playbook/index.js';
import { validateYaml } from '../support/validate.js';

const clean = readFileSync('test/fixtures/playbook/clean.yaml', 'utf8');
const NOW = new Date('2026-11-26T12:00:00+08:00');

describe('playbook rules on broken input', () => {
  it.each([
    [
      'an unknown time zone with an absolute start',
      (s: string) =>
        s
          .replace('timezone: Asia/Shanghai', 'timezone: Mars/Olympus')
          .replace('2026-12-10T19:30', '2026-12-10T19:30+08:00'),
    ],
    ['an unresolvable start', (s: string) => s.replace('2026-12-10T19:30', '2026-02-30T19:30')],
    ['no during and no after', (s: string) => s.slice(0, s.indexOf('during:'))],
  ])('%s: no rule crashes', async (_name, edit) => {
    const list = await validateYaml(edit(clean), NOW);
    const crashes = list.filter((d) => d.code === 'E_INTERNAL_RULE').map((d) => d.message);
    // Only the playbook rules are this suite's business.
    const ours = crashes.filter((m) => playbookRules.some((r) => m.startsWith(`rule "${r.id}"`)));
    expect(ours).toEqual([]);
  });
});
