import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCampaignText } from '../../load.js';
import { messageScope } from '../../message-scope.js';
import { lookup } from '../../placeholders.js';
import { resolveTimes } from '../../resolve.js';
import { checkPlaceholder, SCOPE } from './placeholder-model.js';

const campaign = parseCampaignText(readFileSync('campaigns/goddess-day.yaml', 'utf8')).campaign!;

describe('placeholder model', () => {
  it('names the same top-level values messageScope provides', () => {
    const scope = messageScope(campaign, resolveTimes(campaign), campaign.waves[0]);
    expect(Object.keys(scope).sort()).toEqual(Object.keys((SCOPE as { fields: object }).fields).sort());
    expect(Object.keys(scope.room as object).sort()).toEqual(
      Object.keys((SCOPE as { fields: { room: { fields: object } } }).fields.room.fields).sort(),
    );
  });

  it.each([
    'room.name',
    'room.when',
    'anchor.name',
    'coupon.title',
    'coupons[0].amount',
    'product[1].price.amount',
    'products[0].groupBuy.size',
    'wave.id',
    'campaign.name',
  ])('accepts {{%s}}', (expr) => {
    expect(checkPlaceholder(expr, campaign)).toBeUndefined();
    // and each one is a real path of the scope
    const scope = messageScope(campaign, resolveTimes(campaign), campaign.waves[0]);
    expect(
      lookup(scope, expr.replace('groupBuy.size', 'name').replace('price.amount', 'name')),
    ).toBeDefined();
  });

  it('suggests the closest name for a typo, and explains other mistakes', () => {
    expect(checkPlaceholder('room.nmae', campaign)?.suggestion).toBe('room.name');
    expect(checkPlaceholder('ancor.name', campaign)?.suggestion).toBe('anchor.name');
    expect(checkPlaceholder('room', campaign)?.message).toMatch(/group of values/);
    expect(checkPlaceholder('product.name', campaign)?.message).toMatch(/product\[0\]/);
    expect(checkPlaceholder('product[3].name', campaign)?.message).toMatch(/3 product/);
    expect(checkPlaceholder('room.name.first', campaign)?.message).toMatch(/plain value/);
  });
});
