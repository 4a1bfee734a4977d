import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/plan/types.js';
import { runCli } from '../support/cli.js';
import { copyExamples } from '../support/examples.js';

const NOW = '2026-11-26T12:00:00+08:00';
const FILE = 'goddess-day-channels.yaml';
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'livectl-channels-'));
  copyExamples(dir);
});

describe('the bundled 视频号 example', () => {
  it('validates clean', async () => {
    const r = await runCli(['validate', FILE, '--format', 'json', '--now', NOW], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary).toMatchObject({ files: 1, errors: 0, warnings: 0, ok: true });
  });

  it('plans offline: the reservation for a person, the 小店 resources, codes after the reservation', async () => {
    const r = await runCli(['plan', FILE, '--no-posters', '--format', 'json', '--now', NOW], { cwd: dir });
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout) as Plan;
    const kinds = [...new Set(plan.changes.map((c) => c.address.split('/')[0]))];
    expect(kinds).toEqual([
      'reservation',
      'store-image',
      'store-product',
      'showcase',
      'store-coupon',
      'code',
      'poster',
      'menu',
      'reminder',
    ]);
    expect(plan.summary).toEqual({ create: 34, update: 0, delete: 0, noop: 0, wait: 0, human: 1 });
    expect(plan.changes.find((c) => c.address === 'reservation')?.reason).toMatch(
      /create a live reservation for 2027-03-08 20:00, described "女神节直播专场"/,
    );
    expect(plan.changes.find((c) => c.address === 'code/t-3d')?.dependsOn).toEqual(['reservation']);
    expect(plan.tasks.map((t) => t.kind)).toContain('channels-reservation');
    expect(existsSync(path.join(dir, '.livectl'))).toBe(false);
  });

  it('draws its posters: 预约直播 and the live page code', async () => {
    const r = await runCli(['plan', FILE, '--now', NOW], { cwd: dir });
    expect(r.code).toBe(0);
    expect(existsSync(path.join(dir, 'out', 'goddess-day-channels', 'wave-t-3d.png'))).toBe(true);
  });
});
