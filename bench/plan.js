// bench/plan: the plan of a generated 2,000-product campaign (the goods library's limit), measured
// in-process (planCampaign alone, fresh and against a fully applied state) and as `livectl plan` in
// a fresh process (validate + hash the images + plan + print), against a target of 1 s; and
// `livectl validate` of the same file, which is most of the CLI's time (parsing 2,000 YAML products).
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, timeCommand } from './measure.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'livectl.js');
const NOW = '2026-11-26T12:00:00+08:00';
const TARGET_MS = 1000;

/** The goddess-day campaign with `n` generated products (four shared images, all price types). */
function generate(dir, n) {
  mkdirSync(path.join(dir, 'assets'), { recursive: true });
  for (const f of readdirSync(path.join(root, 'campaigns', 'assets'))) {
    copyFileSync(path.join(root, 'campaigns', 'assets', f), path.join(dir, 'assets', f));
  }
  const images = ['lipstick', 'mask', 'gift', 'tea'];
  const products = [];
  for (let i = 1; i <= n; i++) {
    const price =
      i % 3 === 0
        ? `{ type: fixed, amount: ${10 + (i % 300)} }`
        : i % 3 === 1
          ? `{ type: range, min: 10, max: ${100 + (i % 50)} }`
          : `{ type: discount, original: 300, now: ${100 + (i % 100)} }`;
    products.push(
      `  - { id: p${i}, name: 女神节商品${i}, image: assets/${images[i % 4]}.png, price: ${price}, page: pages/goods/detail?id=${i} }`,
    );
  }
  const base = readFileSync(path.join(root, 'campaigns', 'goddess-day.yaml'), 'utf8');
  const text = base
    .replace(/^products:\n(?: {2}.*\n| {4}.*\n)+/m, `products:\n${products.join('\n')}\n`)
    .replace(/groupBuys:\n.*\n/, '');
  const file = path.join(dir, 'big.yaml');
  writeFileSync(file, text);
  return file;
}

export async function benchPlan({ products = 2000, rounds = 7 } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'livectl-bench-plan-'));
  try {
    const file = generate(dir, products);
    const { parseCampaignText } = await import('../dist/campaign/load.js');
    const { collectAssetRefs } = await import('../dist/campaign/resolve.js');
    const { planCampaign } = await import('../dist/plan/planner.js');
    // The state builder is test code, not in dist: loaded from its TypeScript source (transpile only).
    await import('../test/support/register-ts.mjs');
    const { aState } = await import('../test/support/builders.ts');
    const bytes = readFileSync(file);
    const campaign = parseCampaignText(bytes.toString('utf8')).campaign;
    if (!campaign || campaign.products.length !== products)
      throw new Error('the generated campaign does not parse');
    const sha = (b) => createHash('sha256').update(b).digest('hex');
    const assets = new Map();
    for (const ref of collectAssetRefs(campaign)) {
      if (ref.kind !== 'image' || assets.has(ref.ref)) continue;
      const p = path.join(dir, ref.ref);
      const b = readFileSync(p);
      assets.set(ref.ref, { sha256: sha(b), size: b.length, path: p });
    }
    const now = new Date(NOW);
    const input = {
      campaign,
      file: 'big.yaml',
      campaignHash: sha(bytes),
      assets,
      state: { resources: new Map(), audits: new Map() }, // nothing applied yet
      now,
    };
    const applied = { ...input, state: aState().applied(input).build() };

    const time = (f) => {
      const samples = [];
      let last;
      for (let i = 0; i < rounds; i++) {
        const t0 = process.hrtime.bigint();
        last = f();
        samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
      return { ms: median(samples), last };
    };
    const fresh = time(() => planCampaign(input));
    const noop = time(() => planCampaign(applied));
    if (fresh.last.summary.create === 0 || noop.last.summary.create !== 0)
      throw new Error('unexpected plans');

    const runs = [];
    let summary;
    for (let i = 0; i < 3; i++) {
      const r = timeCommand([bin, 'plan', file, '--format', 'json', '--no-posters', '--now', NOW]);
      if (r.status !== 0) throw new Error(`livectl plan failed (${r.status}): ${r.stderr.slice(0, 500)}`);
      summary = JSON.parse(r.stdout).summary;
      runs.push(r.ms);
    }
    const cli = median(runs);
    // The same file through `livectl validate` alone: what of the CLI's time is the plan's own.
    const validateRuns = [];
    for (let i = 0; i < 3; i++) validateRuns.push(timeCommand([bin, 'validate', file, '--now', NOW]).ms);
    const validateMs = median(validateRuns);
    const s = fresh.last.summary;
    return [
      {
        metric: `planCampaign, ${products} products, empty state (in-process), ms`,
        value: fresh.ms.toFixed(1),
        target: `≤ ${TARGET_MS}`,
        ok: fresh.ms <= TARGET_MS,
      },
      {
        metric: `planCampaign, ${products} products, applied state (all noop), ms`,
        value: noop.ms.toFixed(1),
        target: `≤ ${TARGET_MS}`,
        ok: noop.ms <= TARGET_MS,
      },
      {
        metric: `\`livectl plan\` ${products} products, fresh process, ms`,
        value: cli.toFixed(0),
        target: `≤ ${TARGET_MS}`,
        ok: cli <= TARGET_MS,
      },
      {
        metric: `  of which \`livectl validate\` of the same file, ms`,
        value: validateMs.toFixed(0),
        target: '',
        ok: true,
      },
      {
        metric: 'plan: create / wait / changes',
        value: `${s.create} / ${s.wait} / ${fresh.last.changes.length} (CLI ${summary.create} / ${summary.wait})`,
        target: '',
        ok: true,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
