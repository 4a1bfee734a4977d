import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runInPty } from './pty.js';

/**
 * `init` → `validate` → `plan` in a real terminal: the wizard is driven through a pseudo-terminal
 * (util-linux `script`), keystrokes and all, with the built CLI (bin/livectl.js).
 */
const BIN = fileURLToPath(new URL('../../bin/livectl.js', import.meta.url));
const NOW = '2026-11-26T12:00:00+08:00';
const ENTER = '\r';
const dir = mkdtempSync(path.join(tmpdir(), 'livectl-init-pty-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const hasScript = existsSync('/usr/bin/script') || existsSync('/bin/script');

describe.skipIf(!hasScript)('livectl init in a terminal', () => {
  it('asks, writes a campaign that validates clean, and plans', async () => {
    const r = await runInPty(`node ${BIN} init tea.yaml --now ${NOW}`, {
      cwd: dir,
      steps: [
        { expect: /Room name/, send: `春茶上新直播专场${ENTER}` },
        { expect: /Start \(date and time/, send: `2027-01-15 19:30${ENTER}` },
        { expect: /Campaign id/, send: `spring-tea${ENTER}` },
        { expect: /Duration/, send: `1h30m${ENTER}` },
        { expect: /Anchor's name/, send: `茶师小林${ENTER}` },
        { expect: /Anchor's WeChat ID/, send: `tea_lin01${ENTER}` },
        { expect: /Product 1: name/, send: `明前龙井250克${ENTER}` },
        { expect: /Product 1: price/, send: `168${ENTER}` },
        { expect: /Product 1: mini-program page/, send: ENTER },
        { expect: /Product 1: image/, send: ENTER },
        { expect: /Add another product/, send: `y${ENTER}` },
        { expect: /Product 2: name/, send: `碧螺春礼盒装${ENTER}` },
        { expect: /Product 2: price/, send: `199>129${ENTER}` },
        { expect: /Product 2: mini-program page/, send: `pages/goods/detail?id=13${ENTER}` },
        { expect: /Product 2: image/, send: ENTER },
        { expect: /Add another product/, send: `n${ENTER}` },
        { expect: /warm-up coupon/, send: ENTER },
        { expect: /minimum spend/, send: `99${ENTER}` },
        { expect: /Coupon: discount/, send: `20${ENTER}` },
        { expect: /how many/, send: ENTER },
        // Groups and Moments are ticked; go down to the robot (the 5th) and tick it too.
        { expect: /Which channels/, send: '\u001b[B\u001b[B\u001b[B\u001b[B ' },
        { expect: /team robot/, send: ENTER },
        { expect: /Mini program AppID/, send: `wx5a1b2c3d4e5f6a7b${ENTER}` },
        { expect: /WeCom CorpID/, send: ENTER },
        { expect: /AgentId/, send: ENTER },
        { expect: /WeCom members who send/, send: `xiaolin,xiaowang${ENTER}` },
      ],
    });
    expect(r.output).toContain('Wrote tea.yaml');
    // The CorpID was left at its placeholder: the summary says so.
    expect(r.output).toContain('placeholder accounts: WeCom CorpID ww0000000000000000');
    expect(r.code).toBe(0);
    const text = readFileSync(path.join(dir, 'tea.yaml'), 'utf8');
    expect(text).toContain('name: spring-tea');
    expect(text).toContain('start: 2027-01-15T19:30');
    expect(text).toContain('{ type: discount, original: 199, now: 129 }');
    expect(text).toContain('senders: [xiaolin, xiaowang]');
    expect(text).toContain('keyEnv: LIVECTL_ROBOT_STAFF');
    expect(text).toContain('title: 满99减20');

    const v = await runInPty(`node ${BIN} validate tea.yaml --now ${NOW}`, { cwd: dir, steps: [] });
    expect(v.output).toContain('warning[W_PLACEHOLDER_ACCOUNT]');
    // And coupons without accounts.wechatPay stay a person's task (W_COUPONS_BY_HAND).
    expect(v.output).toContain('W_COUPONS_BY_HAND');
    expect(v.output).toContain('0 errors, 2 warnings');
    expect(v.code).toBe(0);

    const p = await runInPty(`node ${BIN} plan tea.yaml --now ${NOW}`, {
      cwd: dir,
      steps: [],
      timeoutMs: 60_000,
    });
    expect(p.output).toMatch(/Plan: \d+ to create/);
    expect(p.code).toBe(0);
  }, 120_000);

  it('Ctrl-C during the questions writes nothing', async () => {
    const sub = mkdtempSync(path.join(dir, 'cancel-'));
    const r = await runInPty(`node ${BIN} init x.yaml --now ${NOW}`, {
      cwd: sub,
      steps: [
        { expect: /Room name/, send: `春茶上新直播专场${ENTER}` },
        { expect: /Start \(date and time/, send: '\u0003' },
      ],
    });
    expect(r.output).toContain('nothing was written');
    expect(r.code).toBe(130);
    expect(readdirSync(sub)).toEqual([]);
  }, 60_000);
});
