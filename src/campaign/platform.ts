import { UserError } from '../errors.js';
import type { Campaign, Product } from './schema.js';

/**
 * What the campaign's platform decides: 小程序直播 (mini-program, the default) or 视频号 live with its
 * 微信小店 (channels). The mini program and the products' pages are optional in the shape because
 * channels campaigns may go without them; the platform rules require them on mini-program, so code
 * that only runs for mini-program campaigns reads them through these helpers.
 */

export type MiniProgram = NonNullable<Campaign['accounts']['miniProgram']>;

/** Whether the campaign runs on 视频号 (Channels) live with a 微信小店. */
export function isChannels(c: Pick<Campaign, 'platform'>): boolean {
  return c.platform === 'channels';
}

/** The campaign's mini program; a validated mini-program campaign always has one. */
export function miniProgramOf(c: Pick<Campaign, 'accounts' | 'metadata'>): MiniProgram {
  const mp = c.accounts.miniProgram;
  if (mp === undefined) {
    throw new UserError(`campaign ${c.metadata.name} has no accounts.miniProgram`, {
      hint: 'Add accounts.miniProgram {appId, livePage} (a mini program of the same subject as the 视频号 on platform: channels).',
    });
  }
  return mp;
}

/** The merchant's live page, when the campaign has a mini program that names one. */
export function livePageOf(c: Pick<Campaign, 'accounts'>): string | undefined {
  return c.accounts.miniProgram?.livePage;
}

/** The products livectl submits for audit: all of them, but on channels not an existing 小店 product. */
export function auditedProducts(c: Pick<Campaign, 'platform' | 'products'>): Product[] {
  return isChannels(c) ? c.products.filter((p) => p.channels?.productId === undefined) : c.products;
}

/** A product's mini-program page; a validated mini-program campaign gives every product one. */
export function productPage(p: Pick<Product, 'id' | 'page'>): string {
  if (p.page === undefined) {
    throw new UserError(`product ${p.id} has no page`, {
      hint: 'Give products[].page, the mini-program page of the product (required on platform: mini-program).',
    });
  }
  return p.page;
}
