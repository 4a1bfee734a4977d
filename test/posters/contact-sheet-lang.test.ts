import { cpSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { CAMPAIGNS, tempDir } from './support.js';

/**
 * `livectl posters` writes the contact sheet in the command's language: `--lang zh-CN` (or
 * LIVECTL_LANG, or a zh locale) gives its headings and timeline in Chinese, English stays the default.
 * One poster (--wave) keeps it quick: the sheet shows the whole campaign anyway.
 */
const NOW = '2026-11-26T12:00:00+08:00';
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function sheet(args: string[], env: Record<string, string> = {}): Promise<string> {
  const dir = tempDir();
  dirs.push(dir);
  cpSync(path.join(CAMPAIGNS, 'assets'), path.join(dir, 'assets'), { recursive: true });
  cpSync(path.join(CAMPAIGNS, 'goddess-day.yaml'), path.join(dir, 'campaign.yaml'));
  const r = await runCli(['posters', 'campaign.yaml', '--now', NOW, '--wave', 't-3d', ...args], {
    cwd: dir,
    env,
  });
  expect(r.code, r.stderr).toBe(0);
  return readFileSync(path.join(dir, 'out', 'goddess-day-2027', 'index.html'), 'utf8');
}

describe('the contact sheet in the command’s language', () => {
  it('--lang zh-CN, or a zh locale: Chinese headings and timeline', async () => {
    for (const html of [await sheet(['--lang', 'zh-CN']), await sheet([], { LANG: 'zh_CN.UTF-8' })]) {
      expect(html).toContain('<title>goddess-day-2027 · 海报总览</title>');
      expect(html).toContain('<h2>直播间分享海报</h2>');
      expect(html).toContain('<h2>预热</h2>');
      expect(html).toContain('<h3>提醒 t-3d</h3>');
      expect(html).not.toContain('Room share poster');
      expect(html).not.toContain('broadcast starts');
    }
  });

  it('English by default', async () => {
    const html = await sheet([]);
    expect(html).toContain('<title>goddess-day-2027 · posters</title>');
    expect(html).toContain('<h2>Room share poster</h2>');
    expect(html).toContain('<h3>wave t-3d</h3>');
  });
});
