// Refreshes the golden poster hashes (test/posters/golden.json) from the built code: renders the
// cases listed in that file and records each PNG's sha256. Run it on purpose, after looking at the
// posters: `npm run posters:golden`. The test never writes this file.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCampaignBytes } from '../dist/campaign/load.js';
import { resolveTimes } from '../dist/campaign/resolve.js';
import { renderCampaignPosters } from '../dist/poster/index.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const goldenFile = path.join(root, 'test', 'posters', 'golden.json');
const golden = JSON.parse(readFileSync(goldenFile, 'utf8'));
const hashes = {};
const out = mkdtempSync(path.join(tmpdir(), 'livectl-golden-'));
try {
  for (const c of golden.cases) {
    const file = path.join(root, 'campaigns', c.campaign);
    const { campaign } = parseCampaignBytes(readFileSync(file));
    const dir = path.join(out, `${c.campaign}-${c.scale}-${c.wave ?? 'all'}`);
    const r = await renderCampaignPosters({
      campaign,
      times: resolveTimes(campaign),
      campaignDir: path.dirname(file),
      outDir: dir,
      scale: c.scale,
      waveId: c.wave,
    });
    for (const f of r.files) {
      hashes[`${campaign.metadata.name}/${path.basename(f.file)}`] = createHash('sha256')
        .update(readFileSync(f.file))
        .digest('hex');
    }
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
writeFileSync(goldenFile, `${JSON.stringify({ ...golden, hashes }, null, 2)}\n`);
console.log(`wrote ${Object.keys(hashes).length} hashes to ${path.relative(root, goldenFile)}`);
