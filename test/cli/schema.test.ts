import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { campaignJsonSchema } from '../../src/campaign/json-schema.js';
import { runCli } from '../support/cli.js';

describe('livectl schema', () => {
  it('prints the JSON Schema generated from the zod model', async () => {
    const r = await runCli(['schema']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.properties.room.properties.name.type).toBe('string');
    expect(doc.required).toEqual(
      expect.arrayContaining(['apiVersion', 'kind', 'metadata', 'accounts', 'room']),
    );
    // Channels are typed by their key, so the schema offers every channel type's settings.
    const channelValue = doc.properties.channels.additionalProperties;
    expect(channelValue.anyOf).toHaveLength(6);
  });

  it('matches the committed schema/campaign.schema.json (run `npm run schema:write` after changing the model)', () => {
    const committed = JSON.parse(
      readFileSync(new URL('../../schema/campaign.schema.json', import.meta.url), 'utf8'),
    );
    expect(committed).toEqual(campaignJsonSchema());
  });
});
