import { done, failed } from '../../outcome.js';
import type { RobotPayload } from '../types.js';
import { fitBytes } from './media.js';
import type { ChannelAdapter, DispatchRow } from './types.js';

/**
 * The team's internal group robot (webhook): wave heads-ups and the run-sheet cues for the hosts.
 * The key comes from the environment variable the channel names. The client keeps to 20 messages a
 * minute per robot (WeChat locks a robot out past that).
 *
 * At-least-once, by necessity: the webhook takes no idempotency key and there is no API to list what
 * a robot posted, so after a lost answer livectl cannot tell whether the cue arrived. For a staff cue
 * a repeat is harmless and a miss is not, so it is sent again.
 */

const LIMITS = { markdown: 4096, text: 2048 } as const;

export const robot: ChannelAdapter = {
  type: 'robot',
  delivery: 'at-least-once',
  why: 'the webhook has no idempotency key and no list of posted messages; a cue whose answer was lost is posted again',

  async send(row: DispatchRow, ctx) {
    const p = row.payload as RobotPayload;
    const key = ctx.env[p.keyEnv];
    if (!key) {
      return failed(`${p.keyEnv} is not set: the robot's webhook key comes from that environment variable`, {
        hint: `export ${p.keyEnv}=… (the key= part of the robot's webhook URL) where dispatch runs.`,
        retryable: true,
      });
    }
    const content = fitBytes(p.content, LIMITS[p.msgtype]);
    const bot = ctx.clients.robot(key);
    if (p.msgtype === 'markdown') await bot.sendMarkdown(content);
    else await bot.sendText({ content });
    return done({ details: { msgtype: p.msgtype, bytes: Buffer.byteLength(content, 'utf8') } });
  },
};
