// bench/validate: throughput of one `livectl validate` over 1,000 generated files against ajv-cli over
// our own JSON Schema (schema/campaign.schema.json) on the same files — what a CI job would use instead —
// with the same verdicts on shape (every file ajv-cli rejects, livectl rejects); and the start-up cost of
// `livectl --help` and of validating one file, as ratios to `node -e 0`. All measured in the same run,
// alternating, medians.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCampaigns } from './generate-campaigns.js';
import { interleaved, timeCommand } from './measure.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'livectl.js');
const require = createRequire(import.meta.url);
const ajv = path.join(path.dirname(require.resolve('ajv-cli/package.json')), 'dist', 'index.js');
const schema = path.join(root, 'schema', 'campaign.schema.json');
const NOW = '2026-11-26T12:00:00+08:00';

/** Files ajv-cli calls invalid (it prints `<file> valid` or `<file> invalid` for each). */
function ajvRejected(output) {
  return new Set([...output.matchAll(/^(\S+\.yaml) invalid$/gm)].map((m) => path.resolve(m[1])));
}

export async function benchValidate({ files = 1000, rounds = 15, bulkRounds = 5 } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'livectl-bench-'));
  try {
    generateCampaigns(dir, files);
    const livectlArgs = [bin, 'validate', dir, '--format', 'json', '--now', NOW];
    const ajvArgs = [ajv, 'validate', '--spec=draft2020', '-s', schema, '-d', path.join(dir, '*.yaml')];
    // Verdicts first: every file ajv-cli rejects on shape, livectl rejects too.
    const lv = timeCommand(livectlArgs);
    if (lv.status !== 0 && lv.status !== 1) throw new Error(`validate failed: ${lv.stderr}`);
    const report = JSON.parse(lv.stdout);
    const summary = report.summary;
    const livectlRejected = new Set(
      report.files
        .filter((f) => f.diagnostics.some((d) => d.severity === 'error'))
        .map((f) => path.resolve(dir, f.file)),
    );
    const aj = timeCommand(ajvArgs);
    const rejectedByAjv = ajvRejected(`${aj.stdout}\n${aj.stderr}`);
    const missed = [...rejectedByAjv].filter((f) => !livectlRejected.has(f));
    // `--cache` (results of unchanged files reused, like eslint's): filled once, then measured warm.
    const cachedArgs = [...livectlArgs, '--cache', '--cache-location', path.join(dir, '.validate-cache')];
    const fill = timeCommand(cachedArgs);
    const warm = timeCommand(cachedArgs);
    const sameVerdicts =
      fill.stdout === lv.stdout &&
      warm.stdout.replace(/"workers": \d+/, '') === lv.stdout.replace(/"workers": \d+/, '');
    const bulk = interleaved({ livectl: livectlArgs, ajv: ajvArgs, cached: cachedArgs }, bulkRounds);
    const ratio = bulk.ajv / bulk.livectl;
    const cachedRatio = bulk.ajv / bulk.cached;
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
        metric: `validate: files/s (${files.toLocaleString('en-US')} files, one run)`,
        value: (files / (bulk.livectl / 1000)).toFixed(0),
        target: '',
        ok: true,
      },
      {
        metric: `ajv-cli (same files, our JSON Schema): files/s`,
        value: (files / (bulk.ajv / 1000)).toFixed(0),
        target: '',
        ok: true,
      },
      {
        metric: 'validate throughput ÷ ajv-cli',
        value: `${ratio.toFixed(2)}×`,
        target: '≥ 1.5×',
        ok: ratio >= 1.5,
      },
      {
        metric: 'validate --cache, unchanged files (warm) ÷ ajv-cli',
        value: `${cachedRatio.toFixed(2)}× (${(files / (bulk.cached / 1000)).toFixed(0)} files/s)`,
        target: '',
        ok: true,
      },
      {
        metric: 'validate --cache: same report as without it',
        value: sameVerdicts ? 'yes' : 'NO',
        target: 'yes',
        ok: sameVerdicts,
      },
      {
        metric: 'files ajv-cli rejects that livectl passes',
        value: `${missed.length} of ${rejectedByAjv.size}`,
        target: '0',
        ok: missed.length === 0,
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
        target: '≤ 1.3×',
        ok: t.help / t.node <= 1.3,
      },
      {
        metric: '`livectl validate` one file ÷ baseline',
        value: `${(t.validateOne / t.node).toFixed(2)}×`,
        target: '≤ 1.6×',
        ok: t.validateOne / t.node <= 1.6,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
