import type { Campaign } from '../../schema.js';
import { suggest } from '../../suggest.js';

/**
 * What `{{…}}` placeholders may name: the shape of messageScope (src/campaign/message-scope.ts).
 * Checked structurally, so a campaign without coupons may still use a template that mentions
 * {{coupon.title}} (it renders empty; the playbook rules may advise), but {{room.nmae}} is an error.
 */
type Shape = 'value' | { fields: Record<string, Shape> } | { items: Shape; kind: 'products' | 'coupons' };

const coupon: Shape = {
  fields: Object.fromEntries(
    ['id', 'title', 'kind', 'threshold', 'amount', 'quantity', 'stackable', 'validFrom', 'validTo'].map(
      (k) => [k, 'value' as const],
    ),
  ),
};
const value = 'value' as const;
const product: Shape = {
  fields: {
    id: value,
    name: value,
    image: value,
    page: value,
    perception: value,
    price: { fields: { type: value, amount: value, min: value, max: value, original: value, now: value } },
    groupBuy: { fields: { size: value, price: value } },
  },
};

export const SCOPE: Shape = {
  fields: {
    campaign: { fields: { name: value } },
    room: {
      fields: { name: value, when: value, date: value, time: value, weekday: value, duration: value },
    },
    anchor: { fields: { name: value } },
    coupon,
    coupons: { items: coupon, kind: 'coupons' },
    product: { items: product, kind: 'products' },
    products: { items: product, kind: 'products' },
    wave: { fields: { id: value } },
  },
};

export interface PlaceholderProblem {
  expr: string;
  message: string;
  /** A corrected expression, when one is close. */
  suggestion?: string;
}

/** Checks one placeholder expression (`room.name`, `product[0].price.now`) against the scope's shape. */
export function checkPlaceholder(expr: string, c: Campaign): PlaceholderProblem | undefined {
  let shape: Shape = SCOPE;
  let done = '';
  for (const m of expr.matchAll(/([A-Za-z_][\w-]*)|\[(\d+)\]/g)) {
    if (shape === 'value') {
      return { expr, message: `{{${expr}}}: "${done}" is a plain value with no ".${m[0]}"` };
    }
    if (m[2] !== undefined) {
      if (!('items' in shape)) return { expr, message: `{{${expr}}}: "${done}" is not a list` };
      const n = Number(m[2]);
      if (shape.kind === 'products' && n >= c.products.length) {
        return {
          expr,
          message: `{{${expr}}}: the campaign has ${c.products.length} product(s), so ${done}[${n}] does not exist`,
        };
      }
      shape = shape.items;
      done += `[${n}]`;
      continue;
    }
    const name = m[1]!;
    if (!('fields' in shape)) {
      return { expr, message: `{{${expr}}}: "${done}" is a list; pick an item such as ${done}[0]` };
    }
    const next: Shape | undefined = Object.hasOwn(shape.fields, name) ? shape.fields[name] : undefined;
    if (next === undefined) {
      const guess = suggest(name, Object.keys(shape.fields));
      const prefix = done ? `${done}.` : '';
      return {
        expr,
        message: `{{${expr}}}: unknown placeholder "${prefix}${name}"${guess ? `; did you mean {{${expr.replace(`${prefix}${name}`, `${prefix}${guess}`)}}}?` : ''}`,
        ...(guess ? { suggestion: expr.replace(`${prefix}${name}`, `${prefix}${guess}`) } : {}),
      };
    }
    shape = next;
    done = done ? `${done}.${name}` : name;
  }
  if (shape !== 'value') {
    return { expr, message: `{{${expr}}} names a group of values, not one value` };
  }
  return undefined;
}

export const PLACEHOLDER_HINT =
  'Placeholders: room.{name, when, date, time, weekday, duration}, anchor.name, campaign.name, wave.id, coupon.{title, amount, threshold, quantity}, coupons[i].…, product[i].{name, price.now, …}.';
