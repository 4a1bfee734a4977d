import { z } from 'zod';
import { relativePath } from './schema-fields.js';

/**
 * The reminder channels of the campaign model (schema.ts): the channel types and the settings of
 * each. A channel's name is also its type unless `type:` says otherwise.
 */

export const CHANNEL_TYPES = [
  'wecom-groups',
  'wecom-moments',
  'official-account',
  'subscribe-message',
  'live-followers',
  'robot',
] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

const channelType = z
  .enum(CHANNEL_TYPES)
  .optional()
  .describe('The channel type; defaults to the channel name.');
const tags = z.array(z.string()).optional().describe('Customer tag ids to filter recipients.');

/** Per-type settings. The channel's name is also its type unless `type:` says otherwise. */
export const ChannelSchemas = {
  'wecom-groups': z.strictObject({
    type: channelType,
    senders: z
      .array(z.string().min(1))
      .min(1)
      .describe('WeCom member userids who send to their customer groups.'),
    chatIds: z.array(z.string()).max(2000).optional().describe('Customer group chat ids (≤ 2000).'),
    tags,
  }),
  'wecom-moments': z.strictObject({
    type: channelType,
    senders: z
      .array(z.string().min(1))
      .optional()
      .describe('Member userids who publish; default: all in the app range.'),
    departments: z.array(z.number().int()).optional().describe('Department ids whose members publish.'),
    tags,
  }),
  'official-account': z.strictObject({
    type: channelType,
    menu: z
      .strictObject({
        name: z.string().describe('First-level menu label during the campaign.'),
        page: z.string().optional().describe('Mini-program page the menu opens.'),
      })
      .optional()
      .describe('Switch the first-level menu to a coupon-claim entry during the campaign.'),
  }),
  'subscribe-message': z.strictObject({
    type: channelType,
    templateId: z.string().min(1).describe('Subscribe-message template id.'),
    audience: relativePath('audience file (CSV or JSONL of openids)'),
    fields: z
      .record(z.string(), z.string())
      .describe('Template data: key (thing1, time2, …) → value; values may use {{placeholders}}.'),
    page: z.string().optional().describe('Page opened when the message is tapped.'),
  }),
  'live-followers': z.strictObject({ type: channelType }),
  robot: z.strictObject({
    type: channelType,
    keyEnv: z
      .string()
      .regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an environment variable name such as LIVECTL_ROBOT_STAFF')
      .describe('Name of the environment variable holding the robot webhook key.'),
  }),
} as const;

export type ChannelSettings = {
  [K in ChannelType]: z.infer<(typeof ChannelSchemas)[K]> & { type: K };
}[ChannelType];

/**
 * Channels are a map name → settings. Their real checking happens per type in the campaign loader
 * (the type depends on the key), so the shape here accepts any object; the JSON Schema export
 * replaces it with an anyOf of the per-type schemas.
 */
export const ChannelValueSchema = z.record(z.string(), z.unknown()).describe('Channel settings.');
