// The planner on platform: channels: the 视频号 reservation, the 小店's images, products, showcase and
// coupons, the waves' codes and posters, and the tasks left to people.
import { describe, expect, it } from 'vitest';
import { aChannelsCampaign, aPlanInput, aState, assetsFor } from '../../test/support/builders.js';
import { at, changesOf, only } from '../../test/support/plans.js';
import { resolveTimes } from '../campaign/resolve.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { dropCreateOnlyFindings } from './create-only-findings.js';
import { planCampaign } from './planner.js';
import type { Action, PlanInput } from './types.js';

const input = (opts: Parameters<typeof aPlanInput>[0] = {}): PlanInput =>
  aPlanInput({ campaign: aChannelsCampaign(), ...opts });
const appliedState = (edit?: (s: ReturnType<typeof aState>) => void) => {
  const b = aState().appliedChannels(input());
  edit?.(b);
  return b.build();
};
const kinds = (plan: ReturnType<typeof planCampaign>) => {
  const byKind = new Map<string, Action[]>();
  for (const c of plan.changes) {
    const kind = c.address.split('/')[0]!;
    byKind.set(kind, [...(byKind.get(kind) ?? []), c.action]);
  }
  return Object.fromEntries(byKind);
};

describe('planCampaign on channels', () => {
  it('a fresh campaign: a reservation for a person, the 小店 resources created, no room, goods or media', () => {
    const plan = planCampaign(input());
    expect(kinds(plan)).toEqual({
      reservation: ['human'],
      'store-image': Array(6).fill('create'),
      'store-product': Array(3).fill('create'),
      showcase: Array(3).fill('create'),
      'store-coupon': Array(3).fill('create'),
      code: Array(6).fill('create'),
      poster: Array(6).fill('create'),
      menu: ['create'],
      reminder: Array(12).fill('create'),
    });
    expect(only(plan, 'reservation').reason).toBe(
      'no reservation found yet: in 视频号, create a live reservation for 2027-03-08 20:00, described "女神节直播专场"; apply records it once 视频号助手 lists it',
    );
    const assets = assetsFor(aChannelsCampaign());
    expect(only(plan, 'store-product/lipstick-520').dependsOn).toEqual(
      [1, 2, 3].map((n) => `store-image/${assets.get(`assets/lipstick-${n}.jpg`)!.sha256}`),
    );
    expect(only(plan, 'store-product/lipstick-520').after).toMatchObject({
      outProductId: 'lc-goddess-day-channels-lipstick-520',
      title: '玫瑰丝绒口红',
      sku: { salePrice: 12900, marketPrice: 19900, stock: 500 },
      deliverMethod: 0,
      freightTemplateId: '1001',
    });
    expect(only(plan, 'store-product/mask-box')).toMatchObject({
      action: 'create',
      after: { productId: '10000165397817', external: true },
    });
    expect(only(plan, 'showcase/mask-box').dependsOn).toEqual(['store-product/mask-box']);
    expect(only(plan, 'store-coupon/all-hands-20')).toMatchObject({
      after: {
        type: 4,
        discountFee: 2000,
        products: ['lipstick-520'],
        notes: 'livectl:goddess-day-channels/all-hands-20',
      },
      dependsOn: ['store-product/lipstick-520'],
    });
    expect(only(plan, 'store-coupon/warmup-50').after).toMatchObject({
      type: 102,
      productPrice: 19900,
      discountFee: 5000,
    });
    expect(only(plan, 'store-coupon/share-10').after).toEqual({ couponId: '5000000001', external: true });
    expect(only(plan, 'code/t-3d')).toMatchObject({
      dependsOn: ['reservation'],
      after: { scene: 'w=t-3d', page: 'pages/live/entry', platform: 'channels' },
    });
    expect(plan.changes.some((c) => c.address === 'room' || c.address.startsWith('media/'))).toBe(false);
    // The existing 小店 product is not submitted for audit.
    expect(plan.timeline.find((e) => e.kind === 'goods-deadline')?.label).toMatch(/^商品最晚提审（2件商品/);
  });

  it('changes come in the order apply walks them', () => {
    const plan = planCampaign(input());
    expect([...new Set(plan.changes.map((c) => c.address.split('/')[0]))]).toEqual([
      'reservation',
      'store-image',
      'store-product',
      'showcase',
      'store-coupon',
      'code',
      'poster',
      'menu',
      'reminder',
    ]);
  });

  it('an applied state: every change is a noop', () => {
    const plan = planCampaign(input({ state: appliedState() }));
    expect(plan.changes.filter((c) => c.action !== 'noop')).toEqual([]);
    expect(only(plan, 'reservation').reason).toBe('reserved: notice notice-1 for 2027-03-08 20:00');
  });

  it('a cancelled reservation, or one moved off the start, is drift for a person', () => {
    const cancelled = planCampaign(
      input({
        state: appliedState((s) =>
          s.patch('reservation', { attributes: { startTime: '2027-03-08T12:00:00.000Z', status: 1 } }),
        ),
      }),
    );
    expect(only(cancelled, 'reservation')).toMatchObject({
      action: 'human',
      reason: expect.stringMatching(
        /^reservation notice-1 was cancelled in 视频号: in 视频号, create a live reservation for 2027-03-08 20:00/,
      ),
    });
    const moved = planCampaign(
      input({
        state: appliedState((s) =>
          s.patch('reservation', { attributes: { startTime: '2027-03-08T13:00:00.000Z', status: 0 } }),
        ),
      }),
    );
    expect(only(moved, 'reservation').action).toBe('human');
    expect(only(moved, 'reservation').reason).toMatch(
      /was moved: it is for 2027-03-08 21:00, the campaign starts at 2027-03-08 20:00/,
    );
    const nearly = planCampaign(
      input({
        state: appliedState((s) =>
          s.patch('reservation', { attributes: { startTime: '2027-03-08T12:03:00.000Z', status: 0 } }),
        ),
      }),
    );
    expect(only(nearly, 'reservation').action).toBe('noop');
    expect(moved.tasks.filter((t) => t.kind === 'channels-reservation')).toHaveLength(1);
  });

  it('store products: in audit waits, a rejection is for a person, an edit updates the draft', () => {
    const audit = planCampaign(
      input({
        state: appliedState((s) =>
          s.patch('store-product/lipstick-520', { attributes: { editStatus: 2, status: 0 } }),
        ),
      }),
    );
    expect(only(audit, 'store-product/lipstick-520')).toMatchObject({
      action: 'wait',
      reason: expect.stringMatching(/in the 小店's audit/),
    });
    const rejected = planCampaign(
      input({
        state: appliedState((s) =>
          s.patch('store-product/lipstick-520', {
            attributes: { editStatus: 3, status: 0, reason: '类目不符' },
          }),
        ),
      }),
    );
    expect(only(rejected, 'store-product/lipstick-520')).toMatchObject({
      action: 'human',
      reason: expect.stringMatching(/refused .* in audit: 类目不符/),
    });
    const cheaper = aChannelsCampaign((c) => {
      c.products[0]!.price = { type: 'discount', original: 199, now: 119 };
    });
    const edited = planCampaign(aPlanInput({ campaign: cheaper, state: appliedState() }));
    const change = only(edited, 'store-product/lipstick-520');
    expect(change.action).toBe('update');
    expect(change.reason).toMatch(/12900 → 11900.*sent to audit again/);
    expect(change.dependsOn).toHaveLength(3);
    // The coupon's spec does not change with the price; the images are uploaded already.
    expect(changesOf(edited, 'store-coupon/all-hands-20')[0]!.action).toBe('noop');
    expect(edited.changes.filter((c) => c.address.startsWith('store-image/')).map((c) => c.action)).toEqual(
      Array(6).fill('noop'),
    );
  });

  it('a listed product whose changed draft the audit quota refused waits for the quota, not noop', () => {
    const cheaper = aChannelsCampaign((c) => {
      c.products[0]!.price = { type: 'discount', original: 199, now: 119 };
    });
    // Apply sent the new price (the draft's hash is the campaign's), then listing answered 1002001.
    const state = aState()
      .appliedChannels(aPlanInput({ campaign: cheaper }))
      .patch('store-product/lipstick-520', { attributes: { editStatus: 72, status: 5 } })
      .build();
    const plan = planCampaign(aPlanInput({ campaign: cheaper, state }));
    expect(only(plan, 'store-product/lipstick-520')).toMatchObject({
      action: 'wait',
      reason: "the 小店's audit quota is used up: submitted again when it allows",
    });
    expect(plan.summary.wait).toBe(1);
    // Listed and nothing pending: still noop.
    const listed = aState()
      .appliedChannels(aPlanInput({ campaign: cheaper }))
      .build();
    expect(
      only(planCampaign(aPlanInput({ campaign: cheaper, state: listed })), 'store-product/lipstick-520')
        .action,
    ).toBe('noop');
  });

  it('a product or coupon that left the campaign: created ones are removed, existing ones forgotten', () => {
    const fewer = aChannelsCampaign((c) => {
      c.products = c.products.filter((p) => p.id === 'lipstick-520');
      c.coupons = c.coupons.filter((k) => k.id !== 'share-10');
    });
    const plan = planCampaign(aPlanInput({ campaign: fewer, state: appliedState() }));
    expect(only(plan, 'store-product/mask-box')).toMatchObject({
      action: 'delete',
      reason: expect.stringMatching(/forgotten/),
    });
    expect(only(plan, 'store-product/gift-set')).toMatchObject({
      action: 'delete',
      reason: expect.stringMatching(/delisted and deleted/),
    });
    expect(only(plan, 'showcase/gift-set').action).toBe('delete');
    expect(only(plan, 'store-coupon/share-10').reason).toMatch(/never voided/);
  });

  it('without a live page: no codes, posters without one; without a mini program also no menu', () => {
    const noPage = aChannelsCampaign((c) => {
      c.accounts.miniProgram = { appId: 'wx0123456789abcdef' };
    });
    const plan = planCampaign(aPlanInput({ campaign: noPage }));
    expect(plan.changes.filter((c) => c.address.startsWith('code/'))).toEqual([]);
    expect(only(plan, 'poster/t-3d')).toMatchObject({
      action: 'create',
      reason: 'not rendered yet (template teaser, no code)',
    });
    expect(only(plan, 'poster/t-3d').dependsOn).toBeUndefined();
    expect(changesOf(plan, 'menu')).toHaveLength(1);
    const noMp = aChannelsCampaign((c) => {
      delete c.accounts.miniProgram;
    });
    expect(changesOf(planCampaign(aPlanInput({ campaign: noMp })), 'menu')).toEqual([]);
    const noMenuPage = aChannelsCampaign((c) => {
      c.accounts.miniProgram = { appId: 'wx0123456789abcdef' };
      c.channels['official-account'] = { type: 'official-account', menu: { name: '预约直播' } };
    });
    expect(changesOf(planCampaign(aPlanInput({ campaign: noMenuPage })), 'menu')).toEqual([]);
    // Codes made for a live page that was removed since are deleted.
    const after = planCampaign(aPlanInput({ campaign: noPage, state: appliedState() }));
    expect(only(after, 'code/t-3d').action).toBe('delete');
  });

  it("tasks: the reservation, the switches and the binding, the live console's coupons and lotteries; no anchor or coupon set-up", () => {
    const plan = planCampaign(input());
    const kinds = plan.tasks.map((t) => t.kind);
    expect(kinds).not.toContain('anchor-real-name');
    expect(kinds).not.toContain('coupon-setup');
    expect(plan.tasks.filter((t) => t.kind !== 'confirm-wecom-task').map((t) => [t.kind, t.what])).toEqual([
      [
        'channels-reservation',
        expect.stringMatching(/^in 视频号, create a live reservation for 2027-03-08 20:00/),
      ],
      ['channels-setup', expect.stringMatching(/开放场景: 橱窗 and 带货直播数据/)],
      ['channels-setup', expect.stringMatching(/^bind 视频号 sphAbCdEf123 to the 小店 wx1111111111111111/)],
      ['live-console', 'push coupon all-hands-20 "全场立减20" in the 视频号 live console'],
      ['live-console', 'push coupon share-10 "分享得10元券" in the 视频号 live console'],
      ['live-console', expect.stringMatching(/福袋 lottery "小黑盖口红" ×5 .* when likes reach 30000/)],
      ['live-console', expect.stringMatching(/福袋 lottery "口红礼盒" ×3/)],
    ]);
    expect(plan.tasks[0]!.due).toBe('2027-03-05T02:00:00.000Z');
    // Once applied only the live console's work remains.
    const later = planCampaign(input({ state: appliedState() }));
    expect(later.tasks.filter((t) => t.kind.startsWith('channels-'))).toEqual([]);
  });

  it('is pure: the same input plans the same', () => {
    const i = input({ now: at('2027-03-01T02:00:00Z') });
    expect(planCampaign(i)).toEqual(planCampaign(i));
  });

  it('a recorded reservation for the start answers the start-window findings, as a created room does', () => {
    const past: Diagnostic[] = [
      {
        code: 'E_START_PAST',
        severity: 'error',
        message: 'past',
        path: ['room', 'start'],
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 2,
      },
    ];
    const times = resolveTimes(aChannelsCampaign());
    expect(dropCreateOnlyFindings(past, times, appliedState())).toEqual([]);
    expect(dropCreateOnlyFindings(past, times, aState().build())).toEqual(past);
    const moved = appliedState((s) =>
      s.patch('reservation', { attributes: { startTime: '2027-03-08T13:00:00.000Z', status: 0 } }),
    );
    expect(dropCreateOnlyFindings(past, times, moved)).toEqual(past);
  });
});
