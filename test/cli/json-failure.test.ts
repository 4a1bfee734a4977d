import { afterEach, describe, expect, it } from 'vitest';
import { type E2E, startE2E } from '../e2e/support/workspace.js';
import { runCli } from '../support/cli.js';

/**
 * With `--format json` every failure is one JSON document on stdout,
 * `{formatVersion: 1, error: {kind: "user"|"api"|"internal", api?, errcode?, message, hint?}}`,
 * with the exit code it has in text: 2 for a usage error, 1 for a failed operation.
 */
let e: E2E | undefined;
afterEach(async () => {
  await e?.close();
  e = undefined;
});

describe('usage errors with --format json', () => {
  it.each([
    [['validate', 'campaigns/', '--bogus', '--format', 'json'], "unknown option '--bogus'"],
    [['validate', 'campaigns/', '--fromat', 'text', '--format=json'], "unknown option '--fromat'"],
    [['plan', '--format', 'json'], "missing required argument 'campaign'"],
    [['bogus', '--format', 'json'], "unknown command 'bogus'"],
  ])('livectl %j: a JSON failure document, exit 2', async (args, message) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout);
    expect(doc).toEqual({ formatVersion: 1, error: { kind: 'user', message, hint: expect.any(String) } });
  });

  it('keeps commander\'s "did you mean" as the hint, and text without --format json', async () => {
    const json = await runCli(['validate', 'campaigns/', '--stict', '--format', 'json']);
    expect(JSON.parse(json.stdout).error.hint).toBe('Did you mean --strict?');
    const text = await runCli(['validate', 'campaigns/', '--stict']);
    expect(text.code).toBe(2);
    expect(text.stdout).toBe('');
    expect(text.stderr).toContain("error: unknown option '--stict'");
  });
});

describe('a WeChat error with --format json', () => {
  it('names the API, its errcode and the hint', async () => {
    e = await startE2E();
    expect((await e.cli(['apply', 'campaign.yaml', '--yes'])).code).toBe(0);
    await e.admin('faults', { path: '/wxa/business/getliveinfo', kind: 'errcode', errcode: 45009 });
    const r = await e.cli(['status', 'campaign.yaml', '--refresh', '--format', 'json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc).toEqual({
      formatVersion: 1,
      error: {
        kind: 'api',
        api: '/wxa/business/getliveinfo',
        errcode: 45009,
        message: expect.stringContaining('errcode 45009'),
        hint: expect.stringMatching(/quota/i),
      },
    });
  });
});
