import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { emulatorOptions } from '../../src/emulator/run.js';
import { type E2E, type Json, ROOT, startE2E } from './support/workspace.js';

/**
 * campaigns/goddess-day-channels.yaml, as bundled, against the emulator as `livectl emulator --audit
 * auto` starts it (no account, binding, category or product added by the test): doctor passes; the
 * first apply does the store side and waits for the reservation; a person makes it (the admin
 * endpoint stands in); the second apply makes the codes, posters and outbox; status --refresh reads
 * it all back; dispatch sends the first wave; destroy cleans up and leaves the existing product.
 */

let e: E2E | undefined;
afterEach(async () => {
  await e?.close();
  e = undefined;
});

const EXAMPLE = path.join(ROOT, 'campaigns', 'goddess-day-channels.yaml');

describe('the bundled 视频号 example against the default emulator', () => {
  it('applies end to end with nothing but the reservation made by hand', async () => {
    e = await startE2E({
      emulator: emulatorOptions({ port: '0', audit: 'auto' }, { cwd: ROOT, env: {} }),
    });
    e.ws.writeCampaign(readFileSync(EXAMPLE, 'utf8'));
    Object.assign(e.env, {
      LIVECTL_CHANNELS_SHOP_SECRET: 'any',
      LIVECTL_CHANNELS_ASSISTANT_SECRET: 'any',
      LIVECTL_WECOM_SECRET: 'any',
      LIVECTL_OA_SECRET: 'any',
      LIVECTL_ROBOT_STAFF: 'any',
    });

    const doctor = await e.cli(['doctor', 'campaign.yaml', '--format', 'json']);
    const checks = JSON.parse(doctor.stdout).checks as Json[];
    expect(checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(checks.find((c) => c.id === 'channels-finder')?.detail).toContain('sphAbCdEf123');
    expect(doctor.code, doctor.stdout).toBe(0);

    const a1 = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect(a1.stderr).toBe('');
    expect(a1.code, a1.stdout).toBe(1);
    expect(a1.stdout).toMatch(
      /! reservation\s+no reservation yet: in 视频号, create a live reservation for 2027-03-08 20:00 \(Asia\/Shanghai\), described "女神节直播专场"/,
    );
    expect(a1.stdout).toMatch(/\+ store-product\/lipstick-520\s+added \(product \d+\), approved and listed/);
    expect(a1.stdout).toMatch(/\+ store-product\/gift-set\s+added \(product \d+\), approved and listed/);
    expect(a1.stdout).toMatch(/store-product\/mask-box\s+existing product 10000165397817 checked \(listed\)/);
    for (const p of ['lipstick-520', 'mask-box', 'gift-set'])
      expect(a1.stdout).toMatch(new RegExp(`\\+ showcase/${p}\\s+put in the 视频号 showcase`));
    for (const c of ['warmup-50', 'all-hands-20', 'share-10'])
      expect(a1.stdout).toMatch(new RegExp(`\\+ store-coupon/${c}\\s+coupon \\d+ created`));
    expect(a1.stdout).toMatch(/1 waiting for a person/);

    const { noticeId } = await e.admin('channels/notices', {
      finderUserName: 'sphAbCdEf123',
      startTime: '2027-03-08T20:00:00+08:00',
      description: '女神节直播专场',
    });
    const a2 = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect(a2.code, a2.stdout).toBe(0);
    expect(a2.stdout).toMatch(
      new RegExp(`\\+ reservation\\s+found reservation ${noticeId} for 2027-03-08 20:00`),
    );
    expect(a2.stdout).toMatch(/\+ code\/t-3d\s+scene w=t-3d for pages\/live\/entry/);
    expect(a2.stdout).toMatch(/\+ poster\/live\s+rendered/);
    expect(a2.stdout).toMatch(/Apply complete/);

    const s = JSON.parse((await e.cli(['status', 'campaign.yaml', '--refresh', '--format', 'json'])).stdout);
    expect(s.channels.reservation).toMatchObject({ noticeId: String(noticeId), statusText: 'available' });
    expect(s.channels.products.map((p: Json) => [p.product, p.listed, p.inShowcase])).toEqual([
      ['lipstick-520', true, true],
      ['mask-box', true, true],
      ['gift-set', true, true],
    ]);

    await e.setClock(new Date('2027-03-05T02:01:00Z'));
    const d = await e.cli(['dispatch', '--format', 'json']);
    expect(d.code, d.stdout + d.stderr).toBe(0);
    expect(JSON.parse(d.stdout)).toMatchObject({ sent: 3, failed: 0 });

    const gone = await e.cli(['destroy', 'campaign.yaml', '--yes']);
    expect(gone.code, gone.stdout).toBe(0);
    const st = await e.admin('channels');
    const status = (id: string) => st.products.find((p: Json) => p.productId === id)?.status;
    expect(status('10000165397817')).toBe(5);
    expect(st.products.filter((p: Json) => p.status === 11)).toHaveLength(2);
    expect(st.coupons.map((c: Json) => c.status)).toEqual([4, 4, 4]);
  }, 120_000);
});
