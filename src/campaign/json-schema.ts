import { z } from 'zod';
import { CampaignSchema, CHANNEL_TYPES, ChannelSchemas, ChannelValueSchema } from './schema.js';

/**
 * The published JSON Schema (schema/campaign.schema.json), generated from the zod schema.
 * The input side is exported (defaults make fields optional), and channels get an anyOf of the
 * per-type settings because their type is chosen by their key.
 */
export function campaignJsonSchema(): Record<string, unknown> {
  const channelVariants = CHANNEL_TYPES.map((t) => z.toJSONSchema(ChannelSchemas[t], { io: 'input' }));
  const schema = z.toJSONSchema(CampaignSchema, {
    io: 'input',
    target: 'draft-2020-12',
    override: (ctx) => {
      if (ctx.zodSchema === ChannelValueSchema) {
        for (const k of Object.keys(ctx.jsonSchema)) delete (ctx.jsonSchema as Record<string, unknown>)[k];
        Object.assign(ctx.jsonSchema, {
          description: 'Channel settings; the key is also the type unless `type` says otherwise.',
          anyOf: channelVariants.map(({ $schema: _s, ...rest }) => rest),
        });
      }
    },
  }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    $id: 'https://livectl.dev/schema/campaign.schema.json',
    title: 'livectl campaign',
    ...schema,
  };
}
