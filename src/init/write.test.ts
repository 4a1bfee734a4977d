import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { discPng } from '../platform/png.js';
import { DEFAULTS } from './answers.js';
import { completeWithDefaults } from './flags.js';
import { writeCampaign } from './write.js';

/** 2026-11-26 12:00 in Shanghai: the default start is 30 days later at 20:00. */
const NOW = new Date('2026-11-26T04:00:00Z');
const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'livectl-init-write-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Default answers with a product picture from elsewhere (so init copies it) and an audience file. */
function answersWithImage(image: string) {
  return completeWithDefaults(
    {
      products: [{ ...DEFAULTS.product, image }],
      channels: ['wecom-groups', 'subscribe-message'],
    },
    true,
    NOW,
  );
}

describe('writeCampaign', () => {
  it('writes the campaign, the placeholders and the copied picture when it validates', async () => {
    const [dir, elsewhere] = [tempDir(), tempDir()];
    writeFileSync(path.join(elsewhere, 'lipstick.png'), discPng(300, [200, 30, 60]));
    const answers = answersWithImage(path.join(elsewhere, 'lipstick.png'));
    const file = path.join(dir, 'campaign.yaml');
    const w = await writeCampaign(file, answers, { force: false, cwd: dir, now: NOW });
    expect(w.summary.errors).toBe(0);
    expect(w.ok).toBe(true);
    expect(existsSync(file)).toBe(true);
    expect(readdirSync(path.join(dir, 'assets', answers.id)).sort()).toEqual([
      'cover.png',
      'feeds.png',
      'product-1.png',
      'share.png',
    ]);
    expect(w.images.map((p) => path.basename(p)).sort()).toEqual([
      'cover.png',
      'feeds.png',
      'product-1.png',
      'share.png',
    ]);
  });

  it('leaves nothing behind when the written campaign does not validate (a copied picture too large)', async () => {
    const [dir, elsewhere] = [tempDir(), tempDir()];
    writeFileSync(path.join(elsewhere, 'big.png'), discPng(600, [200, 30, 60]));
    const answers = answersWithImage(path.join(elsewhere, 'big.png'));
    const w = await writeCampaign(path.join(dir, 'sub', 'campaign.yaml'), answers, {
      force: false,
      cwd: dir,
      now: NOW,
    });
    expect(w.ok).toBe(false);
    expect(w.summary.errors).toBeGreaterThan(0);
    expect(w.images).toEqual([]);
    // No campaign, no placeholders, no copy, no audience file, no folders, no temporary files.
    expect(readdirSync(dir)).toEqual([]);
    expect(readdirSync(elsewhere)).toEqual(['big.png']);
  });

  it('puts back the pictures --force replaced when the campaign does not validate', async () => {
    const [dir, elsewhere] = [tempDir(), tempDir()];
    writeFileSync(path.join(elsewhere, 'big.png'), discPng(600, [200, 30, 60]));
    const answers = answersWithImage(path.join(elsewhere, 'big.png'));
    const assets = path.join(dir, 'assets', answers.id);
    mkdirSync(assets, { recursive: true });
    writeFileSync(path.join(assets, 'cover.png'), 'my own cover');
    writeFileSync(path.join(dir, 'campaign.yaml'), 'mine\n');
    const w = await writeCampaign(path.join(dir, 'campaign.yaml'), answers, {
      force: true,
      cwd: dir,
      now: NOW,
    });
    expect(w.ok).toBe(false);
    expect(readdirSync(assets)).toEqual(['cover.png']);
    expect(readFileSync(path.join(assets, 'cover.png'), 'utf8')).toBe('my own cover');
    expect(readFileSync(path.join(dir, 'campaign.yaml'), 'utf8')).toBe('mine\n');
    expect(readdirSync(dir).sort()).toEqual(['assets', 'campaign.yaml']);
  });

  it('leaves nothing behind when a picture cannot be read', async () => {
    const dir = tempDir();
    const answers = answersWithImage(path.join(tempDir(), 'missing.png'));
    await expect(
      writeCampaign(path.join(dir, 'campaign.yaml'), answers, { force: false, cwd: dir, now: NOW }),
    ).rejects.toThrow(/cannot read the image/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
