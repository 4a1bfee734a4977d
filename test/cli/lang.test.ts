import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerCommands } from '../../src/cli/commands/index.js';
import { HELP_ZH } from '../../src/i18n/help-zh.js';
import { edit, freshDir } from '../rules-platform/harness.js';
import { runCli } from '../support/cli.js';

const ZH = { LANG: 'zh_CN.UTF-8' };

describe('--lang and the locale', () => {
  it('prints help in Chinese under a Chinese locale, in English by default and with --lang en', async () => {
    const zh = await runCli(['plan', '--help'], { env: ZH });
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain('用法：livectl plan');
    expect(zh.stdout).toContain('预览 apply 会做什么');
    expect(zh.stdout).toContain('选项：');
    const en = await runCli(['plan', '--help'], { env: { ...ZH, LIVECTL_LANG: 'en' } });
    expect(en.stdout).toContain('Usage: livectl plan');
    expect(en.stdout).not.toMatch(/[\u4e00-\u9fff]{4}/);
    const flag = await runCli(['plan', '--help', '--lang', 'en'], { env: ZH });
    expect(flag.stdout).toBe(en.stdout);
    const plain = await runCli(['plan', '--help']);
    expect(plain.stdout).toBe(en.stdout);
  });

  it('refuses an unknown --lang as a usage error', async () => {
    const r = await runCli(['validate', 'x.yaml', '--lang', 'fr']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--lang must be zh-CN or en');
  });

  it('gives usage errors in Chinese, and the same JSON failure document with Chinese words', async () => {
    const text = await runCli(['plan', '--bogus'], { env: ZH });
    expect(text.code).toBe(2);
    expect(text.stderr).toContain("错误：未知选项 '--bogus'");
    const zh = await runCli(['validate', 'x.yaml', '--now', 'soon', '--format', 'json'], { env: ZH });
    const en = await runCli(['validate', 'x.yaml', '--now', 'soon', '--format', 'json']);
    expect(zh.code).toBe(en.code);
    const zhDoc = JSON.parse(zh.stdout);
    const enDoc = JSON.parse(en.stdout);
    expect(Object.keys(zhDoc.error)).toEqual(Object.keys(enDoc.error));
    expect(zhDoc.error.kind).toBe(enDoc.error.kind);
    expect(zhDoc.error.message).toContain('需要 ISO-8601 时刻');
    expect(enDoc.error.message).toContain('expects an ISO-8601 instant');
  });

  it('has Chinese help for every command, argument and option', () => {
    const program = new Command('livectl');
    registerCommands(program, { deps: {} as never, setExitCode: () => {} });
    const missing: string[] = [];
    for (const cmd of program.commands) {
      const h = HELP_ZH[cmd.name()];
      if (!h) {
        missing.push(cmd.name());
        continue;
      }
      for (const a of cmd.registeredArguments)
        if (h.args?.[a.name()] === undefined) missing.push(`${cmd.name()} <${a.name()}>`);
      for (const o of cmd.options)
        if (h.options?.[o.long ?? o.short ?? ''] === undefined) missing.push(`${cmd.name()} ${o.flags}`);
      if (h.after === undefined) missing.push(`${cmd.name()} (text after the options)`);
    }
    expect(missing, 'add these to src/i18n/help-zh.ts').toEqual([]);
  });

  it('validates in Chinese: same exit code, codes, places and JSON shape; message and hint in Chinese', async () => {
    const dir = freshDir();
    const file = path.join(dir, 'campaign.yaml');
    writeFileSync(file, edit('name: 女神节直播专场', 'name: 女神', edit('at: -30m', 'at: +30m')));
    const now = ['--now', '2026-11-26T12:00:00+08:00'];
    const shape = (doc: { files: { diagnostics: Record<string, unknown>[] }[] }) =>
      doc.files.flatMap((f) =>
        f.diagnostics.map((d) => ({
          ...d,
          message: typeof d.message,
          hint: typeof d.hint,
          keys: Object.keys(d),
        })),
      );
    const en = await runCli(['validate', file, ...now, '--format', 'json']);
    const zh = await runCli(['validate', file, ...now, '--format', 'json'], { env: ZH });
    expect(zh.code).toBe(en.code);
    expect(en.code).toBe(1);
    const enDoc = JSON.parse(en.stdout);
    const zhDoc = JSON.parse(zh.stdout);
    expect(shape(zhDoc)).toEqual(shape(enDoc));
    expect(zhDoc.summary).toEqual(enDoc.summary);
    const width = zhDoc.files[0].diagnostics.find((d: { code: string }) => d.code === 'E_ROOM_NAME_WIDTH');
    expect(width.message).toBe('直播间名称 "女神" 宽度为 4；微信允许 6–34（一个汉字算 2）');
    expect(JSON.stringify(enDoc)).not.toContain('"args"');
    const text = await runCli(['validate', file, ...now, '--lang', 'zh-CN']);
    expect(text.stdout).toMatch(/检查了 1 个文件：\d+ 个错误，\d+ 个警告/);
    expect(text.stdout).toContain('提示：加长到至少 3 个汉字');
    for (const format of ['github', 'junit']) {
      const a = await runCli(['validate', file, ...now, '--format', format]);
      const b = await runCli(['validate', file, ...now, '--format', format, '--lang', 'zh-CN']);
      const skeleton = (s: string) =>
        s
          .replace(/::[^\n]*/g, '::')
          .replace(/>[^<]*</g, '><')
          .replace(/message="[^"]*"/g, 'message=""');
      expect(skeleton(b.stdout)).toEqual(skeleton(a.stdout));
    }
  });

  it('reports common failures in Chinese, the JSON envelope keeping its keys', async () => {
    const dir = freshDir();
    const zh = await runCli(['dispatch', '--state', path.join(dir, 'none.db')], { env: ZH });
    expect(zh.code).toBe(1);
    expect(zh.stderr).toContain('没有状态库（路径由 --state 指定）');
    expect(zh.stderr).toContain('提示：`livectl apply` 会把状态库写在活动文件旁');
    const args = [
      'apply',
      path.join(dir, 'campaign.yaml'),
      '--format',
      'json',
      '--now',
      '2026-11-26T12:00:00+08:00',
    ];
    const zhJson = JSON.parse((await runCli(args, { env: ZH })).stdout);
    const enJson = JSON.parse((await runCli(args)).stdout);
    expect(Object.keys(zhJson.error)).toEqual(Object.keys(enJson.error));
    expect(zhJson.error.message).toContain('apply 需要 --yes');
    expect(enJson.error.message).toContain('apply needs --yes');
  });
});
