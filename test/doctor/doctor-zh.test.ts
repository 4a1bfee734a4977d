import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { copyExamples } from '../support/examples.js';

describe('doctor in Chinese', () => {
  it('names checks, findings and fixes in Chinese, aligned; the JSON report is the same', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'livectl-doctor-zh-'));
    copyExamples(dir);
    const args = ['doctor', 'goddess-day.yaml', '--now', '2026-11-26T12:00:00+08:00'];
    const zh = await runCli(args, { cwd: dir, env: { LANG: 'zh_CN.UTF-8' } });
    const en = await runCli(args, { cwd: dir });
    expect(zh.code).toBe(en.code);
    expect(zh.stdout).toContain('✔ 活动文件');
    expect(zh.stdout).toContain('未设置：LIVECTL_APP_SECRET（小程序 wx0123456789abcdef）');
    expect(zh.stdout).toContain('解决：在环境变量中设置 LIVECTL_APP_SECRET');
    expect(zh.stdout).toMatch(/1 个问题待解决（通过 \d+ 项，警告 \d+ 项，跳过 \d+ 项）/);
    // The findings start in one column: titles are padded by terminal width (a Chinese character is two).
    const columns = zh.stdout
      .split('\n')
      .filter((l) => /^ {2}[✔!✖-] /.test(l))
      .map((l) => {
        const title = l.slice(4).match(/^(.*?\S) {2,}/)![0];
        return [...title].reduce((w, ch) => w + (/[\u4e00-\u9fff：]/.test(ch) ? 2 : 1), 0);
      });
    expect(new Set(columns).size).toBe(1);
    const json = [...args, '--format', 'json'];
    expect((await runCli(json, { cwd: dir, env: { LANG: 'zh_CN.UTF-8' } })).stdout).toBe(
      (await runCli(json, { cwd: dir })).stdout,
    );
  });
});
