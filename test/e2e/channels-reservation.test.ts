import { afterEach, describe, expect, it } from 'vitest';
import { MIN, reserve, START, startChannels } from './support/channels.js';
import type { E2E } from './support/workspace.js';

/**
 * The 视频号 reservation has no create API: a person makes it, apply finds it. Found late (the first
 * apply asks a person and holds back what depends on it; the next apply records it), and cancelled
 * after it was recorded (status --refresh records the cancellation, plan shows the drift, a new
 * reservation replaces it).
 */

let e: E2E | undefined;
afterEach(async () => {
  await e?.close();
  e = undefined;
});

describe('the 视频号 reservation', () => {
  it('found late: the first apply asks a person and waits, the second records it and makes the codes', async () => {
    e = await startChannels();
    const a1 = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect(a1.code).toBe(1);
    expect(a1.stdout).toMatch(
      /! reservation\s+no reservation yet: in 视频号, create a live reservation for 2027-03-20 19:30 \(Asia\/Shanghai\), described "春茶上新直播"/,
    );
    // The store side does not wait for it; the codes, posters and reminders do.
    expect(a1.stdout).toMatch(/\+ store-product\/longjing\s+added/);
    expect(a1.stdout).toMatch(/code\/t-3d(?: and \d+ more)?: skipped, reservation did not complete/);
    expect((await e.requests()).filter((r) => r.path === '/wxa/getwxacodeunlimit')).toEqual([]);
    expect(a1.stdout).toMatch(/1 waiting for a person/);

    // A reservation a few minutes off the start still counts.
    await e.advance(60 * MIN);
    const noticeId = await reserve(e, new Date(START.getTime() + 3 * MIN));
    const a2 = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect(a2.code, a2.stdout).toBe(0);
    expect(a2.stdout).toMatch(
      new RegExp(`\\+ reservation\\s+found reservation ${noticeId} for 2027-03-20 19:33`),
    );
    expect(a2.stdout).toMatch(/\+ code\/t-3d\s+scene w=t-3d/);
    expect(a2.stdout).toMatch(/\+ reminder\/t-3d\/wecom-groups/);
    const plan = JSON.parse((await e.cli(['plan', 'campaign.yaml', '--format', 'json'])).stdout);
    expect(plan.changes.find((c: { address: string }) => c.address === 'reservation')).toMatchObject({
      action: 'noop',
      reason: expect.stringContaining(`reserved: notice ${noticeId}`),
    });
  }, 120_000);

  it('cancelled: status --refresh records it, plan shows the drift, a new reservation replaces it', async () => {
    e = await startChannels();
    const first = await reserve(e);
    expect((await e.cli(['apply', 'campaign.yaml', '--yes'])).code).toBe(0);

    await e.advance(24 * 60 * MIN);
    await e.admin(`channels/notices/${first}/cancel`, {});
    const st = JSON.parse((await e.cli(['status', 'campaign.yaml', '--refresh', '--format', 'json'])).stdout);
    expect(st.channels.reservation).toMatchObject({
      noticeId: first,
      status: 1,
      statusText: 'cancelled',
      drift: true,
    });
    const text = await e.cli(['status', 'campaign.yaml']);
    expect(text.stdout).toMatch(/Reservation notice \d+ .* cancelled: create a new one for the room's start/);
    const plan = await e.cli(['plan', 'campaign.yaml']);
    expect(plan.stdout).toMatch(new RegExp(`! reservation\\s+reservation ${first} was cancelled in 视频号`));

    // Apply says the same and waits for a person …
    const a2 = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect(a2.code).toBe(1);
    expect(a2.stdout).toMatch(
      new RegExp(`! reservation\\s+reservation ${first} was cancelled: in 视频号, create`),
    );
    // … who makes a new one: the next apply records it in place of the cancelled one.
    const second = await reserve(e);
    const a3 = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect(a3.code, a3.stdout).toBe(0);
    expect(a3.stdout).toMatch(new RegExp(`reservation ${first} was cancelled; found reservation ${second}`));
    const after = JSON.parse((await e.cli(['status', 'campaign.yaml', '--format', 'json'])).stdout);
    expect(after.channels.reservation).toMatchObject({ noticeId: second, status: 0 });
    expect(after.channels.reservation.drift).toBeUndefined();
  }, 120_000);
});
