// Regenerates schema/campaign.schema.json from the zod schema (run: npm run schema:write).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { campaignJsonSchema } from '../dist/campaign/json-schema.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
mkdirSync(path.join(root, 'schema'), { recursive: true });
writeFileSync(
  path.join(root, 'schema', 'campaign.schema.json'),
  `${JSON.stringify(campaignJsonSchema(), null, 2)}\n`,
);
console.log('wrote schema/campaign.schema.json');
