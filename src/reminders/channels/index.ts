import type { RowType } from '../types.js';
import { liveFollowers } from './live-followers.js';
import { officialAccount } from './official-account.js';
import { productCard } from './product-card.js';
import { robot } from './robot.js';
import { subscribeMessage } from './subscribe-message.js';
import type { ChannelAdapter } from './types.js';
import { wecomGroups } from './wecom-groups.js';
import { wecomMoments } from './wecom-moments.js';

export { type PushOutcome, pushProductCard } from './product-card.js';
export * from './types.js';
export { followUpGroupTask } from './wecom-groups.js';

/** One adapter per channel type, and one for the room's product cards. */
export const ADAPTERS: Readonly<Record<RowType, ChannelAdapter>> = {
  'wecom-groups': wecomGroups,
  'wecom-moments': wecomMoments,
  'official-account': officialAccount,
  'subscribe-message': subscribeMessage,
  'live-followers': liveFollowers,
  robot,
  'product-card': productCard,
};

export function adapterFor(type: RowType): ChannelAdapter {
  const a = ADAPTERS[type];
  if (!a) throw new Error(`no reminder adapter for channel type ${type}`);
  return a;
}
