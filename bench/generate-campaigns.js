// Generates N varied campaign files (and the images they refer to) into a folder, for the validate bench.
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A small deterministic PRNG so every run generates the same files. */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const NAMES = ['女神节直播专场', '春茶上新直播', '618狂欢夜', '双十一预售直播', '年货节特卖', '新品首发会'];
const GOODS = ['玫瑰丝绒口红', '补水面膜10片', '限定礼盒', '明前龙井250克', '不粘锅28cm', '纯棉四件套'];

/**
 * Writes `count` campaigns and their images into `dir`; with `write` given (tests), hands each file's
 * name and text to it instead and writes nothing.
 */
export function generateCampaigns(dir, count, seed = 42, write) {
  if (!write) {
    mkdirSync(path.join(dir, 'assets'), { recursive: true });
    for (const f of readdirSync(path.join(root, 'campaigns', 'assets'))) {
      copyFileSync(path.join(root, 'campaigns', 'assets', f), path.join(dir, 'assets', f));
    }
  }
  const r = rng(seed);
  const pick = (a) => a[Math.floor(r() * a.length)];
  for (let i = 0; i < count; i++) {
    const month = 1 + Math.floor(r() * 4);
    const day = 1 + Math.floor(r() * 27);
    const hour = 19 + Math.floor(r() * 3);
    const products = [];
    const nProducts = 1 + Math.floor(r() * 8);
    for (let p = 0; p < nProducts; p++) {
      const kind = pick(['fixed', 'range', 'discount']);
      const price =
        kind === 'fixed'
          ? `{ type: fixed, amount: ${(10 + r() * 300).toFixed(2)} }`
          : kind === 'range'
            ? `{ type: range, min: ${Math.floor(10 + r() * 50)}, max: ${Math.floor(100 + r() * 300)} }`
            : `{ type: discount, original: ${Math.floor(200 + r() * 100)}, now: ${Math.floor(50 + r() * 100)} }`;
      products.push(
        `  - { id: p${p}, name: ${pick(GOODS)}, image: assets/${pick(['lipstick', 'mask', 'gift', 'tea'])}.png, price: ${price}, page: pages/goods/detail?id=${p + 1}, perception: ${pick(['item', 'brand', 'category'])} }`,
      );
    }
    // Some files carry mistakes, so the bench exercises the error paths too.
    const broken = i % 10 === 9;
    const text = `# yaml-language-server: $schema=../schema/campaign.schema.json
apiVersion: livectl/v1
kind: Campaign
metadata: { name: bench-${i}, timezone: Asia/Shanghai }
accounts:
  miniProgram: { appId: wx${(i % 7).toString(16).padStart(16, '0')} }
  wecom: { corpId: ww0123456789abcdef, agentId: 1000002 }
room:
  name: ${pick(NAMES)}
  start: 2027-0${month}-${String(day).padStart(2, '0')}T${hour}:00
  ${broken ? 'duraton' : 'duration'}: ${pick(['1h', '2h', '90m', '3h'])}
  anchor: { name: 主播小${pick(['美', '林', '杰'])}老师, wechat: anchor_${i} }
  images: { cover: assets/cover.png, share: assets/share.png, feeds: assets/feeds.png }
products:
${products.join('\n')}
coupons:
  - { id: warmup, title: 满199减50, kind: preheat, threshold: 199, amount: 50, quantity: 1000, stackable: true }
  - { id: grab, title: 全场立减20, kind: all-hands, threshold: 0, amount: 20, quantity: 500, stackable: true }
  - { id: share, title: 分享得10元, kind: share, threshold: 99, amount: 10, quantity: 2000, stackable: true }
channels:
  wecom-groups: { senders: [zhangsan] }
  wecom-moments: { senders: [zhangsan] }
waves:
  - { id: t-3d, at: -3d@10:00, channels: [wecom-groups, wecom-moments], message: teaser, coupons: [warmup] }
  - { id: t-1d, at: -1d@12:00, channels: [wecom-groups], message: article }
  - { id: t-30m, at: -30m, channels: [wecom-groups, wecom-moments], message: soon }
  - { id: live, at: 0, channels: [wecom-groups], message: live-now, coupons: [grab] }
during:
  warmUp: ${pick(['5m', '10m'])}
  lotteries:
    - { trigger: { likes: ${1000 * (1 + Math.floor(r() * 30))} }, prize: 礼盒 }
    - { trigger: { at: +${20 + Math.floor(r() * 30)}m }, prize: 口红 }
  couponDrops: [{ at: +15m, coupon: grab }]
after:
  - { id: feedback, at: +1d@09:30, channels: [wecom-groups], message: feedback }
`;
    const name = `campaign-${String(i).padStart(4, '0')}.yaml`;
    if (write) write(name, text);
    else writeFileSync(path.join(dir, name), text);
  }
}
