import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runInPty } from './pty.js';

/**
 * `livectl init --lang zh-CN` in a real terminal (util-linux `script`), with the built CLI: what
 * inquirer draws — the questions, a re-prompt, the channel list and its key help line — is Chinese.
 */
const BIN = fileURLToPath(new URL('../../bin/livectl.js', import.meta.url));
const NOW = '2026-11-26T12:00:00+08:00';
const ENTER = '\r';
const BACKSPACE = '\u007f';
const dir = mkdtempSync(path.join(tmpdir(), 'livectl-init-pty-zh-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const hasScript = existsSync('/usr/bin/script') || existsSync('/bin/script');

describe.skipIf(!hasScript)('livectl init in a terminal, in Chinese', () => {
  it('asks in Chinese, re-prompts in Chinese, and writes the campaign', async () => {
    const flags =
      '--id spring-tea --duration 2h --anchor-name 茶师小林 --anchor-wechat tea_lin01 --coupon none --app-id wx5a1b2c3d4e5f6a7b';
    const r = await runInPty(`node ${BIN} init cha.yaml --lang zh-CN --now ${NOW} ${flags}`, {
      cwd: dir,
      steps: [
        { expect: /直播间名称（观众看得到）/, send: `春茶上新直播专场${ENTER}` },
        { expect: /开播时间（日期和时间，Asia\/Shanghai）/, send: `x${ENTER}` },
        {
          expect: /开播时间写成 2027-03-08 20:00 这样（当地时间）/,
          send: `${BACKSPACE}2027-01-15 19:30${ENTER}`,
        },
        { expect: /商品 1：名称/, send: `明前龙井250克${ENTER}` },
        { expect: /商品 1：价格/, send: `168${ENTER}` },
        { expect: /商品 1：小程序页面路径/, send: ENTER },
        { expect: /商品 1：商品图/, send: ENTER },
        { expect: /再加一件商品吗？/, send: `n${ENTER}` },
        { expect: /上下移动 • space 勾选 • a 全选 • i 反选 • ⏎ 确定/, send: ENTER },
        { expect: /企业微信 CorpID/, send: ENTER },
        { expect: /企业微信应用的 AgentId/, send: ENTER },
        { expect: /负责群发的企业微信成员/, send: `xiaolin${ENTER}` },
      ],
    });
    expect(r.output).toContain('你有哪些渠道？（空格勾选，回车继续）');
    expect(r.output).toContain('企业微信朋友圈（导购发的朋友圈）');
    expect(r.output).not.toMatch(/navigate|submit/);
    expect(r.output).toContain(
      '已写入 cha.yaml（1 件商品，按打法在 wecom-groups、wecom-moments 上安排四波预热）',
    );
    expect(r.output).toContain('占位账号：企业微信 CorpID ww0000000000000000');
    expect(r.output).toContain('下一步：');
    expect(r.code).toBe(0);
    const text = readFileSync(path.join(dir, 'cha.yaml'), 'utf8');
    expect(text).toContain('start: 2027-01-15T19:30');
    expect(text).toContain('senders: [xiaolin]');
    expect(text).toContain('# 打法里的四波预热');
  }, 60_000);
});
