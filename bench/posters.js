// bench/posters: posters per second in a warm process (every poster of the Goddess-day campaign, drawn,
// encoded and written), and `livectl posters` of one wave in a fresh process as a ratio to `node -e 0`
// measured in the same run, with its peak RSS.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { interleaved, median, timeCommand } from './measure.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'livectl.js');
const campaignFile = path.join(root, 'campaigns', 'goddess-day.yaml');
const NOW = '2026-11-26T12:00:00+08:00';
/** Preloaded into the fresh process: it reports its own peak RSS (KB) on exit. */
const REPORT_RSS =
  'data:text/javascript,process.on("exit",()=>process.stderr.write("maxrss="+process.resourceUsage().maxRSS+"\\n"))';

export async function benchPosters({ rounds = 5, freshRounds = 11 } = {}) {
  const out = mkdtempSync(path.join(tmpdir(), 'livectl-bench-posters-'));
  try {
    // Warm: the built modules in this process; a first round loads the renderer, fonts and images.
    const { parseCampaignBytes } = await import('../dist/campaign/load.js');
    const { resolveTimes } = await import('../dist/campaign/resolve.js');
    const { renderCampaignPosters } = await import('../dist/poster/index.js');
    const { campaign } = parseCampaignBytes(readFileSync(campaignFile));
    const opts = {
      campaign,
      times: resolveTimes(campaign),
      campaignDir: path.dirname(campaignFile),
      outDir: out,
    };
    await renderCampaignPosters(opts);
    const wall = [];
    const cpu = [];
    let count = 0;
    for (let i = 0; i < rounds; i++) {
      const t0 = process.hrtime.bigint();
      const c0 = process.cpuUsage();
      const r = await renderCampaignPosters(opts);
      const c = process.cpuUsage(c0);
      count = r.files.length;
      wall.push(Number(process.hrtime.bigint() - t0) / 1e6 / count);
      cpu.push((c.user + c.system) / 1000 / count);
    }
    const warmMs = median(wall);
    const cpuMs = median(cpu);

    // Fresh processes: `livectl posters <campaign> --wave t-3d` against `node -e 0`, interleaved.
    const one = [bin, 'posters', campaignFile, '--wave', 't-3d', '--out', out, '--now', NOW];
    const check = timeCommand(one);
    if (check.status !== 0) throw new Error(`livectl posters failed: ${check.stderr}`);
    // `livectl validate` of the same file: posters validates first, so this shows what is the renderer's.
    const validate = [bin, 'validate', campaignFile, '--now', NOW];
    const t = interleaved({ node: ['-e', '0'], validate, one }, freshRounds);
    const rss = [];
    for (let i = 0; i < 3; i++) {
      const m = /maxrss=(\d+)/.exec(timeCommand(['--import', REPORT_RSS, ...one]).stderr);
      if (m) rss.push(Number(m[1]) / 1024);
    }
    const rssMb = Math.max(...rss);
    const ratio = t.one / t.node;
    return [
      {
        metric: `posters: ms a poster, warm (${count} posters, median of ${rounds} rounds)`,
        value: warmMs.toFixed(1),
        target: '≤ 80',
        ok: warmMs <= 80,
      },
      {
        metric: 'posters: posters/s, warm',
        value: (1000 / warmMs).toFixed(1),
        target: '≥ 12.5',
        ok: warmMs <= 80,
      },
      {
        metric: 'posters: CPU ms a poster, warm (main thread + zlib pool)',
        value: cpuMs.toFixed(1),
        target: '',
        ok: true,
      },
      { metric: '`node -e 0` (baseline), ms', value: t.node.toFixed(1), target: '', ok: true },
      {
        metric: '`livectl posters --wave t-3d` ÷ baseline (fresh process)',
        value: `${ratio.toFixed(2)}× (${t.one.toFixed(0)} ms)`,
        target: '≤ 5×',
        ok: ratio <= 5,
      },
      {
        metric: '  of which `livectl validate` of the same file ÷ baseline',
        value: `${(t.validate / t.node).toFixed(2)}× (${t.validate.toFixed(0)} ms)`,
        target: '',
        ok: true,
      },
      {
        metric: '`livectl posters --wave t-3d` peak RSS, MB',
        value: rssMb.toFixed(0),
        target: '≤ 250',
        ok: rssMb <= 250,
      },
    ];
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
