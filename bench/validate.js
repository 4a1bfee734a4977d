// bench/validate: throughput of one `livectl validate` over 1,000 generated files, and the start-up cost
// of `livectl --help` and of validating one file, as ratios to `node -e 0` measured in the same run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCampaigns } from './generate-campaigns.js';
import { interleaved, median, timeCommand } from './measure.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'livectl.js');
const NOW = '2026-11-26T12:00:00+08:00';

export async function benchValidate({ files = 1000, rounds = 15 } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'livectl-bench-'));
  try {
    generateCampaigns(dir, files);
    const runs = [];
    let summary;
    for (let i = 0; i < 3; i++) {
      const r = timeCommand([bin, 'validate', dir, '--format', 'json', '--now', NOW]);
      if (r.status !== 0 && r.status !== 1) throw new Error(`validate failed: ${r.stderr}`);
      summary = JSON.parse(r.stdout).summary;
      runs.push(r.ms);
    }
    const bulkMs = median(runs);
    const one = path.join(root, 'campaigns', 'goddess-day.yaml');
    const t = interleaved(
      {
        node: ['-e', '0'],
        help: [bin, '--help'],
        validateOne: [bin, 'validate', one, '--now', NOW],
      },
      rounds,
    );
    return [
      {
        metric: 'validate: files/s (1,000 files, one run)',
        value: (files / (bulkMs / 1000)).toFixed(0),
        target: '≥ 300',
        ok: files / (bulkMs / 1000) >= 300,
      },
      {
        metric: 'validate: files with errors / warnings',
        value: `${summary.invalidFiles} / ${summary.warnings} warnings`,
        target: '',
        ok: true,
      },
      { metric: '`node -e 0` (baseline), ms', value: t.node.toFixed(1), target: '', ok: true },
      {
        metric: '`livectl --help` ÷ baseline',
        value: `${(t.help / t.node).toFixed(2)}×`,
        target: '≤ 1.6×',
        ok: t.help / t.node <= 1.6,
      },
      {
        metric: '`livectl validate` one file ÷ baseline',
        value: `${(t.validateOne / t.node).toFixed(2)}×`,
        target: '≤ 2.5×',
        ok: t.validateOne / t.node <= 2.5,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
