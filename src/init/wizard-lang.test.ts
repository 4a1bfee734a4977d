import { afterEach, describe, expect, it } from 'vitest';
import { setLang } from '../i18n/catalog.js';
import type { Lang } from '../i18n/lang.js';
import { scriptedPrompt } from '../platform/deps.js';
import { askMissing } from './wizard.js';

/** 2026-11-26 12:00 in Shanghai. */
const NOW = new Date('2026-11-26T04:00:00Z');
afterEach(() => setLang('en'));

/**
 * One run of the whole wizard (no flags), per language: each question with its default and the
 * answers typed in turn (`null` takes the default, as Enter does); every answer before the last is
 * refused, and the re-prompt shown for it is recorded.
 */
interface Turn {
  ask: string;
  default?: string;
  type?: (string | null)[];
  /** For a confirm: the answer. */
  yes?: boolean;
  /** For the channel checkbox: the labels offered, and what the re-prompt says to an empty choice. */
  choices?: string[];
  none?: string;
  /** The words of the checkbox's key help line, when not English. */
  keys?: Record<string, string>;
}

const SCRIPT: Record<Lang, { turns: Turn[]; reprompts: string[] }> = {
  en: {
    turns: [
      { ask: 'Room name (shown to viewers)', default: '新品直播专场', type: ['短', '春茶上新直播专场'] },
      {
        ask: 'Start (date and time, Asia/Shanghai)',
        default: '2026-12-26 20:00',
        type: ['tomorrow night', '2026-11-25 20:00', '2027-01-15 19:30'],
      },
      {
        ask: 'Campaign id (letters, digits, -)',
        default: 'live-2027-01-15',
        type: ['Spring Tea', 'spring-tea'],
      },
      { ask: 'Duration', default: '2h', type: ['1h30m'] },
      { ask: "Anchor's name (shown in the room)", default: '主播小美', type: ['茶师小林'] },
      { ask: "Anchor's WeChat ID (real-name verified)", type: ['tea_lin01'] },
      { ask: 'Product 1: name', type: ['明前龙井250克'] },
      {
        ask: 'Product 1: price (129 fixed · 299-499 range · 199>129 discount)',
        type: ['cheap', '168'],
      },
      { ask: 'Product 1: mini-program page', default: 'pages/goods/detail?id=1', type: [null] },
      {
        ask: 'Product 1: image (PNG/JPEG ≤ 300×300; empty for a placeholder)',
        default: '',
        type: ['a.bmp', ''],
      },
      { ask: 'Add another product?', yes: false },
      { ask: 'A warm-up coupon (sent 3 days and 1 day before)?', yes: true },
      { ask: 'Coupon: minimum spend (0 for none)', default: '199', type: ['99'] },
      { ask: 'Coupon: discount', default: '50', type: ['120', '20'] },
      { ask: 'Coupon: how many', default: '1000', type: [null] },
      {
        ask: 'Which channels do you have? (space to choose, enter to go on)',
        choices: [
          'WeCom customer groups (企业微信客户群)',
          "WeCom Moments (shop assistants' 朋友圈)",
          'Official Account (公众号)',
          'Subscribe messages (订阅消息)',
          'A team robot (群机器人) for staff cues',
        ],
        none: 'choose at least one',
      },
      { ask: 'Mini program AppID', default: 'wx0000000000000000', type: ['wx123', 'wx5a1b2c3d4e5f6a7b'] },
      { ask: 'WeCom CorpID', default: 'ww0000000000000000', type: [null] },
      { ask: 'WeCom app AgentId', default: '1000002', type: ['abc', null] },
      {
        ask: 'WeCom members who send (userids, comma-separated)',
        default: 'your_wecom_userid',
        type: [',', 'xiaolin,xiaowang'],
      },
    ],
    reprompts: [
      'the room name must be 6–34 width units (one Chinese character counts 2); "短" has 2',
      'a start looks like 2027-03-08 20:00 (local time)',
      'the start is in the past: give a date and time more than 10 minutes from now',
      'the campaign id is 1–32 lower-case letters, digits or "-", e.g. spring-sale-2027',
      'a price is 129 (fixed), 299-499 (a range) or 199>129 (a discount: original>now), in yuan with at most 2 decimals',
      'give a .png, .jpg or .gif file, or leave it empty',
      'the discount must be less than the spend it needs',
      'an AppID is wx followed by 16 hex digits',
      'a number',
      'at least one',
    ],
  },
  'zh-CN': {
    turns: [
      { ask: '直播间名称（观众看得到）', default: '新品直播专场', type: ['短', '春茶上新直播专场'] },
      {
        ask: '开播时间（日期和时间，Asia/Shanghai）',
        default: '2026-12-26 20:00',
        type: ['明天晚上', '2026-11-25 20:00', '2027-01-15 19:30'],
      },
      {
        ask: '活动 ID（小写字母、数字或 -）',
        default: 'live-2027-01-15',
        type: ['Spring Tea', 'spring-tea'],
      },
      { ask: '直播时长', default: '2h', type: ['1h30m'] },
      { ask: '主播昵称（显示在直播间里）', default: '主播小美', type: ['茶师小林'] },
      { ask: '主播微信号（须已实名认证）', type: ['tea_lin01'] },
      { ask: '商品 1：名称', type: ['明前龙井250克'] },
      { ask: '商品 1：价格（129 一口价 · 299-499 价格区间 · 199>129 划线价）', type: ['便宜', '168'] },
      { ask: '商品 1：小程序页面路径', default: 'pages/goods/detail?id=1', type: [null] },
      { ask: '商品 1：商品图（PNG/JPEG，不超过 300×300；留空则用占位图）', default: '', type: ['a.bmp', ''] },
      { ask: '再加一件商品吗？', yes: false },
      { ask: '发预热券吗（开播前 3 天和前 1 天随预热发出）？', yes: true },
      { ask: '优惠券：使用门槛，满多少元可用（0 为无门槛）', default: '199', type: ['99'] },
      { ask: '优惠券：减多少元', default: '50', type: ['120', '20'] },
      { ask: '优惠券：发多少张', default: '1000', type: [null] },
      {
        ask: '你有哪些渠道？（空格勾选，回车继续）',
        choices: [
          '企业微信客户群',
          '企业微信朋友圈（导购发的朋友圈）',
          '公众号',
          '订阅消息',
          '群机器人（给工作人员发流程提示）',
        ],
        none: '至少选一个',
        keys: { navigate: '上下移动', select: '勾选', all: '全选', invert: '反选', submit: '确定' },
      },
      { ask: '小程序 AppID', default: 'wx0000000000000000', type: ['wx123', 'wx5a1b2c3d4e5f6a7b'] },
      { ask: '企业微信 CorpID', default: 'ww0000000000000000', type: [null] },
      { ask: '企业微信应用的 AgentId', default: '1000002', type: ['abc', null] },
      {
        ask: '负责群发的企业微信成员（userid，用逗号分隔）',
        default: 'your_wecom_userid',
        type: [',', 'xiaolin,xiaowang'],
      },
    ],
    reprompts: [
      '直播间名称须为 6–34 个宽度单位（一个汉字算 2 个）；"短" 是 2 个',
      '开播时间写成 2027-03-08 20:00 这样（当地时间）',
      '开播时间已经过去了，请给一个 10 分钟以后的日期和时间',
      '活动 ID 是 1–32 个小写字母、数字或 "-"，例如 spring-sale-2027',
      '价格写成 129（一口价）、299-499（价格区间）或 199>129（划线价：原价>现价），单位元，最多两位小数',
      '请给一个 .png、.jpg 或 .gif 文件，或者留空',
      '减免金额须小于使用门槛',
      'AppID 是 wx 加 16 位十六进制数字',
      '请填一个数字',
      '至少填一个',
    ],
  },
};

/** Runs the wizard as a person would answer it, recording the questions, defaults and re-prompts. */
async function run(turns: Turn[]) {
  const seen: Turn[] = [];
  const reprompts: string[] = [];
  const next = (ask: string) => {
    const turn = turns[seen.length];
    if (!turn || turn.ask !== ask) throw new Error(`unexpected question: ${ask}`);
    return turn;
  };
  const prompt = scriptedPrompt({
    input: async (q) => {
      const turn = next(q.message);
      seen.push({
        ask: q.message,
        ...(q.default !== undefined ? { default: q.default } : {}),
        type: turn.type,
      });
      for (const typed of turn.type ?? []) {
        const value = typed ?? q.default ?? '';
        const verdict = q.validate?.(value) ?? true;
        if (verdict === true) return value;
        reprompts.push(verdict);
      }
      throw new Error(`no answer accepted for ${q.message}`);
    },
    confirm: async (message) => {
      const turn = next(message);
      seen.push({ ask: message, yes: turn.yes });
      return turn.yes!;
    },
    checkbox: async (q) => {
      next(q.message);
      const none = q.validate?.([]);
      seen.push({
        ask: q.message,
        choices: q.choices.map((c) => c.name),
        none: none as string,
        ...(q.keys ? { keys: { ...q.keys } } : {}),
      });
      expect(q.choices.filter((c) => c.checked).map((c) => c.value)).toEqual([
        'wecom-groups',
        'wecom-moments',
      ]);
      return ['wecom-groups', 'robot'] as never;
    },
  });
  const answers = await askMissing({}, prompt, NOW, '/tmp');
  return { seen, reprompts, answers };
}

describe('the init wizard in each language', () => {
  it.each(['en', 'zh-CN'] as const)('%s: every question, default, choice and re-prompt', async (lang) => {
    setLang(lang);
    const { seen, reprompts } = await run(SCRIPT[lang].turns);
    expect(seen).toEqual(SCRIPT[lang].turns);
    expect(reprompts).toEqual(SCRIPT[lang].reprompts);
  });

  it('gives the same answers in Chinese as in English', async () => {
    setLang('en');
    const en = await run(SCRIPT.en.turns);
    setLang('zh-CN');
    const zh = await run(SCRIPT['zh-CN'].turns);
    expect(zh.answers).toEqual(en.answers);
    expect(zh.answers).toMatchObject({ id: 'spring-tea', start: '2027-01-15T19:30', agentId: 1000002 });
  });

  it('leaves no English sentence in the Chinese questions, choices and re-prompts', async () => {
    setLang('zh-CN');
    const { seen, reprompts } = await run(SCRIPT['zh-CN'].turns);
    const texts = [
      ...seen.flatMap((s) => [s.ask, ...(s.choices ?? []), s.none ?? '', ...Object.values(s.keys ?? {})]),
      ...reprompts,
    ];
    // Ids, formats and examples stay as they are; no English word besides them.
    const allowed =
      /AppID|CorpID|AgentId|userid|PNG|JPEG|Asia\/Shanghai|spring-sale-2027|pages\/goods\/detail\?id=\d+|\.png|\.jpg|\.gif|\d+[hm]\b/g;
    for (const text of texts) expect(text.replace(allowed, ''), text).not.toMatch(/[A-Za-z]{3,}/);
  });
});
