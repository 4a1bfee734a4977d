import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { CAMPAIGNS, tempDir } from './support.js';

/** `livectl posters` in Chinese: what was written and where the contact sheet is; the JSON unchanged. */

const NOW = '2026-11-26T12:00:00+08:00';
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function copyExample(): string {
  const dir = tempDir();
  dirs.push(dir);
  cpSync(path.join(CAMPAIGNS, 'assets'), path.join(dir, 'assets'), { recursive: true });
  cpSync(path.join(CAMPAIGNS, 'goddess-day.yaml'), path.join(dir, 'campaign.yaml'));
  return dir;
}

describe('livectl posters in Chinese', () => {
  it('lists the posters, the codes and the contact sheet in Chinese; --format json is the English one', async () => {
    const dir = copyExample();
    const r = await runCli(['posters', 'campaign.yaml', '--now', NOW], {
      cwd: dir,
      env: { LIVECTL_LANG: 'zh-CN' },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`goddess-day-2027 的海报 → ${path.join('out', 'goddess-day-2027')}${path.sep}`);
    expect(r.stdout).toMatch(/wave-t-3d\.png\s+teaser\s+750×1334\s+预览二维码/);
    expect(r.stdout).toMatch(/index\.html\s+总览页：打开它查看整场活动/);
    // Past the file name, the template and the size, no English is left.
    for (const l of lines.slice(1))
      expect(l.replace(/^ {2}\S+ +(\S+ +\d+×\d+ +)?/, '').replace('livectl validate', ''), l).not.toMatch(
        /[A-Za-z]{3,}/,
      );

    const json = await runCli(
      ['posters', 'campaign.yaml', '--now', NOW, '--format', 'json', '--lang', 'zh-CN'],
      {
        cwd: dir,
      },
    );
    const en = await runCli(['posters', 'campaign.yaml', '--now', NOW, '--format', 'json'], { cwd: dir });
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(en.stdout));
  });
});
