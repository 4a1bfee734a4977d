import { type DiagnosticCode, error, type Finding } from '../../../diagnostics/diagnostic.js';
import { wechatWidth } from '../../width.js';
import type { Rule } from '../context.js';

/**
 * Name widths as WeChat counts them: one Chinese character = 2 units (reference §4.1, §4.2, §5.1).
 * Room name 6–34, anchor nickname 4–30, goods name 6–28. The goods minimum is not in the docs: a
 * community thread (reference §4.2, thread 0008622ed90bb87d617e8263e5b800) reports that fewer than
 * 3 Chinese characters gave 300002 `name length invalid`, so livectl asks for 6 units.
 */
const LIMITS = {
  room: { min: 6, max: 34, errcode: 300002 },
  anchor: { min: 4, max: 30, errcode: 300034 },
  product: { min: 6, max: 28, errcode: 300002 },
} as const;

function checkWidth(
  code: DiagnosticCode,
  path: (string | number)[],
  what: string,
  name: string,
  limit: { min: number; max: number; errcode: number },
): Finding[] {
  const w = wechatWidth(name);
  if (w >= limit.min && w <= limit.max) return [];
  const tooLong = w > limit.max;
  return [
    error(
      code,
      path,
      `${what} "${name}" is ${w} units wide; WeChat allows ${limit.min}–${limit.max} (one Chinese character counts 2)`,
      tooLong
        ? `Shorten it to at most ${limit.max / 2} Chinese characters or ${limit.max} letters (WeChat answers ${limit.errcode} otherwise).`
        : `Lengthen it to at least ${limit.min / 2} Chinese characters or ${limit.min} letters (WeChat answers ${limit.errcode} otherwise).`,
    ),
  ];
}

export const roomNameWidth: Rule = {
  id: 'room-name-width',
  platforms: ['mini-program'],
  codes: ['E_ROOM_NAME_WIDTH'],
  description: 'room.name is 6–34 width units (one Chinese character = 2).',
  check: (ctx) =>
    checkWidth('E_ROOM_NAME_WIDTH', ['room', 'name'], 'room name', ctx.campaign.room.name, LIMITS.room),
};

export const anchorNameWidth: Rule = {
  id: 'anchor-name-width',
  platforms: ['mini-program'],
  codes: ['E_ANCHOR_NAME_WIDTH'],
  description: 'room.anchor.name is 4–30 width units (one Chinese character = 2).',
  check: (ctx) =>
    checkWidth(
      'E_ANCHOR_NAME_WIDTH',
      ['room', 'anchor', 'name'],
      'anchor nickname',
      ctx.campaign.room.anchor.name,
      LIMITS.anchor,
    ),
};

export const productNameWidth: Rule = {
  id: 'product-name-width',
  platforms: ['mini-program'],
  codes: ['E_PRODUCT_NAME_WIDTH'],
  description: 'products[].name is 6–28 width units (one Chinese character = 2).',
  check: (ctx) =>
    ctx.campaign.products.flatMap((p, i) =>
      checkWidth('E_PRODUCT_NAME_WIDTH', ['products', i, 'name'], 'goods name', p.name, LIMITS.product),
    ),
};
