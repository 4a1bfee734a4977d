import { parseDateTime, parseDuration, resolveMoment, TIME, toZoned } from '../campaign/time.js';
import { t } from '../i18n/catalog.js';
import type { InitAnswers, InitChannel, InitPrice } from './answers.js';

/**
 * The campaign `livectl init` writes: the playbook's shape (four warm-up waves on the channels the
 * merchant has, warm-up minutes, 1 + 1 hosts, two lottery rounds at like thresholds, stacking and
 * share coupons, feedback and replay after), with a short comment over each section in the chosen
 * language (src/i18n/init-*.ts; the values are the same in either). Pure text: the caller validates it
 * before it reaches the disk.
 */

export interface InitImages {
  cover: string;
  share: string;
  feeds: string;
  /** One per product, same order. */
  products: string[];
  /** Audience file of the subscribe-message channel. */
  audience: string;
  /** campaign.schema.json relative to the campaign's folder, for editors (yaml-language-server). */
  schema: string;
}

/** Where a channel is configured, and what each wave prefers (in order); `live-followers` is always there. */
const CUSTOMER: readonly InitChannel[] = [
  'wecom-groups',
  'wecom-moments',
  'official-account',
  'subscribe-message',
];

export function productIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `product-${i + 1}`);
}

export function buildCampaignText(a: InitAnswers, images: InitImages): string {
  const has = (c: InitChannel) => a.channels.includes(c);
  const pick = (prefer: readonly InitChannel[]): string[] => {
    const chosen = prefer.filter(has);
    if (chosen.length) return [...chosen];
    const fallback = CUSTOMER.find(has) ?? (has('robot') ? 'robot' : undefined);
    return fallback ? [fallback] : [];
  };
  const staff = has('robot') ? ['staff'] : [];
  const rename = (c: string) => (c === 'robot' ? 'staff' : c === 'subscribe-message' ? 'subscribers' : c);
  const list = (cs: string[]) => `[${[...new Set(cs.map(rename))].join(', ')}]`;
  const coupons = a.coupon !== null;

  const c = t().init.yaml;
  const L: string[] = [];
  const push = (...lines: string[]) => L.push(...lines);

  push(
    `# yaml-language-server: $schema=${images.schema}`,
    c.head({ title: a.title }),
    'apiVersion: livectl/v1',
    'kind: Campaign',
    '',
    c.metadata,
    'metadata:',
    `  name: ${a.id}`,
    `  timezone: ${a.timezone}`,
    '',
    c.accounts,
    'accounts:',
    `  miniProgram: { appId: ${a.appId}, livePage: pages/live/entry }`,
  );
  if (has('wecom-groups') || has('wecom-moments'))
    push(`  wecom: { corpId: ${a.corpId}, agentId: ${a.agentId} }`);
  if (has('official-account')) push(`  officialAccount: { appId: ${a.oaAppId} }`);

  push(
    '',
    c.room,
    'room:',
    `  name: ${q(a.title)}`,
    `  start: ${a.start}`,
    `  duration: ${a.duration}`,
    `  type: phone                  ${c.roomType}`,
    `  anchor: { name: ${q(a.anchorName)}, wechat: ${q(a.anchorWechat)} }`,
    `  images: { cover: ${q(images.cover)}, share: ${q(images.share)}, feeds: ${q(images.feeds)} }`,
    '  features: { likes: true, goods: true, comments: true, replay: true, share: true, customerService: false }',
    '',
    c.products,
    'products:',
  );
  const ids = productIds(a.products.length);
  a.products.forEach((p, i) => {
    push(
      `  - id: ${ids[i]}`,
      `    name: ${q(p.name)}`,
      `    image: ${q(images.products[i]!)}`,
      `    price: ${price(p.price)}`,
      `    page: ${q(p.page)}`,
    );
  });

  if (coupons) {
    const w = a.coupon!;
    push(
      '',
      c.coupons,
      'coupons:',
      `  - { id: warmup, title: ${q(couponTitle(w.threshold, w.amount))}, kind: preheat, threshold: ${w.threshold}, amount: ${w.amount}, quantity: ${w.quantity}, stackable: true }`,
      '  - { id: all-hands, title: 全场立减20, kind: all-hands, threshold: 0, amount: 20, quantity: 500, stackable: true }',
      '  - { id: share, title: 分享得10元券, kind: share, threshold: 99, amount: 10, quantity: 2000, stackable: true }',
    );
  }

  push('', c.channels, 'channels:');
  if (has('wecom-groups'))
    push(`  wecom-groups:                ${c.wecomGroups}`, `    senders: [${a.senders.join(', ')}]`);
  if (has('wecom-moments'))
    push(`  wecom-moments:               ${c.wecomMoments}`, `    senders: [${a.senders.join(', ')}]`);
  if (has('official-account'))
    push(
      `  official-account:            ${c.officialAccount}`,
      `    menu: { name: 领直播券, page: ${q(a.products[0]?.page.split('?')[0] ?? 'pages/index/index')} }`,
    );
  if (has('subscribe-message'))
    push(
      `  subscribers:                 ${c.subscribers}`,
      '    type: subscribe-message',
      '    templateId: your-template-id',
      `    audience: ${q(images.audience)}`,
      "    fields: { thing1: '{{room.name}}', time2: '{{room.time}}', name3: '{{anchor.name}}' }",
    );
  push(`  live-followers: {}           ${c.liveFollowers}`);
  if (has('robot'))
    push(`  staff:                       ${c.staff}`, '    type: robot', '    keyEnv: LIVECTL_ROBOT_STAFF');

  const coupon = (id: string) => (coupons ? `, coupons: [${id}]` : '');
  const oa = has('official-account');
  push(
    '',
    c.waves,
    'waves:',
    `  - { id: t-3d, at: -3d@10:00, channels: ${list(pick(['wecom-groups', 'wecom-moments']))}, poster: teaser, message: teaser${coupon('warmup')} }`,
    `  - { id: t-1d, at: -1d@12:00, channels: ${list(pick(['official-account', 'wecom-groups', 'wecom-moments']))}, poster: ${oa ? 'article' : 'teaser'}, message: ${oa ? 'article' : 'teaser'}${coupon('warmup')} }`,
    `  - { id: t-30m, at: -30m, channels: ${list([...pick(['wecom-groups', 'wecom-moments', 'subscribe-message']), ...staff])}, message: soon }`,
    `  - { id: live, at: 0, channels: ${list([...pick(['wecom-groups']), 'live-followers', ...staff])}, poster: live-now, message: live-now${coupon('all-hands')} }`,
  );

  const warmUp = parseDuration(a.duration)! >= 60 * TIME.MINUTE ? '10m' : '5m';
  const dur = parseDuration(a.duration)!;
  push(
    '',
    c.during,
    'during:',
    `  warmUp: ${warmUp}`,
    `  hosts:                       ${c.hosts}`,
    `    - { name: ${q(a.anchorName)}, role: products }`,
    '    - { name: 助播, role: pace }',
    '  lotteries:',
    '    - { trigger: { likes: 10000 }, prize: 惊喜小样, quantity: 5 }',
    '    - { trigger: { likes: 30000 }, prize: 直播专享礼盒, quantity: 3 }',
  );
  if (coupons)
    push(
      '  couponDrops:',
      `    - { at: +${Math.min(15, Math.floor(dur / TIME.MINUTE / 3))}m, coupon: all-hands }`,
    );

  const feedbackGroups = pick(['wecom-groups']);
  push(
    '',
    c.after,
    'after:',
    `  - { id: feedback, at: ${afterAt(a, 60, '09:30')}, channels: ${list(feedbackGroups)}, message: feedback }`,
    `  - { id: replay, at: ${afterAt(a, 12 * 60, '10:00', true)}, channels: ${list(pick(['wecom-groups', 'wecom-moments']))}, message: replay }`,
  );
  return `${L.join('\n')}\n`;
}

/**
 * An after-wave time: `minutesAfterEnd` after the end when that is outside quiet hours (22:00–08:00),
 * else the next morning at `morning` (`+Nd@HH:MM`, always after the end). `nextDayOnly` skips the
 * first choice.
 */
function afterAt(a: InitAnswers, minutesAfterEnd: number, morning: string, nextDayOnly = false): string {
  const start = parseDateTime(a.start, a.timezone);
  const dur = parseDuration(a.duration);
  if (!start || dur === undefined) return `+1d@${morning}`;
  const end = start.getTime() + dur;
  const soon = dur + minutesAfterEnd * TIME.MINUTE;
  const hour = toZoned(new Date(start.getTime() + soon), a.timezone).hour;
  if (!nextDayOnly && hour >= 8 && hour < 21) return `+${Math.round(soon / TIME.MINUTE)}m`;
  for (let n = 1; n <= 3; n++) {
    const at = `+${n}d@${morning}`;
    const t = resolveMoment(at, start, a.timezone);
    if (t && t.getTime() >= end + 30 * TIME.MINUTE) return at;
  }
  return `+${Math.round(soon / TIME.MINUTE)}m`;
}

function couponTitle(threshold: number, amount: number): string {
  return threshold > 0 ? `满${threshold}减${amount}` : `立减${amount}`;
}

function price(p: InitPrice): string {
  switch (p.type) {
    case 'fixed':
      return `{ type: fixed, amount: ${p.amount} }`;
    case 'range':
      return `{ type: range, min: ${p.min}, max: ${p.max} }`;
    case 'discount':
      return `{ type: discount, original: ${p.original}, now: ${p.now} }`;
  }
}

/** A YAML scalar: plain when it cannot be misread, else double-quoted (JSON strings are valid YAML). */
export function q(s: string): string {
  if (
    /^[\p{L}\p{N}_][\p{L}\p{N}_ ./?=&-]*$/u.test(s) &&
    !/^(?:true|false|null|yes|no|on|off|~|[\d.+-].*)$/i.test(s) &&
    !/\s$/.test(s)
  )
    return s;
  return JSON.stringify(s);
}
