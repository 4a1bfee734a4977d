import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { CAMPAIGNS, pngSize, tempDir } from './support.js';

const NOW = '2026-11-26T12:00:00+08:00';
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A folder with a copy of an example campaign and its assets. */
function copyExample(file = 'goddess-day.yaml'): string {
  const dir = tempDir();
  dirs.push(dir);
  cpSync(path.join(CAMPAIGNS, 'assets'), path.join(dir, 'assets'), { recursive: true });
  cpSync(path.join(CAMPAIGNS, file), path.join(dir, 'campaign.yaml'));
  return dir;
}

describe('livectl posters', () => {
  it('writes every poster and index.html into out/<campaign>/ beside the campaign', async () => {
    const dir = copyExample();
    const r = await runCli(['posters', 'campaign.yaml', '--now', NOW], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = path.join(dir, 'out', 'goddess-day-2027');
    expect(readdirSync(out).sort()).toEqual(
      [
        'after-feedback.png',
        'after-replay.png',
        'fonts',
        'index.html',
        'room.png',
        'wave-live.png',
        'wave-t-1d.png',
        'wave-t-30m.png',
        'wave-t-3d.png',
      ].sort(),
    );
    expect(r.stdout).toContain(
      `posters for goddess-day-2027 → ${path.join('out', 'goddess-day-2027')}${path.sep}`,
    );
    expect(r.stdout).toMatch(/wave-t-3d\.png\s+teaser\s+750×1334\s+preview QR/);
    expect(r.stdout).toContain('index.html');
  });

  it('--wave, --scale 2, --out and --format json', async () => {
    const dir = copyExample();
    const r = await runCli(
      [
        'posters',
        'campaign.yaml',
        '--wave',
        't-3d',
        '--scale',
        '2',
        '--out',
        'posters',
        '--format',
        'json',
        '--now',
        NOW,
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({
      formatVersion: 1,
      campaign: 'goddess-day-2027',
      outDir: 'posters',
      contactSheet: path.join('posters', 'index.html'),
      posters: [
        {
          key: 'wave/t-3d',
          waveId: 't-3d',
          place: 'before',
          template: 'teaser',
          file: path.join('posters', 'wave-t-3d@2x.png'),
          width: 1500,
          height: 2668,
          code: 'qr',
          codePayload:
            'plugin-private://wx2b03c6e691cd7370/pages/live-player-plugin?custom_params=%7B%22w%22%3A%22t-3d%22%7D',
        },
      ],
      warnings: [],
    });
    expect(doc.posters[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(pngSize(path.join(dir, 'posters', 'wave-t-3d@2x.png'))).toEqual({ width: 1500, height: 2668 });
  });

  it('usage errors exit 2: an unknown wave, a bad scale', async () => {
    const dir = copyExample();
    const wave = await runCli(['posters', 'campaign.yaml', '--wave', 'nope', '--now', NOW], { cwd: dir });
    expect(wave.code).toBe(2);
    expect(wave.stderr).toContain('error: there is no wave "nope" in campaign goddess-day-2027');
    expect(wave.stderr).toContain('hint: Waves: t-3d, t-1d, t-30m, live, feedback, replay.');
    const scale = await runCli(['posters', 'campaign.yaml', '--scale', '3', '--now', NOW], { cwd: dir });
    expect(scale.code).toBe(2);
    expect(scale.stderr).toContain('--scale must be 1 or 2');
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('an invalid campaign is reported like validate does, and no poster is written (exit 1)', async () => {
    const dir = copyExample();
    rmSync(path.join(dir, 'assets', 'mask.png'));
    const r = await runCli(['posters', 'campaign.yaml', '--now', NOW], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/campaign\.yaml:\d+:\d+ error\[E_FILE_MISSING\]/);
    expect(r.stderr).toContain('no posters written: fix the errors above first');
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('an image that passes validation but cannot be drawn: one clear line naming the field, no stack', async () => {
    const dir = copyExample();
    const png = readFileSync(path.join(dir, 'assets', 'mask.png'));
    writeFileSync(path.join(dir, 'assets', 'mask.png'), png.subarray(0, 200)); // cut short: header intact
    const r = await runCli(['posters', 'campaign.yaml', '--now', NOW], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'error: products[1].image: image "assets/mask.png" is incomplete (the file is cut short)\nhint: Export or download it again.\n',
    );
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
    const json = await runCli(['posters', 'campaign.yaml', '--format', 'json', '--now', NOW], { cwd: dir });
    expect(JSON.parse(json.stdout)).toMatchObject({ formatVersion: 1, error: { kind: 'user' } });
  });

  it('says which after-waves get no poster and why', async () => {
    const dir = copyExample('minimal.yaml');
    const r = await runCli(['posters', 'campaign.yaml', '--now', NOW], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      '(no poster for after/feedback: after the broadcast, and the room keeps no replay',
    );
  });
});
