import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { fixedClock, memoryOutput, type Prompt, scriptedPrompt } from '../../src/platform/deps.js';
import { runCli } from '../support/cli.js';

/** 2026-11-26 12:00 in Shanghai: the default start is 30 days later at 20:00. */
const NOW = new Date('2026-11-26T04:00:00Z');
const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'livectl-init-zh-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** `livectl init` on a terminal, in-process: the wizard's questions answered through the Prompt port. */
async function runWizard(args: string[], prompt: Prompt, cwd: string, env: Record<string, string> = {}) {
  const stdout = memoryOutput();
  const stderr = memoryOutput();
  const code = await main(['node', 'livectl', 'init', ...args], {
    clock: fixedClock(NOW),
    stdout,
    stderr,
    env,
    cwd,
    stdinIsTTY: true,
    prompt,
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** A person who answers the Chinese questions below and takes every other default. */
function person(asked: string[]): Prompt {
  const typed: Record<string, string> = {
    '直播间名称（观众看得到）': '春茶上新直播专场',
    '开播时间（日期和时间，Asia/Shanghai）': '2027-01-15 19:30',
    '活动 ID（小写字母、数字或 -）': 'spring-tea',
    '主播昵称（显示在直播间里）': '茶师小林',
    '主播微信号（须已实名认证）': 'tea_lin01',
    '商品 1：名称': '明前龙井250克',
    '商品 1：价格（129 一口价 · 299-499 价格区间 · 199>129 划线价）': '199>168',
    '小程序 AppID': 'wx5a1b2c3d4e5f6a7b',
  };
  return scriptedPrompt({
    input: async (q) => {
      asked.push(q.message);
      const answer = typed[q.message] ?? q.default;
      if (answer === undefined) throw new Error(`unexpected question: ${q.message}`);
      expect(q.validate?.(answer) ?? true).toBe(true);
      return answer;
    },
    confirm: async (message) => {
      asked.push(message);
      return message === '发预热券吗（开播前 3 天和前 1 天随预热发出）？';
    },
    checkbox: async (q) => {
      asked.push(q.message);
      return ['wecom-groups', 'official-account', 'robot'] as never;
    },
  });
}

/** The campaign without its comments: the values init writes, whatever the language. */
const values = (yaml: string) =>
  yaml
    .split('\n')
    .filter((l) => !l.startsWith('#'))
    .map((l) => l.replace(/\s+# .*$/, ''))
    .join('\n');

/** English words left in a Chinese text, once the codes, ids, paths, flags and commands are taken out. */
const englishIn = (text: string) =>
  text
    .replace(/livectl \w+|--[a-z-]+|W_[A-Z_]+|AppID|CorpID|access_token|apply|validate/g, '')
    .replace(
      /[\w./-]*(?:\.yaml|\.png)|\b(?:wx|ww)[0-9a-f]{16}\b|your_wecom_userid|\brobot\b|[a-z]+(?:-[a-z]+)+/g,
      '',
    )
    .match(/[A-Za-z]{3,}/g) ?? [];

describe('livectl init in Chinese', () => {
  it('the wizard asks in Chinese and says what it wrote in Chinese; the values are those of English', async () => {
    const dir = tempDir();
    const asked: string[] = [];
    const r = await runWizard(['tea.yaml'], person(asked), dir, { LIVECTL_LANG: 'zh-CN' });
    expect(r.code).toBe(0);
    expect(asked).toEqual([
      '直播间名称（观众看得到）',
      '开播时间（日期和时间，Asia/Shanghai）',
      '活动 ID（小写字母、数字或 -）',
      '直播时长',
      '主播昵称（显示在直播间里）',
      '主播微信号（须已实名认证）',
      '商品 1：名称',
      '商品 1：价格（129 一口价 · 299-499 价格区间 · 199>129 划线价）',
      '商品 1：小程序页面路径',
      '商品 1：商品图（PNG/JPEG，不超过 300×300；留空则用占位图）',
      '再加一件商品吗？',
      '发预热券吗（开播前 3 天和前 1 天随预热发出）？',
      '优惠券：使用门槛，满多少元可用（0 为无门槛）',
      '优惠券：减多少元',
      '优惠券：发多少张',
      '你有哪些渠道？（空格勾选，回车继续）',
      '小程序 AppID',
      '企业微信 CorpID',
      '企业微信应用的 AgentId',
      '负责群发的企业微信成员（userid，用逗号分隔）',
      '公众号 AppID',
    ]);
    expect(r.stdout).toBe(
      '已写入 tea.yaml（1 件商品，按打法在 wecom-groups、official-account、robot 上安排四波预热）\n' +
        '  占位图：assets/spring-tea/cover.png、assets/spring-tea/share.png、assets/spring-tea/feeds.png、assets/spring-tea/product-1.png（请换成你自己的图片）\n' +
        '  占位账号：企业微信 CorpID ww0000000000000000，企业微信发送成员 your_wecom_userid，公众号 AppID wx0000000000000001\n' +
        '    apply 之前换成你自己的（--corp-id、--senders、--oa-app-id，或直接编辑文件）；在此之前 validate 会给出 W_PLACEHOLDER_ACCOUNT 警告\n' +
        '\n下一步：\n' +
        '  livectl validate tea.yaml\n' +
        '  livectl plan tea.yaml       # 变更、时间线和海报\n' +
        '  livectl doctor tea.yaml     # 密钥、access_token 和直播权限\n',
    );
    expect(englishIn(r.stdout)).toEqual([]);
    // The one warning (coupons stay a person's task) is in Chinese too.
    expect(r.stderr).toContain('warning[W_COUPONS_BY_HAND] 3 张优惠券不会被创建');
    expect(r.stderr).toContain('检查了 1 个文件：0 个错误，1 个警告');

    const zh = readFileSync(path.join(dir, 'tea.yaml'), 'utf8');
    expect(zh).toContain('# 春茶上新直播专场：由 `livectl init` 生成。');
    expect(zh).toContain('# 打法里的四波预热：只发一波（一波流）很快就被忘了。');
    expect(zh).toContain('  wecom-groups:                # 由这些企业微信成员群发到客户群');
    // Its comments are Chinese too, but for the names of fields, variables, files and formats.
    const comments = zh
      .split('\n')
      .filter((l) => l.includes('# ') && !l.startsWith('# yaml-language-server'))
      .map((l) => l.slice(l.indexOf('# ')));
    expect(comments.length).toBeGreaterThan(20);
    const names =
      /\{[^}]*\}|`[^`]*`|"[^"]*"|\bLIVECTL_\w+|<\w+>|\b[a-z]+[A-Z.]\w*|\b(?:README|RTMP|MB|KB|webhook|key|openid|phone|push)\b/g;
    expect(comments.flatMap((c) => englishIn(c.replace(names, '')))).toEqual([]);

    // The same answers in English write the same campaign but for its comments.
    const en = tempDir();
    const enAsked: string[] = [];
    const toEnglish: Record<string, string> = {
      'Room name (shown to viewers)': '春茶上新直播专场',
      'Start (date and time, Asia/Shanghai)': '2027-01-15 19:30',
      'Campaign id (letters, digits, -)': 'spring-tea',
      "Anchor's name (shown in the room)": '茶师小林',
      "Anchor's WeChat ID (real-name verified)": 'tea_lin01',
      'Product 1: name': '明前龙井250克',
      'Product 1: price (129 fixed · 299-499 range · 199>129 discount)': '199>168',
      'Mini program AppID': 'wx5a1b2c3d4e5f6a7b',
    };
    const e = await runWizard(
      ['tea.yaml'],
      scriptedPrompt({
        input: async (q) => {
          enAsked.push(q.message);
          return toEnglish[q.message] ?? q.default!;
        },
        confirm: async (m) => m.startsWith('A warm-up coupon'),
        checkbox: async () => ['wecom-groups', 'official-account', 'robot'] as never,
      }),
      en,
    );
    expect(e.code).toBe(0);
    expect(e.stdout).toContain(
      "Wrote tea.yaml (1 product, the playbook's four warm-up waves on wecom-groups, official-account, robot)\n",
    );
    expect(enAsked).toHaveLength(asked.length - 3);
    const english = readFileSync(path.join(en, 'tea.yaml'), 'utf8');
    expect(english).toMatch(/^# The four warm-up waves of the playbook/m);
    expect(values(zh)).toBe(values(english));
    expect(values(zh)).toContain('name: 春茶上新直播专场');
  });

  it('Ctrl-C during the questions: cancelled in Chinese, nothing written', async () => {
    const dir = tempDir();
    const cancel = Object.assign(new Error('User force closed the prompt'), { name: 'ExitPromptError' });
    const r = await runWizard(
      ['x.yaml', '--lang', 'zh-CN'],
      scriptedPrompt({ input: () => Promise.reject(cancel) }),
      dir,
    );
    expect(r.code).toBe(130);
    expect(r.stderr).toBe('\n已取消：没有写入任何文件。\n');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('--yes with --lang zh-CN, or a Chinese locale: the summary in Chinese, the campaign as in English', async () => {
    const dir = tempDir();
    const zh = await runCli(['init', 'zh.yaml', '--yes', '--lang', 'zh-CN'], { cwd: dir, now: NOW });
    expect(zh.code).toBe(0);
    expect(zh.stdout).toMatch(
      /^已写入 zh\.yaml（1 件商品，按打法在 wecom-groups、wecom-moments 上安排四波预热）\n/,
    );
    expect(zh.stdout).toContain(
      '  占位账号：小程序 AppID wx0000000000000000，企业微信 CorpID ww0000000000000000，企业微信发送成员 your_wecom_userid\n',
    );
    expect(englishIn(zh.stdout)).toEqual([]);
    const locale = await runCli(['init', 'locale.yaml', '--yes'], {
      cwd: dir,
      now: NOW,
      env: { LANG: 'zh_CN.UTF-8' },
    });
    expect(locale.stdout).toMatch(/^已写入 locale\.yaml（/);
    const en = await runCli(['init', 'en.yaml', '--yes', '--lang', 'en'], { cwd: dir, now: NOW });
    expect(en.stdout).toMatch(/^Wrote en\.yaml \(1 product, /);
    const read = (f: string) => readFileSync(path.join(dir, f), 'utf8');
    expect(read('zh.yaml')).not.toBe(read('en.yaml'));
    expect(values(read('zh.yaml'))).toBe(values(read('en.yaml')));
  });

  it('usage errors in Chinese: no terminal and too few flags, a file that exists', async () => {
    const dir = tempDir();
    const r = await runCli(['init', 'x.yaml', '--lang', 'zh-CN', '--name', '春茶上新直播专场'], {
      cwd: dir,
      now: NOW,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      '错误：livectl init 要在终端里回答问题，或者用参数给出答案：缺少 --start、--anchor-name、--anchor-wechat、--product\n' +
        '提示：请在终端里运行，或者给出这些参数（见 livectl init --help），或者加 --yes 采用默认值。\n',
    );
    writeFileSync(path.join(dir, 'x.yaml'), 'mine\n');
    const exists = await runCli(['init', 'x.yaml', '--yes', '--lang', 'zh-CN'], { cwd: dir, now: NOW });
    expect(exists.code).toBe(1);
    expect(exists.stderr).toBe(
      '错误：x.yaml 已存在；livectl init 从不覆盖已有文件\n提示：换一个文件名，或者加 --force 替换 x.yaml。\n',
    );
  });

  it.each([
    [
      ['--product', '口红:129'],
      '--product "口红:129"：商品名称须为 6–28 个宽度单位（一个汉字算 2 个）；"口红" 是 4 个',
    ],
    [['--product', '玫瑰丝绒口红'], '--product "玫瑰丝绒口红"：应写成 "名称:价格:页面"'],
    [['--product', '玫瑰丝绒口红:12a'], '--product "玫瑰丝绒口红:12a"：价格写成 129（一口价）'],
    [['--start', 'tomorrow'], '--start "tomorrow"：开播时间写成 2027-03-08T20:00 这样（当地时间）'],
    [['--start', '2026-11-26T12:05'], '--start "2026-11-26T12:05"：开播时间须在 10 分钟以后'],
    [['--start', '2026-11-25T20:00'], '--start "2026-11-25T20:00"：开播时间已经过去了'],
    [['--start', '2027-12-01T20:00'], '--start "2027-12-01T20:00"：开播时间最晚在 6 个月以内'],
    [['--channels', 'wecom,sms'], '--channels：不认识 wecom, sms；可选 wecom-groups'],
    [['--coupon', '50:80'], '--coupon "50:80"：减免金额须小于使用门槛'],
    [['--coupon', 'half'], '--coupon "half"：应写成 门槛:减免[:数量]'],
    [['--name', '短'], '--name "短"：直播间名称须为 6–34 个宽度单位'],
    [['--id', 'Bad Id'], '--id "Bad Id"：活动 ID 是 1–32 个小写字母'],
    [['--duration', '10m'], '--duration "10m"：一场直播的时长在 30m 到 24h 之间'],
    [['--anchor-wechat', '1x'], '--anchor-wechat "1x"：微信号是 6–20 个字母'],
    [['--app-id', 'wx1'], '--app-id "wx1"：AppID 是 wx 加 16 位十六进制数字'],
    [['--corp-id', 'ww1'], '--corp-id "ww1"：CorpID 是 ww 加 16 位十六进制数字'],
    [['--agent-id', 'x'], '--agent-id "x"：填一个数字，例如 1000002'],
    [['--timezone', 'Mars/Base'], '--timezone "Mars/Base"：不是 IANA 时区（例如 Asia/Shanghai）'],
  ])('refuses a bad flag %j in Chinese with exit 2', async (flags, message) => {
    const dir = tempDir();
    const r = await runCli(['init', 'x.yaml', '--yes', '--lang', 'zh-CN', ...flags], { cwd: dir, now: NOW });
    expect(r.stderr).toContain(`错误：${message}`);
    expect(r.code).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
  });
});
