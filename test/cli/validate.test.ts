import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { copyExamples } from '../support/examples.js';

const NOW = '2026-11-26T12:00:00+08:00';
let dir: string;

/** The goddess-day example with a few typos: each must be reported at its own line and column. */
function typoed(): string {
  return readFileSync(path.join(dir, 'goddess-day.yaml'), 'utf8')
    .replace('  duration: 2h', '  duraton: 2h')
    .replace('type: discount', 'type: discont')
    .replace('kind: preheat', 'kind: prehaet')
    .replace('    senders: [zhangsan, lisi]\n', '    senders: zhangsan\n')
    .replace('trigger: { likes: 30000 }', 'trigger: { likes: many }')
    .replace('  live-followers: {}', '  live-folowers: {}');
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'livectl-validate-'));
  copyExamples(dir);
  writeFileSync(path.join(dir, 'typos.yaml'), typoed());
});

describe('livectl validate', () => {
  it('passes the bundled examples with no errors and only the coupons-by-hand warning', async () => {
    const r = await runCli(['validate', '.', '--now', NOW], { cwd: dir });
    // typos.yaml is in the folder too: validate the examples alone.
    const only = await runCli(
      ['validate', 'goddess-day.yaml', 'minimal.yaml', '--format', 'json', '--now', NOW],
      {
        cwd: dir,
      },
    );
    expect(only.code).toBe(0);
    const doc = JSON.parse(only.stdout);
    // The one warning: goddess-day's coupons have no accounts.wechatPay, so they stay a person's task.
    const warnings = doc.files.flatMap((f: { diagnostics: { code: string }[] }) =>
      f.diagnostics.map((d) => d.code),
    );
    expect(warnings).toEqual(['W_COUPONS_BY_HAND']);
    expect(doc.summary).toMatchObject({ files: 2, errors: 0, warnings: 1, ok: true });
    expect(r.code).toBe(1);
  });

  it('reports shape problems with code, path, line and column, and "did you mean"', async () => {
    const r = await runCli(['validate', 'typos.yaml', '--format', 'json', '--now', NOW], { cwd: dir });
    expect(r.code).toBe(1);
    const diags = JSON.parse(r.stdout).files[0].diagnostics;
    const brief = diags.map((d: { code: string; path: unknown[]; line: number; column: number }) => [
      d.code,
      d.path.join('.'),
      d.line,
      d.column,
    ]);
    expect(brief).toEqual([
      ['E_UNKNOWN_KEY', 'room.duraton', 19, 3],
      ['E_VALUE', 'products.0.price.type', 29, 20],
      ['E_VALUE', 'coupons.0.kind', 47, 44],
      ['E_TYPE', 'channels.wecom-groups.senders', 53, 14],
      ['E_CHANNEL_TYPE', 'channels.live-folowers', 58, 3],
      ['E_TYPE', 'during.lotteries.0.trigger.likes', 75, 27],
    ]);
    expect(diags[0].message).toContain('did you mean "duration"');
    expect(diags[4].message).toContain('did you mean "live-followers"');
  });

  it('prints a code frame and the hint in text mode', async () => {
    const r = await runCli(['validate', 'typos.yaml', '--now', NOW], { cwd: dir });
    expect(r.stdout).toContain('typos.yaml:19:3 error[E_UNKNOWN_KEY] unknown key "duraton"');
    expect(r.stdout).toContain('> 19 |   duraton: 2h');
    expect(r.stdout).toMatch(/\| {3}\^{7}\n/);
    expect(r.stdout).toContain('hint: Rename "duraton" to "duration".');
    expect(r.stdout).toContain('1 file checked: 6 errors, 0 warnings');
  });

  it('writes GitHub annotations', async () => {
    const r = await runCli(['validate', 'typos.yaml', '--format', 'github', '--now', NOW], { cwd: dir });
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe(
      '::error file=typos.yaml,line=19,col=3,endLine=19,endColumn=10,title=E_UNKNOWN_KEY::unknown key "duraton"; did you mean "duration"? (at room.duraton)%0Ahint: Rename "duraton" to "duration".',
    );
    expect(lines.filter((l) => l.startsWith('::error '))).toHaveLength(6);
  });

  it('writes JUnit XML with one testcase per file', async () => {
    const r = await runCli(['validate', 'typos.yaml', 'minimal.yaml', '--format', 'junit', '--now', NOW], {
      cwd: dir,
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
    expect(r.stdout).toContain('<testsuite name="livectl validate" tests="2" failures="1"');
    expect(r.stdout.match(/<testcase /g)).toHaveLength(2);
    expect(r.stdout).toContain('type="E_UNKNOWN_KEY"');
    expect(r.stdout).toContain('typos.yaml:53:14 error[E_TYPE] senders must be a list, not a string');
  });

  it('expands globs and folders, and is deterministic for the same --now', async () => {
    const a = await runCli(['validate', '*.yaml', '--format', 'json', '--now', NOW], { cwd: dir });
    const b = await runCli(['validate', '.', '--format', 'json', '--now', NOW], { cwd: dir });
    // Other tests may add files to the folder: compare the three known ones.
    const files = (s: string) =>
      JSON.parse(s)
        .files.map((f: { file: string }) => f.file)
        .filter((f: string) => ['goddess-day.yaml', 'minimal.yaml', 'typos.yaml'].includes(f));
    expect(files(a.stdout)).toEqual(['goddess-day.yaml', 'minimal.yaml', 'typos.yaml']);
    expect(files(b.stdout)).toEqual(files(a.stdout));
    expect(a.stdout).toBe(
      (await runCli(['validate', '*.yaml', '--format', 'json', '--now', NOW], { cwd: dir })).stdout,
    );
  });

  it('reports an unknown time zone once, without any rule crashing', async () => {
    const text = readFileSync(path.join(dir, 'goddess-day.yaml'), 'utf8')
      .replace('timezone: Asia/Shanghai', 'timezone: Mars/Olympus')
      .replace('start: 2027-03-08T20:00', 'start: 2027-03-08T20:00+08:00');
    writeFileSync(path.join(dir, 'mars.yaml'), text);
    const r = await runCli(['validate', 'mars.yaml', '--format', 'json', '--now', NOW], { cwd: dir });
    const codes = JSON.parse(r.stdout).files[0].diagnostics.map((d: { code: string }) => d.code);
    expect(codes).toEqual(['E_TIMEZONE', 'W_COUPONS_BY_HAND']);
  });

  it('exits 2 on usage errors, with JSON when asked', async () => {
    expect((await runCli(['validate', 'minimal.yaml', '--format', 'xml'], { cwd: dir })).code).toBe(2);
    const badNow = await runCli(['validate', 'minimal.yaml', '--now', 'tomorrow', '--format', 'json'], {
      cwd: dir,
    });
    expect(badNow.code).toBe(2);
    expect(JSON.parse(badNow.stdout).error.message).toContain('--now');
    const none = await runCli(['validate', 'no-such-dir/*.yaml'], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no campaign files found');
    expect((await runCli(['validate'], { cwd: dir })).code).toBe(2);
  });

  it('suggests the right command for a typo and exits 2', async () => {
    const r = await runCli(['validat', 'x.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('(Did you mean validate?)');
  });
});
