import type { CampaignTimes } from '../campaign/rules/context.js';
import type { Campaign } from '../campaign/schema.js';
import { resolveMoment } from '../campaign/time.js';
import type { RoomState } from './types.js';

/**
 * The night's product cards (`during.productCards`) as run-sheet entries: which product's card pops
 * up in the room, and when. Pure; shared by the schedule (one outbox row per entry, pushed by
 * dispatch) and the console (the run sheet the assistant follows, and a "push now" button).
 */
export interface ProductCardEntry {
  /** Stable within the campaign: `card-1`, `card-2`… in file order (the outbox slice is `card:<n>`). */
  id: string;
  /** Index in during.productCards. */
  index: number;
  at: Date;
  product: { id: string; name: string; goodsId?: string };
}

/** The pseudo-channel product-card rows go to: the live room itself. */
export const PRODUCT_CARD_CHANNEL = 'room';

export function productCardEntries(c: Campaign, times: CampaignTimes, room?: RoomState): ProductCardEntry[] {
  const start = times.start;
  if (!start || !c.during) return [];
  const out: ProductCardEntry[] = [];
  c.during.productCards.forEach((card, index) => {
    let at: Date | undefined;
    try {
      at = resolveMoment(card.at, start, c.metadata.timezone);
    } catch {
      at = undefined;
    }
    if (!at) return; // validate reports it (E_TIME_UNRESOLVED)
    const p = c.products.find((x) => x.id === card.product);
    if (!p) return; // validate reports it (E_UNKNOWN_PRODUCT)
    const goodsId = room?.goods?.[p.id];
    out.push({
      id: `card-${index + 1}`,
      index,
      at,
      product: { id: p.id, name: p.name, ...(goodsId !== undefined ? { goodsId } : {}) },
    });
  });
  return out.sort((a, b) => a.at.getTime() - b.at.getTime() || a.index - b.index);
}
