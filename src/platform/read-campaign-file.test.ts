import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCampaignFileSync } from './read-campaign-file.js';

const dir = mkdtempSync(path.join(tmpdir(), 'livectl-read-'));

describe('readCampaignFileSync', () => {
  it('reads a regular file whole', () => {
    writeFileSync(path.join(dir, 'a.yaml'), 'kind: Campaign\n');
    const r = readCampaignFileSync(path.join(dir, 'a.yaml'), 100);
    expect(r.ok && r.bytes.toString()).toBe('kind: Campaign\n');
  });

  it('refuses a file over the limit without reading it', () => {
    writeFileSync(path.join(dir, 'big.yaml'), 'x'.repeat(101));
    const r = readCampaignFileSync(path.join(dir, 'big.yaml'), 100);
    expect(r).toMatchObject({ ok: false, code: 'E_FILE_TOO_LARGE' });
  });

  it('refuses folders and devices, and says which', () => {
    mkdirSync(path.join(dir, 'folder.yaml'));
    expect(readCampaignFileSync(path.join(dir, 'folder.yaml'), 100)).toMatchObject({
      ok: false,
      code: 'E_NOT_A_FILE',
      message: 'is a directory, not a regular campaign file',
    });
    expect(readCampaignFileSync('/dev/zero', 100)).toMatchObject({
      ok: false,
      code: 'E_NOT_A_FILE',
      message: 'is a character device, not a regular campaign file',
    });
  });

  it.runIf(process.platform !== 'win32')('opens a FIFO without waiting for a writer', () => {
    const fifo = path.join(dir, 'fifo.yaml');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    expect(readCampaignFileSync(fifo, 100)).toMatchObject({ ok: false, code: 'E_NOT_A_FILE' });
  });

  it('names a missing file', () => {
    expect(readCampaignFileSync(path.join(dir, 'nope.yaml'), 100)).toMatchObject({
      ok: false,
      code: 'E_FILE_NOT_FOUND',
    });
  });
});
