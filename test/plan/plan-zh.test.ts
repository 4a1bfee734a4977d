import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { copyExamples } from '../support/examples.js';

const NOW = '2026-11-26T12:00:00+08:00';
const ZH = { LANG: 'zh_CN.UTF-8' };
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'livectl-plan-zh-'));
  copyExamples(dir);
});

const han = /[\u4e00-\u9fff]/;

describe('plan in Chinese', () => {
  it('reads in Chinese: header, every change and task, summary, legend; the JSON plan is the same', async () => {
    const args = ['plan', 'goddess-day.yaml', '--now', NOW, '--no-posters'];
    const zh = await runCli(args, { cwd: dir, env: ZH });
    const en = await runCli(args, { cwd: dir });
    expect(zh.code).toBe(en.code);
    const lines = zh.stdout.split('\n');
    expect(lines[0]).toMatch(/^goddess-day-2027 的执行计划（goddess-day\.yaml，状态序号 0，生成于 /);
    const rows = lines.filter((l) => /^ {2}[+~*!-] \S/.test(l) || /^-\/\+ /.test(l));
    expect(rows.length).toBeGreaterThan(20);
    for (const row of rows) expect(row, row).toMatch(han);
    const tasks = lines.filter((l) => l.startsWith('  [ ] '));
    expect(tasks.length).toBeGreaterThan(5);
    for (const task of tasks)
      expect(task, task).not.toMatch(/\b(confirm|set up|WeCom|anchor|merchant|stackable)\b/);
    expect(zh.stdout).toContain('计划：新建 ');
    expect(zh.stdout).toContain('+ 新建  ~ 更新  - 删除');
    expect(zh.stdout).toContain('人工待办（');
    expect(zh.stderr).toContain('提示：');

    const json = [...args, '--format', 'json'];
    const zhJson = await runCli(json, { cwd: dir, env: ZH });
    const enJson = await runCli(json, { cwd: dir });
    expect(zhJson.stdout).toBe(enJson.stdout);
  });

  it('the 视频号 example reads in Chinese too: reservation, 小店 and 橱窗 changes, tasks for people; no English sentence left', async () => {
    const args = ['plan', 'goddess-day-channels.yaml', '--now', NOW, '--no-posters'];
    const zh = await runCli(args, { cwd: dir, env: ZH });
    const en = await runCli(args, { cwd: dir });
    expect(zh.code).toBe(en.code);
    const lines = zh.stdout.split('\n');
    expect(lines[0]).toMatch(
      /^goddess-day-channels 的执行计划（goddess-day-channels\.yaml，状态序号 0，生成于 /,
    );
    const rows = lines.filter((l) => /^ {2}[+~*!-] \S/.test(l) || /^-\/\+ /.test(l));
    expect(rows.length).toBeGreaterThan(20);
    for (const row of rows) expect(row, row).toMatch(han);
    const tasks = lines.filter((l) => l.startsWith('  [ ] '));
    expect(tasks.length).toBeGreaterThan(5);
    // Three English words in a row is a sentence left untranslated (ids, paths and lists have no such run).
    const sentence = /\b[A-Za-z]+ [A-Za-z]+ [A-Za-z]+\b/;
    for (const line of lines) expect(line, line).not.toMatch(sentence);
    expect(zh.stdout).toContain('还没有找到直播预约：在视频号里创建 2027-03-08 20:00 开播的直播预约');
    expect(zh.stdout).toContain('商品上架后放进视频号橱窗');
    expect(zh.stdout).toContain(
      '视频号助手管理员：在 视频号助手 → 直播 → 直播管理 → 开放能力 → 开放场景 里打开',
    );
    expect(zh.stdout).toContain('直播间助理：在视频号直播中控台推送优惠券 all-hands-20 "口红立减20"');

    const json = [...args, '--format', 'json'];
    const zhJson = await runCli(json, { cwd: dir, env: ZH });
    const enJson = await runCli(json, { cwd: dir });
    expect(zhJson.stdout).toBe(enJson.stdout);
  });
});
