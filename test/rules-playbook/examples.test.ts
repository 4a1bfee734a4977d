import { describe, expect, it } from 'vitest';
import { validateFile, withCode } from '../support/validate.js';

const NOW = new Date('2026-11-26T12:00:00+08:00');

describe('example campaigns and the playbook', () => {
  it.each(['campaigns/goddess-day.yaml', 'campaigns/goddess-day-channels.yaml', 'campaigns/minimal.yaml'])(
    '%s gives no warning',
    async (file) => {
      // W_COUPONS_BY_HAND aside: the examples run without a WeChat Pay merchant on purpose (their
      // coupons stay a person's task), which is a setup choice, not playbook advice.
      const warnings = (await validateFile(file, NOW)).filter(
        (d) => d.severity === 'warning' && d.code !== 'W_COUPONS_BY_HAND',
      );
      expect(warnings.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`)).toEqual([]);
    },
  );

  it('goddess-day, validated on 2027-03-01, has missed the goods audit deadline (2027-02-25)', async () => {
    const list = await validateFile('campaigns/goddess-day.yaml', new Date('2027-03-01T10:00:00+08:00'));
    expect(withCode(list, 'W_AUDIT_DEADLINE')).toEqual([{ path: ['room', 'start'], line: 18, column: 10 }]);
    expect(list.find((d) => d.code === 'W_AUDIT_DEADLINE')?.message).toContain('2027-02-25');
  });
});
