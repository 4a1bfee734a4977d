import { warning } from '../../../diagnostics/diagnostic.js';
import type { Rule } from '../context.js';

const HINT =
  'The playbook chooses group buying by how buyers perceive the price: for category goods (pots, bowls, knives) ' +
  'do not group-buy in the broadcast; use it for single items (a hot-item price drop) or brands (a discount promotion).';

/**
 * A group buy on a product whose perception is `category`. Reported where the group buy is scheduled
 * (each during.groupBuys entry naming it), or at the product's groupBuy when nothing schedules it.
 */
export const groupBuyCategory: Rule = {
  id: 'group-buy-category',
  codes: ['W_GROUPBUY_CATEGORY'],
  description: 'A group buy (拼团) on a product buyers perceive by category (pots, bowls, knives).',
  check(ctx) {
    const { products } = ctx.campaign;
    const category = new Map(products.filter((p) => p.perception === 'category').map((p) => [p.id, p]));
    const scheduled = ctx.campaign.during?.groupBuys ?? [];
    const out = scheduled.flatMap((g, j) =>
      category.has(g.product)
        ? [
            warning(
              'W_GROUPBUY_CATEGORY',
              ['during', 'groupBuys', j, 'product'],
              `group buy on "${g.product}", a category-perception product`,
              HINT,
              { id: g.product, scheduled: 1 },
            ),
          ]
        : [],
    );
    products.forEach((p, i) => {
      if (p.perception !== 'category' || !p.groupBuy) return;
      if (scheduled.some((g) => g.product === p.id)) return;
      out.push(
        warning(
          'W_GROUPBUY_CATEGORY',
          ['products', i, 'groupBuy'],
          `"${p.id}" has a group buy but buyers perceive it by category`,
          HINT,
          { id: p.id },
        ),
      );
    });
    return out;
  },
};
