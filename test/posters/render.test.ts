import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCanvas } from '../../src/poster/canvas.js';
import { type PosterTarget, posterScene, renderCampaignPosters } from '../../src/poster/index.js';
import { qrMatrix } from '../../src/poster/qr.js';
import { example, pngSize, readQr, tempDir } from './support.js';

const golden = JSON.parse(readFileSync(new URL('./golden.json', import.meta.url), 'utf8')) as {
  cases: { campaign: string; scale: 1 | 2; wave?: string }[];
  hashes: Record<string, string>;
};
const dirs: string[] = [];
const out = () => {
  const d = tempDir();
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('golden posters', () => {
  it('every case renders to the committed hashes (refresh: npm run posters:golden, after looking at them)', async () => {
    const actual: Record<string, string> = {};
    for (const c of golden.cases) {
      const { campaign, times, dir } = example(c.campaign);
      const r = await renderCampaignPosters({
        campaign,
        times,
        campaignDir: dir,
        outDir: out(),
        scale: c.scale,
        waveId: c.wave,
      });
      for (const f of r.files) actual[`${campaign.metadata.name}/${path.basename(f.file)}`] = sha(f.file);
    }
    expect(Object.keys(actual).sort()).toEqual(Object.keys(golden.hashes).sort());
    expect(actual).toEqual(golden.hashes);
  });

  it('is deterministic: the same input gives the same bytes', async () => {
    const { campaign, times, dir } = example('goddess-day.yaml');
    const a = await renderCampaignPosters({
      campaign,
      times,
      campaignDir: dir,
      outDir: out(),
      waveId: 'live',
    });
    const b = await renderCampaignPosters({
      campaign,
      times,
      campaignDir: dir,
      outDir: out(),
      waveId: 'live',
    });
    expect(sha(a.files[0]!.file)).toBe(sha(b.files[0]!.file));
  });
});

describe('renderCampaignPosters', () => {
  it('writes a poster per wave and the room, 750×1334, and the contact sheet; nothing half-written', async () => {
    const { campaign, times, dir } = example('goddess-day.yaml');
    const o = out();
    const r = await renderCampaignPosters({ campaign, times, campaignDir: dir, outDir: o });
    expect(r.files.map((f) => path.basename(f.file))).toEqual([
      'wave-t-3d.png',
      'wave-t-1d.png',
      'wave-t-30m.png',
      'wave-live.png',
      'after-feedback.png',
      'after-replay.png',
      'room.png',
    ]);
    for (const f of r.files) expect(pngSize(f.file)).toEqual({ width: 750, height: 1334 });
    expect(readdirSync(o).sort()).toEqual(
      [...r.files.map((f) => path.basename(f.file)), 'fonts', 'index.html'].sort(),
    );
    // The sheet's font: the Noto Sans SC slices it needs, with the licence.
    expect(readdirSync(path.join(o, 'fonts'))).toContain('LICENSE_OFL.txt');
    expect(r.warnings).toEqual([]);
  });

  it('--scale 2 gives 1500×2668', async () => {
    const { campaign, times, dir } = example('goddess-day.yaml');
    const r = await renderCampaignPosters({
      campaign,
      times,
      campaignDir: dir,
      outDir: out(),
      scale: 2,
      waveId: 't-1d',
    });
    expect(path.basename(r.files[0]!.file)).toBe('wave-t-1d@2x.png');
    expect(pngSize(r.files[0]!.file)).toEqual({ width: 1500, height: 2668 });
  });

  it('offline, each code is a QR that decodes back to the room’s share path with the wave', async () => {
    const { campaign, times, dir } = example('goddess-day.yaml');
    const r = await renderCampaignPosters({ campaign, times, campaignDir: dir, outDir: out() });
    for (const f of r.files) {
      expect(f.code).toBe('qr');
      expect(await readQr(f.file)).toBe(f.target.sharePath);
    }
    const t3d = r.files.find((f) => f.target.key === 'wave/t-3d')!;
    expect(t3d.target.sharePath).toBe(
      'plugin-private://wx2b03c6e691cd7370/pages/live-player-plugin?custom_params=%7B%22w%22%3A%22t-3d%22%7D',
    );
  });

  it('the QR carries the room id once it is known, also at scale 2', async () => {
    const { campaign, times, dir } = example('goddess-day.yaml');
    const r = await renderCampaignPosters({
      campaign,
      times,
      campaignDir: dir,
      outDir: out(),
      roomId: '6209',
      scale: 2,
      waveId: 'live',
    });
    expect(await readQr(r.files[0]!.file)).toBe(
      'plugin-private://wx2b03c6e691cd7370/pages/live-player-plugin?room_id=6209&custom_params=%7B%22w%22%3A%22live%22%7D',
    );
  });

  it('embeds the mini-program code the caller passes (apply), per target', async () => {
    const { campaign, times, dir } = example('goddess-day.yaml');
    // Stand-in for getwxacodeunlimit's PNG: a QR of the scene, so the test can read what was embedded.
    const { createCanvas } = await loadCanvas();
    const codePng = (text: string) => {
      const m = qrMatrix(text);
      const px = 10;
      const cv = createCanvas((m.size + 8) * px, (m.size + 8) * px);
      const ctx = cv.getContext('2d');
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, cv.width, cv.height);
      ctx.fillStyle = '#000';
      m.dark.forEach((row, y) => {
        row.forEach((d, x) => {
          if (d) ctx.fillRect((x + 4) * px, (y + 4) * px, px, px);
        });
      });
      return cv.toBuffer('image/png');
    };
    const asked: PosterTarget[] = [];
    const r = await renderCampaignPosters({
      campaign,
      times,
      campaignDir: dir,
      outDir: out(),
      code: async (t) => {
        asked.push(t);
        return t.waveId === 't-1d' || t.kind === 'room' ? codePng(posterScene(6209, t)) : undefined;
      },
    });
    expect(asked.map((t) => t.key)).toEqual(r.files.map((f) => f.target.key));
    const byKey = Object.fromEntries(r.files.map((f) => [f.target.key, f]));
    expect(byKey['wave/t-1d']!.code).toBe('mini-program');
    expect(await readQr(byKey['wave/t-1d']!.file)).toBe('r=6209&w=t-1d');
    expect(await readQr(byKey.room!.file)).toBe('r=6209');
    expect(byKey['wave/t-3d']!.code).toBe('qr');
  });

  it('--wave renders one poster; the contact sheet still shows earlier ones', async () => {
    const { campaign, times, dir } = example('goddess-day.yaml');
    const o = out();
    await renderCampaignPosters({ campaign, times, campaignDir: dir, outDir: o, waveId: 't-3d' });
    const r = await renderCampaignPosters({ campaign, times, campaignDir: dir, outDir: o, waveId: 'live' });
    expect(r.files.map((f) => f.target.key)).toEqual(['wave/live']);
    const html = readFileSync(r.contactSheet, 'utf8');
    expect(html).toContain('src="wave-live.png"');
    expect(html).toContain('src="wave-t-3d.png"');
    expect(html).not.toContain('src="room.png"');
  });
});
