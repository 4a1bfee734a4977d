/**
 * The goods audit deadline: 7 Chinese working days before the broadcast day, holidays and make-up
 * workdays counted; more than 500 goods take several days of submissions; years outside the
 * calendar data are guessed with weekends only and said so only when it matters.
 */
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateFile, validateYaml, withCode } from '../support/validate.js';

const fixture = (name: string) => `test/fixtures/playbook/${name}.yaml`;
const START = { path: ['room', 'start'], line: 12, column: 10 };

async function found(name: string, now: string) {
  const list = await validateFile(fixture(name), new Date(now));
  return {
    deadline: withCode(list, 'W_AUDIT_DEADLINE'),
    uncovered: withCode(list, 'W_CALENDAR_UNCOVERED'),
    days: withCode(list, 'W_AUDIT_DAYS'),
    message: list.find((d) => d.code === 'W_AUDIT_DEADLINE')?.message ?? '',
  };
}

/** clean.yaml with its products replaced by `count` generated ones, validated beside its images. */
async function withProducts(count: number, now: string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'livectl-playbook-'));
  cpSync('test/fixtures/playbook/assets', path.join(dir, 'assets'), { recursive: true });
  const lines = readFileSync(fixture('clean'), 'utf8').split('\n');
  const first = lines.indexOf('products:');
  const products = Array.from(
    { length: count },
    (_, i) =>
      `  - { id: tea-${i}, name: 明前龙井${i}号, image: assets/tea.png, price: { type: fixed, amount: 168 }, page: pages/goods/detail?id=${i} }`,
  );
  const yaml = [...lines.slice(0, first + 1), ...products, ...lines.slice(first + 3)]
    .join('\n')
    .replace('    - { product: longjing, at: +35m }\n', '')
    .replace('  groupBuys:\n', '');
  return validateYaml(yaml, new Date(now), dir);
}

describe('W_AUDIT_DEADLINE', () => {
  // clean.yaml starts Thursday 2026-12-10: 7 working days before is Tuesday 2026-12-01.
  it('is quiet up to the end of the deadline day', async () => {
    expect((await found('clean', '2026-12-01T23:59:00+08:00')).deadline).toEqual([]);
  });

  it('is reported at room.start from the day after, with the date', async () => {
    const r = await found('clean', '2026-12-02T00:00:00+08:00');
    expect(r.deadline).toEqual([START]);
    expect(r.message).toContain('2026-12-01');
  });

  it('reads the day in the campaign zone, not UTC', async () => {
    // 2026-12-01T16:30Z is already 12-02 00:30 in Shanghai.
    expect((await found('clean', '2026-12-01T16:30:00Z')).deadline).toEqual([START]);
  });

  it('counts Golden Week and its make-up Saturday', async () => {
    // Tuesday 2026-10-13: Mon 12, Sat 10 (make-up), Fri 9, Thu 8, 9-30, 9-29, 9-28. Weekends only
    // would have said 2026-10-02, and 9-29 would look safe.
    expect((await found('golden-week', '2026-09-28T20:00:00+08:00')).deadline).toEqual([]);
    const r = await found('golden-week', '2026-09-29T10:00:00+08:00');
    expect(r.deadline).toEqual([START]);
    expect(r.message).toContain('2026-09-28');
    expect(r.uncovered).toEqual([]);
  });

  it('is not reported once the broadcast has started', async () => {
    expect((await found('clean', '2026-12-10T19:30:00+08:00')).deadline).toEqual([]);
  });

  it('is not reported for a campaign without goods', async () => {
    expect(withCode(await withProducts(0, '2026-12-05T10:00:00+08:00'), 'W_AUDIT_DEADLINE')).toEqual([]);
  });
});

describe('W_AUDIT_DAYS', () => {
  it('is reported on the products key above 500 goods, and moves the deadline a working day earlier', async () => {
    const list = await withProducts(501, '2026-12-01T10:00:00+08:00');
    expect(withCode(list, 'W_AUDIT_DAYS')).toEqual([{ path: ['products'], line: 16, column: 1 }]);
    // Two days of submissions: the first batch was due 8 working days before, Monday 2026-11-30.
    expect(withCode(list, 'W_AUDIT_DEADLINE')).toEqual([START]);
    expect(list.find((d) => d.code === 'W_AUDIT_DEADLINE')?.message).toContain('2026-11-30');
  });

  it('is not reported at exactly 500 goods', async () => {
    const list = await withProducts(500, '2026-12-01T10:00:00+08:00');
    expect(withCode(list, 'W_AUDIT_DAYS')).toEqual([]);
    expect(withCode(list, 'W_AUDIT_DEADLINE')).toEqual([]);
  });
});

describe('W_CALENDAR_UNCOVERED (2027 is not in the calendar data)', () => {
  // goddess-day-2027.yaml starts Monday 2027-03-08; weekends only, the deadline is Thursday 02-25.
  it('stays quiet months ahead, when no holiday could change the answer', async () => {
    expect(await found('goddess-day-2027', '2026-11-26T12:00:00+08:00')).toMatchObject({
      deadline: [],
      uncovered: [],
    });
    expect((await found('goddess-day-2027', '2027-02-10T12:00:00+08:00')).uncovered).toEqual([]);
  });

  it('is reported within 14 days before the guessed deadline', async () => {
    expect(await found('goddess-day-2027', '2027-02-11T12:00:00+08:00')).toMatchObject({
      deadline: [],
      uncovered: [START],
    });
  });

  it('is reported beside the deadline while make-up workdays could still move it', async () => {
    expect(await found('goddess-day-2027', '2027-03-01T10:00:00+08:00')).toMatchObject({
      deadline: [START],
      uncovered: [START],
    });
  });

  it('is not reported once the deadline has passed beyond doubt', async () => {
    expect(await found('goddess-day-2027', '2027-03-05T10:00:00+08:00')).toMatchObject({
      deadline: [START],
      uncovered: [],
    });
  });
});
