import { formatLocal } from '../campaign/time.js';
import { canonicalJson, type GoodsSpec, type RoomSpec } from './desired.js';

/** One field that differs between what was last sent and what the campaign wants. */
export interface FieldChange {
  /** Dotted for nested fields: `images.coverImg`. */
  field: string;
  before: unknown;
  after: unknown;
}

/**
 * The fields that differ, in the order of `after`'s keys (then fields only in `before`). Objects one
 * level down (room images) are compared field by field. Values compare by canonical JSON.
 */
export function diffFields(
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown>,
): FieldChange[] {
  const b = flatten(before ?? {});
  const a = flatten(after);
  const out: FieldChange[] = [];
  for (const [field, value] of a) {
    if (canonicalJson(b.get(field)) !== canonicalJson(value))
      out.push({ field, before: b.get(field), after: value });
  }
  for (const [field, value] of b) {
    if (!a.has(field)) out.push({ field, before: value, after: undefined });
  }
  return out;
}

function flatten(o: Record<string, unknown>): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      for (const [k2, v2] of Object.entries(v as Record<string, unknown>)) {
        if (v2 !== undefined) out.set(`${k}.${k2}`, v2);
      }
    } else out.set(k, v);
  }
  return out;
}

const SHA = /^[0-9a-f]{64}$/;

/** A value as a marketer reads it: numbers plain, image hashes shortened, nothing as "none". */
export function formatValue(v: unknown): string {
  if (v === undefined || v === null) return 'none';
  if (typeof v === 'string') return SHA.test(v) ? `${v.slice(0, 8)}…` : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return canonicalJson(v);
}

/** `name 玫瑰丝绒口红 → 玫瑰口红; price 129 → 119`. */
export function describeChanges(
  changes: readonly FieldChange[],
  describe: (c: FieldChange) => string,
): string {
  return changes.map(describe).join('; ');
}

const PRICE_TYPES: Record<number, string> = { 1: 'fixed', 2: 'range', 3: 'discount' };

/** Labels in the campaign's terms: for a discount, `price2` is the price and `price` the original. */
export function describeGoodsChange(c: FieldChange, priceType: GoodsSpec['priceType']): string {
  const label = goodsLabel(c.field, priceType);
  if (c.field === 'priceType') {
    return `${label} ${PRICE_TYPES[c.before as number] ?? formatValue(c.before)} → ${PRICE_TYPES[c.after as number] ?? formatValue(c.after)}`;
  }
  if (c.field === 'coverImg') return `image changed (${formatValue(c.before)} → ${formatValue(c.after)})`;
  return `${label} ${formatValue(c.before)} → ${formatValue(c.after)}`;
}

function goodsLabel(field: string, priceType: GoodsSpec['priceType']): string {
  switch (field) {
    case 'priceType':
      return 'price type';
    case 'price':
      return priceType === 3 ? 'original price' : priceType === 2 ? 'lowest price' : 'price';
    case 'price2':
      return priceType === 3 ? 'price' : priceType === 2 ? 'highest price' : 'second price';
    case 'url':
      return 'page';
    case 'coverImg':
      return 'image';
    default:
      return field;
  }
}

const ROOM_LABELS: Record<string, string> = {
  name: 'name',
  startTime: 'start',
  endTime: 'end',
  anchorName: 'anchor name',
  anchorWechat: 'anchor WeChat',
  subAnchorWechat: 'sub-anchor WeChat',
  createrWechat: 'creator WeChat',
  assistants: 'assistants',
  type: 'type',
  closeLike: 'likes',
  closeGoods: 'goods shelf',
  closeComment: 'comments',
  closeReplay: 'replay',
  closeShare: 'sharing',
  closeKf: 'customer service',
  isFeedsPublic: 'official listing',
  'images.coverImg': 'cover image',
  'images.shareImg': 'share image',
  'images.feedsImg': 'feeds image',
};

/** `start 2027-03-08 20:00 → 21:00`, `likes on → off`, `type phone → push`. */
export function describeRoomChange(c: FieldChange, tz: string): string {
  const label = ROOM_LABELS[c.field] ?? c.field;
  const f = c.field;
  let show = (v: unknown) => formatValue(v);
  if (f === 'startTime' || f === 'endTime') {
    show = (v) => (typeof v === 'number' ? formatLocal(new Date(v * 1000), tz) : formatValue(v));
  } else if (f === 'type') {
    show = (v) => (v === 1 ? 'push' : v === 0 ? 'phone' : formatValue(v));
  } else if (f.startsWith('close')) {
    show = (v) => (v === 1 ? 'off' : v === 0 ? 'on' : formatValue(v));
  } else if (f === 'assistants') {
    show = (v) =>
      Array.isArray(v) && v.length
        ? v.map((a: { username: string; nickname: string }) => `${a.username} (${a.nickname})`).join(', ')
        : 'none';
  } else if (f === 'isFeedsPublic') {
    show = (v) => (v === 1 ? 'on' : v === 0 ? 'off' : formatValue(v));
  } else if (f.startsWith('images.')) {
    return `${label} changed (${formatValue(c.before)} → ${formatValue(c.after)})`;
  }
  return `${label} ${show(c.before)} → ${show(c.after)}`;
}

/** Room fields that, once off at the start, stay off (reference §4.1). */
export const ROOM_NO_REOPEN: readonly (keyof RoomSpec)[] = ['closeLike', 'closeGoods', 'closeComment'];
