import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateCampaigns } from '../../bench/generate-campaigns.js';
import { type ValidateOptions, type ValidationResult, validateFiles } from './validate-files.js';

/**
 * `validate --cache` never changes a result: a run that reuses entries gives exactly what a run
 * without the cache gives, and any change to what a file's result depends on is seen.
 */
const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const NOW = new Date('2026-11-26T04:00:00Z');

function workspace(): { dir: string; files: string[]; cacheFile: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'livectl-cache-'));
  generateCampaigns(dir, 12);
  cpSync(path.join(root, 'campaigns', 'minimal.yaml'), path.join(dir, 'minimal.yaml'));
  const files = [
    ...Array.from({ length: 12 }, (_, i) => path.join(dir, `campaign-${String(i).padStart(4, '0')}.yaml`)),
    path.join(dir, 'minimal.yaml'),
    path.join(dir, 'missing.yaml'),
  ];
  return { dir, files, cacheFile: path.join(dir, '.livectl', 'validate-cache') };
}

const plain = (r: ValidationResult) => JSON.parse(JSON.stringify(r));

async function both(files: string[], opts: ValidateOptions) {
  const cached = await validateFiles(files, opts);
  const { cache: _, ...without } = opts;
  const fresh = await validateFiles(files, without);
  return { cached: plain(cached), fresh: plain(fresh) };
}

describe('validate --cache', () => {
  it('gives the same result from the cache as without it, and reuses entries', async () => {
    const { files, cacheFile } = workspace();
    const opts = { now: NOW, cache: { file: cacheFile, buildId: 'test' } };
    const first = await both(files, opts);
    expect(first.cached).toEqual(first.fresh);
    const written = readFileSync(cacheFile);
    const second = await both(files, opts);
    expect(second.cached).toEqual(second.fresh);
    // Nothing changed, so nothing was rewritten.
    expect(readFileSync(cacheFile).equals(written)).toBe(true);
  });

  it('sees a changed file, a changed image, another --now and another build', async () => {
    const { dir, files, cacheFile } = workspace();
    const opts = { now: NOW, cache: { file: cacheFile, buildId: 'test' } };
    await validateFiles(files, opts);

    writeFileSync(files[0]!, readFileSync(files[0]!, 'utf8').replace('duration:', 'duratoin:'));
    let r = await both(files, opts);
    expect(r.cached).toEqual(r.fresh);
    expect(r.cached.files[0].diagnostics.map((d: { code: string }) => d.code)).toContain('E_UNKNOWN_KEY');

    // A cover image that is no longer a PNG of the right size.
    writeFileSync(path.join(dir, 'assets', 'cover.png'), 'not an image');
    r = await both(files, opts);
    expect(r.cached).toEqual(r.fresh);

    const later = { ...opts, now: new Date('2027-06-01T00:00:00Z') };
    r = await both(files, later);
    expect(r.cached).toEqual(r.fresh);

    r = await both(files, { ...opts, cache: { file: cacheFile, buildId: 'another' } });
    expect(r.cached).toEqual(r.fresh);
  });

  it('ignores a cache file that is not one (and replaces it)', async () => {
    const { files, cacheFile } = workspace();
    const opts = { now: NOW, cache: { file: cacheFile, buildId: 'test' } };
    await validateFiles(files, opts);
    writeFileSync(cacheFile, 'garbage');
    const r = await both(files, opts);
    expect(r.cached).toEqual(r.fresh);
    expect(readFileSync(cacheFile).toString()).not.toBe('garbage');
  });
});
