import type { ChannelType } from '../../campaign/schema.js';
import { liveFollowers } from './live-followers.js';
import { officialAccount } from './official-account.js';
import { robot } from './robot.js';
import { subscribeMessage } from './subscribe-message.js';
import type { ChannelAdapter } from './types.js';
import { wecomGroups } from './wecom-groups.js';
import { wecomMoments } from './wecom-moments.js';

export * from './types.js';
export { followUpGroupTask } from './wecom-groups.js';

/** One adapter per channel type. */
export const ADAPTERS: Readonly<Record<ChannelType, ChannelAdapter>> = {
  'wecom-groups': wecomGroups,
  'wecom-moments': wecomMoments,
  'official-account': officialAccount,
  'subscribe-message': subscribeMessage,
  'live-followers': liveFollowers,
  robot,
};

export function adapterFor(type: ChannelType): ChannelAdapter {
  const a = ADAPTERS[type];
  if (!a) throw new Error(`no reminder adapter for channel type ${type}`);
  return a;
}
