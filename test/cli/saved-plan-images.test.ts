import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type E2E, remoteWrites, startE2E } from '../e2e/support/workspace.js';

/**
 * A saved plan names its images by content (`media/<sha256>`): apply refuses it as stale when an
 * image changed since, as when the campaign file changed, and touches nothing.
 */
let e: E2E | undefined;
afterEach(async () => {
  await e?.close();
  e = undefined;
});

describe('apply <plan.json> after an image changed', () => {
  it('refuses the plan as stale, names the image, and sends nothing', async () => {
    e = await startE2E();
    expect((await e.cli(['plan', 'campaign.yaml', '--out', 'plan.json'])).code).toBe(0);
    // The cover is replaced by another picture (same file name, other bytes).
    copyFileSync(path.join(e.ws.dir, 'assets', 'share.png'), path.join(e.ws.dir, 'assets', 'cover.png'));
    const r = await e.cli(['apply', 'plan.json', '--yes']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'the saved plan plan.json is stale: image assets/cover.png changed since the plan was made',
    );
    expect(r.stderr).toContain('hint: Make a new plan');
    expect(r.stderr).not.toContain('internal error');
    expect(remoteWrites(await e.requests())).toEqual([]);

    const json = await e.cli(['apply', 'plan.json', '--yes', '--format', 'json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).error).toMatchObject({
      kind: 'user',
      message: expect.stringContaining('stale'),
    });

    // A new plan of the same files applies.
    expect((await e.cli(['plan', 'campaign.yaml', '--out', 'plan.json'])).code).toBe(0);
    expect((await e.cli(['apply', 'plan.json', '--yes'])).code).toBe(0);
  });
});
