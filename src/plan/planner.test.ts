import { describe, expect, it } from 'vitest';
import {
  aCampaign,
  aPlanInput,
  aProduct,
  aState,
  assetsFor,
  DEFAULT_NOW,
  manyProducts,
  type StateBuilder,
} from '../../test/support/builders.js';
import type { Campaign } from '../campaign/schema.js';
import type { StateSnapshot } from '../state/types.js';
import { canonicalJson } from './desired.js';
import { hasPendingChanges, planCampaign, summarize, summaryLine } from './planner.js';
import type { Action, Change, Plan, PlanInput } from './types.js';

/** A state where everything of the default campaign was applied an hour before `now` (or at `at`). */
function applied(
  opts: { at?: Date; campaign?: Campaign; edit?: (s: StateBuilder) => void } = {},
): StateSnapshot {
  const b = aState().applied(aPlanInput({ campaign: opts.campaign }), { at: opts.at });
  opts.edit?.(b);
  return b.build();
}

const at = (iso: string) => new Date(iso);
/** 2027-03-08 20:30 in Shanghai: the broadcast (20:00–22:00) is live. */
const LIVE = at('2027-03-08T12:30:00Z');
/** 2027-03-09 12:00 in Shanghai: the broadcast is over, and so is every wave. */
const OVER = at('2027-03-09T04:00:00Z');

function changesOf(plan: Plan, address: string): Change[] {
  return plan.changes.filter((c) => c.address === address);
}

function only(plan: Plan, address: string): Change {
  const list = changesOf(plan, address);
  expect(list, `changes of ${address}`).toHaveLength(1);
  return list[0]!;
}

type Expected = [address: string, action: Action, reason?: RegExp];

/**
 * The update rules as a table: given a campaign and a state, these changes (address, action, and
 * what the reason must say). Every row is one rule of the platform or the playbook.
 */
const RULES: { rule: string; input: () => PlanInput; expect: Expected[] }[] = [
  {
    rule: 'price change on approved goods → update naming the price',
    input: () =>
      aPlanInput({
        campaign: aCampaign((c) => {
          c.products[0]!.price = { type: 'discount', original: 199, now: 119 };
        }),
        state: applied(),
      }),
    expect: [
      ['goods/lipstick-520', 'update', /^price 129 → 119$/],
      ['room-goods/lipstick-520', 'noop', /in the room/],
      // goods/update sends no image: the (valid) media is not needed
      ['room', 'noop'],
    ],
  },
  {
    rule: 'a fixed price changes: "price"; a range: lowest/highest',
    input: () =>
      aPlanInput({
        campaign: aCampaign((c) => {
          c.products[1]!.price = { type: 'fixed', amount: 79.9 };
          c.products[2]!.price = { type: 'range', min: 259, max: 499 };
        }),
        state: applied(),
      }),
    expect: [
      ['goods/mask-box', 'update', /^price 89\.9 → 79\.9$/],
      ['goods/gift-set', 'update', /^lowest price 299 → 259$/],
    ],
  },
  {
    rule: 'a price type change on approved goods is still only the price → update',
    input: () =>
      aPlanInput({
        campaign: aCampaign((c) => {
          c.products[1]!.price = { type: 'discount', original: 99, now: 89.9 };
        }),
        state: applied(),
      }),
    expect: [['goods/mask-box', 'update', /price type fixed → discount/]],
  },
  {
    rule: 'goods in audit → wait, with the working days so far',
    input: () =>
      aPlanInput({
        // submitted Monday 2027-02-22, planned Thursday 02-25: Tue, Wed, Thu = 3 working days
        state: applied({ edit: (s) => s.audit('mask-box', 'pending', { at: at('2027-02-22T03:00:00Z') }) }),
        now: at('2027-02-25T02:00:00Z'),
      }),
    expect: [
      ['goods/mask-box', 'wait', /^in audit for 3 working days \(since 2027-02-22/],
      ['room-goods/mask-box', 'wait', /^waits for goods\/mask-box: in audit for 3 working days/],
    ],
  },
  {
    rule: 'goods in audit that changed → still wait: goods in audit cannot be updated',
    input: () =>
      aPlanInput({
        campaign: aCampaign((c) => {
          c.products[1]!.name = '补水面膜20片';
        }),
        state: applied({ edit: (s) => s.audit('mask-box', 'pending') }),
      }),
    expect: [
      [
        'goods/mask-box',
        'wait',
        /name 玻尿酸补水面膜10片 → 补水面膜20片, but goods in audit can't be updated/,
      ],
    ],
  },
  {
    rule: 'rejected goods → human, with the rejection reason from the audit history',
    input: () =>
      aPlanInput({
        state: applied({
          edit: (s) => s.audit('gift-set', 'rejected', { reason: '商品图片不清晰 (300018)' }),
        }),
      }),
    expect: [
      ['goods/gift-set', 'human', /^audit rejected: 商品图片不清晰 \(300018\)\. Change the product/],
      ['room-goods/gift-set', 'wait', /waits for goods\/gift-set: audit rejected/],
    ],
  },
  {
    rule: 'rejected goods changed since → update (every field may change) and resubmit for audit',
    input: () =>
      aPlanInput({
        campaign: aCampaign((c) => {
          c.products[2]!.image = 'assets/gift-v2.png';
        }),
        state: applied({ edit: (s) => s.audit('gift-set', 'rejected', { reason: '图片过大' }) }),
      }),
    expect: [
      [
        'goods/gift-set',
        'update',
        /^audit rejected: 图片过大; image changed \(\w{8}… → \w{8}…\): updated and resubmitted for audit$/,
      ],
      ['room-goods/gift-set', 'wait', /resubmitted for audit after: audit rejected/],
    ],
  },
  {
    rule: 'goods whose audit was withdrawn (unaudited), unchanged → human: resubmit',
    input: () => aPlanInput({ state: applied({ edit: (s) => s.audit('mask-box', 'unaudited') }) }),
    expect: [['goods/mask-box', 'human', /^not in audit \(the audit was withdrawn\)\. Resubmit it/]],
  },
  {
    rule: 'a started room is not edited: human, naming what changed',
    input: () =>
      aPlanInput({
        campaign: aCampaign((c) => {
          c.room.name = '女神节直播专场加场';
        }),
        state: applied({ at: at('2027-03-08T11:00:00Z') }),
        now: LIVE,
      }),
    expect: [
      [
        'room',
        'human',
        /^the broadcast started at 2027-03-08 20:00: a started room can't be edited \(name 女神节直播专场 → 女神节直播专场加场\)/,
      ],
    ],
  },
  {
    rule: 'a started room, unchanged → noop',
    input: () => aPlanInput({ state: applied({ at: at('2027-03-08T11:00:00Z') }), now: LIVE }),
    expect: [['room', 'noop', /^live since 2027-03-08 20:00/]],
  },
  {
    rule: 'likes turned off at the start cannot be turned back on',
    input: () =>
      aPlanInput({
        state: applied({
          at: at('2027-03-08T11:00:00Z'),
          campaign: aCampaign((c) => {
            c.room.features.likes = false;
          }),
        }),
        now: LIVE,
      }),
    expect: [['room', 'human', /likes off → on\).*likes turned off at the start can't be turned back on/]],
  },
  {
    rule: 'the platform says live (live_status 101) before the clock does → started',
    input: () =>
      aPlanInput({
        campaign: aCampaign((c) => {
          c.room.duration = '3h';
        }),
        state: applied({ edit: (s) => s.patch('room', { attributes: { liveStatus: 101 } }) }),
      }),
    expect: [['room', 'human', /a started room can't be edited \(end 2027-03-08 22:00 → 2027-03-08 23:00\)/]],
  },
  {
    rule: 'an ended room: changes no longer apply (noop, said so)',
    input: () =>
      aPlanInput({
        campaign: aCampaign((c) => {
          c.room.name = '女神节直播专场回放';
        }),
        state: applied({ at: at('2027-03-09T03:00:00Z') }),
        now: OVER,
      }),
    expect: [['room', 'noop', /^the broadcast has ended: changes to the room no longer apply/]],
  },
  {
    rule: "the room's type cannot change → human: destroy and re-create",
    input: () =>
      aPlanInput({
        campaign: aCampaign((c) => {
          c.room.type = 'push';
        }),
        state: applied(),
      }),
    expect: [
      [
        'room',
        'human',
        /^the room's type can't change \(phone → push\): destroy the room \(livectl destroy\) and apply again/,
      ],
    ],
  },
  {
    rule: 'room fields before the start → update naming them, with local times',
    input: () =>
      aPlanInput({
        campaign: aCampaign((c) => {
          c.room.start = '2027-03-08T20:30';
          c.room.features.comments = false;
        }),
        state: applied(),
      }),
    expect: [
      [
        'room',
        'update',
        /^start 2027-03-08 20:00 → 2027-03-08 20:30; end 2027-03-08 22:00 → 2027-03-08 22:30; comments on → off$/,
      ],
    ],
  },
  {
    rule: 'a room edit less than 10 minutes before the start → human (too late)',
    input: () =>
      aPlanInput({
        campaign: aCampaign((c) => {
          c.room.name = '女神节直播专场加场';
        }),
        state: applied({ at: at('2027-03-08T11:00:00Z') }),
        now: at('2027-03-08T11:55:00Z'),
      }),
    expect: [['room', 'human', /less than 10 minutes from now: too late to edit/]],
  },
  {
    rule: 'a new anchor → update, and the new anchor gets a real-name task',
    input: () =>
      aPlanInput({
        campaign: aCampaign((c) => {
          c.room.anchor.wechat = 'ajie_02';
        }),
        state: applied(),
      }),
    expect: [['room', 'update', /anchor WeChat xiaomei_01 → ajie_02/]],
  },
  {
    rule: 'a room record without a remote id (a crash mid-create) → create, looking first',
    input: () => aPlanInput({ state: applied({ edit: (s) => s.patch('room', { remoteId: undefined }) }) }),
    expect: [['room', 'create', /not confirmed: apply looks for the room on the platform/]],
  },
  {
    rule: 'a product removed from the campaign → delete its goods and its place in the room',
    input: () =>
      aPlanInput({
        campaign: aCampaign((c) => {
          c.products = c.products.filter((p) => p.id !== 'gift-set');
        }),
        state: applied(),
      }),
    expect: [
      ['room-goods/gift-set', 'delete', /it leaves the room/],
      ['goods/gift-set', 'delete', /^removed from the campaign$/],
    ],
  },
  {
    rule: 'a product removed while in audit → delete, withdrawing the audit first',
    input: () =>
      aPlanInput({
        campaign: aCampaign((c) => {
          c.products = c.products.filter((p) => p.id !== 'mask-box');
        }),
        state: applied({ edit: (s) => s.audit('mask-box', 'pending').without('room-goods/mask-box') }),
      }),
    expect: [['goods/mask-box', 'delete', /in audit: apply withdraws the audit first/]],
  },
  {
    rule: 'a new product in an applied campaign → create; the room waits for its audit',
    input: () =>
      aPlanInput({
        campaign: aCampaign((c) => {
          c.products.push(aProduct('hand-cream', (p) => (p.name = '玫瑰护手霜')));
        }),
        state: applied(),
      }),
    expect: [
      ['goods/hand-cream', 'create', /^not created yet: added and submitted for audit$/],
      ['room-goods/hand-cream', 'wait', /waits for goods\/hand-cream: not created yet/],
    ],
  },
  {
    rule: 'approved goods not yet in the room → room-goods create',
    input: () => aPlanInput({ state: applied({ edit: (s) => s.without('room-goods/mask-box') }) }),
    expect: [['room-goods/mask-box', 'create', /^approved: added to the room$/]],
  },
  {
    rule: 'a wave removed → its code, poster and reminders are deleted',
    input: () =>
      aPlanInput({
        campaign: aCampaign((c) => {
          c.waves = c.waves.filter((w) => w.id !== 't-30m');
        }),
        state: applied(),
      }),
    expect: [
      ['code/t-30m', 'delete', /wave t-30m is no longer in the campaign/],
      ['poster/t-30m', 'delete', /wave t-30m is no longer in the campaign/],
      ['reminder/t-30m/wecom-groups', 'delete'],
      ['reminder/t-30m/wecom-moments', 'delete'],
    ],
  },
  {
    rule: 'a channel removed from a wave → its reminder is deleted; a new one is created',
    input: () =>
      aPlanInput({
        campaign: aCampaign((c) => {
          c.waves[2]!.channels = ['wecom-groups', 'live-followers'];
        }),
        state: applied(),
      }),
    expect: [
      ['reminder/t-30m/wecom-moments', 'delete', /channel wecom-moments is no longer in wave t-30m/],
      ['reminder/t-30m/live-followers', 'create', /^due 2027-03-08 19:30/],
    ],
  },
  {
    rule: 'a wave moved → its reminder is updated with the new due time',
    input: () =>
      aPlanInput({
        campaign: aCampaign((c) => {
          c.waves[0]!.at = '-3d@11:00';
        }),
        state: applied(),
      }),
    expect: [
      ['reminder/t-3d/wecom-groups', 'update', /due 2027-03-05T02:00:00.000Z → 2027-03-05T03:00:00.000Z/],
    ],
  },
  {
    rule: 'a new room id → every share code and poster is made again',
    input: () => aPlanInput({ state: applied({ edit: (s) => s.patch('room', { remoteId: '202' }) }) }),
    expect: [
      ['code/t-3d', 'update', /made again for r=202&w=t-3d/],
      ['poster/t-3d', 'update', /the share code is made again/],
    ],
  },
  {
    rule: 'a live page added → every share code is made again for it, and its poster redrawn',
    input: () =>
      aPlanInput({
        campaign: aCampaign((c) => {
          c.accounts.miniProgram.livePage = 'pages/live/entry';
        }),
        state: applied(),
      }),
    expect: [
      ['code/t-3d', 'update', /opens the home page: made again for pages\/live\/entry/],
      ['poster/t-3d', 'update', /the share code is made again/],
      ['room', 'noop'],
    ],
  },
  {
    rule: 'a live page already applied → codes are as desired',
    input: () => {
      const campaign = aCampaign((c) => {
        c.accounts.miniProgram.livePage = 'pages/live/entry';
      });
      return aPlanInput({ campaign, state: applied({ campaign }) });
    },
    expect: [
      ['code/t-3d', 'noop', /made for room/],
      ['poster/t-3d', 'noop'],
    ],
  },
  {
    rule: 'the Official Account menu: removed from the campaign → delete (restored)',
    input: () =>
      aPlanInput({
        campaign: aCampaign((c) => {
          c.channels['official-account'] = { type: 'official-account' };
        }),
        state: applied(),
      }),
    expect: [['menu', 'delete', /restored/]],
  },
  {
    rule: 'past waves need no new code, poster or reminder',
    input: () => aPlanInput({ now: at('2027-03-08T11:45:00Z') }),
    expect: [
      ['code/t-1d', 'noop', /the wave's time 2027-03-07 12:00 is past: not needed/],
      ['poster/t-1d', 'noop'],
      ['reminder/t-30m/wecom-groups', 'noop', /was due at 2027-03-08 19:30: past/],
      ['code/live', 'create'],
      ['reminder/live/wecom-groups', 'create'],
      ['menu', 'create', /with wave t-1d$/],
    ],
  },
];

describe('planCampaign: the update rules', () => {
  it.each(RULES)('$rule', ({ input, expect: rows }) => {
    const plan = planCampaign(input());
    for (const [address, action, reason] of rows) {
      const found = changesOf(plan, address).find((c) => c.action === action);
      expect(found, `${address} ${action} in ${JSON.stringify(changesOf(plan, address))}`).toBeDefined();
      if (reason) expect(found!.reason).toMatch(reason);
    }
  });
});

describe('planCampaign: whole plans', () => {
  it('a fresh campaign: everything is created; the room goods wait for the audit', () => {
    const plan = planCampaign(aPlanInput());
    const byKind = new Map<string, Action[]>();
    for (const c of plan.changes) {
      const kind = c.address.split('/')[0]!;
      byKind.set(kind, [...(byKind.get(kind) ?? []), c.action]);
    }
    expect(Object.fromEntries(byKind)).toEqual({
      media: Array(6).fill('create'),
      goods: Array(3).fill('create'),
      room: ['create'],
      'room-goods': Array(3).fill('wait'),
      code: Array(6).fill('create'),
      poster: Array(6).fill('create'),
      menu: ['create'],
      reminder: Array(13).fill('create'),
    });
    expect(plan.summary).toEqual({ create: 36, update: 0, delete: 0, noop: 0, wait: 3, human: 0 });
    expect(plan.stateSerial).toBe(0);
    expect(plan.lineage).toBeUndefined();
    expect(only(plan, 'room').dependsOn).toHaveLength(3);
    expect(only(plan, 'goods/lipstick-520').dependsOn).toEqual([
      `media/${assetsFor(aCampaign()).get('assets/lipstick.png')!.sha256}`,
    ]);
    expect(only(plan, 'menu').notBefore).toBe('2027-03-07T04:00:00.000Z');
  });

  it('changes come in the order apply walks them', () => {
    const plan = planCampaign(aPlanInput());
    const kinds = [...new Set(plan.changes.map((c) => c.address.split('/')[0]))];
    expect(kinds).toEqual(['media', 'goods', 'room', 'room-goods', 'code', 'poster', 'menu', 'reminder']);
  });

  it('an applied state whose hashes match: every change is a noop, nothing pending', () => {
    const plan = planCampaign(aPlanInput({ state: applied() }));
    expect(plan.changes.filter((c) => c.action !== 'noop')).toEqual([]);
    expect(plan.summary).toEqual({ create: 0, update: 0, delete: 0, noop: 39, wait: 0, human: 0 });
    expect(hasPendingChanges(plan)).toBe(false);
    expect(plan.stateSerial).toBe(39);
    expect(plan.lineage).toBe('lineage-test');
  });

  it('an approved product renamed → delete + create (a replacement), out of the room first', () => {
    const plan = planCampaign(
      aPlanInput({
        campaign: aCampaign((c) => {
          c.products[0]!.name = '丝绒口红';
        }),
        state: applied(),
      }),
    );
    const pair = changesOf(plan, 'goods/lipstick-520');
    expect(pair.map((c) => [c.action, c.replace])).toEqual([
      ['delete', true],
      ['create', true],
    ]);
    expect(pair[1]!.reason).toMatch(
      /^name 玫瑰丝绒口红 → 丝绒口红: approved goods may change only the price, so a new name means delete and add again \(a new audit of up to 7 working days\)$/,
    );
    const addresses = plan.changes.map((c) => `${c.action} ${c.address}`);
    expect(addresses.indexOf('delete room-goods/lipstick-520')).toBeLessThan(
      addresses.indexOf('delete goods/lipstick-520'),
    );
    expect(only(plan, 'room-goods/lipstick-520')).toMatchObject({ action: 'delete' });
    // the new add sends the image again: its media (still valid here) is needed, and valid
    const media = only(plan, `media/${assetsFor(aCampaign()).get('assets/lipstick.png')!.sha256}`);
    expect(media).toMatchObject({
      action: 'noop',
      reason: expect.stringMatching(/^uploaded, valid until 2027-02-25 09:00 \(for goods\/lipstick-520\)$/),
    });
  });

  it('600 products: 500 submitted today, 100 wait for tomorrow (China time) with notBefore', () => {
    const campaign = aCampaign((c) => {
      c.products = manyProducts(600);
    });
    const plan = planCampaign(aPlanInput({ campaign }));
    const goods = plan.changes.filter((c) => c.address.startsWith('goods/'));
    expect(goods.filter((c) => c.action === 'create')).toHaveLength(500);
    const later = goods.filter((c) => c.action === 'wait');
    expect(later).toHaveLength(100);
    expect(later[0]!.address).toBe('goods/p501');
    expect(new Set(later.map((c) => c.notBefore))).toEqual(new Set(['2027-02-22T16:00:00.000Z']));
    expect(later[0]!.reason).toMatch(
      /beyond today's 500 audit submissions: submitted on 2027-02-23 \(day 2 of 2\)/,
    );
    expect(goods.slice(0, 500).every((c) => c.notBefore === undefined)).toBe(true);
  });

  it("today's quota counts the submissions already made today", () => {
    const campaign = aCampaign((c) => {
      c.products = manyProducts(450);
    });
    const base = aPlanInput({ campaign });
    // 100 products added earlier today (in audit since this morning), 350 to go: 400 fit today
    const b = aState();
    for (let i = 1; i <= 100; i++)
      b.patch(`goods/p${i}`, { kind: 'goods', remoteId: String(i) }).audit(`p${i}`, 'pending', {
        at: at('2027-02-22T01:00:00Z'),
      });
    const plan = planCampaign({ ...base, state: b.build() });
    const goods = plan.changes.filter((c) => c.address.startsWith('goods/'));
    expect(goods.filter((c) => c.action === 'create')).toHaveLength(350);
    expect(goods.filter((c) => c.action === 'wait' && /in audit/.test(c.reason))).toHaveLength(100);
  });

  it('media of goods that wait for a later day is uploaded just in time then', () => {
    const campaign = aCampaign((c) => {
      c.products = manyProducts(501);
      c.products[500]!.image = 'assets/late.png';
    });
    const plan = planCampaign(aPlanInput({ campaign }));
    const late = only(plan, `media/${assetsFor(campaign).get('assets/late.png')!.sha256}`);
    expect(late).toMatchObject({ action: 'wait', notBefore: '2027-02-22T16:00:00.000Z' });
    expect(late.reason).toMatch(/^not uploaded yet when needed, 2027-02-23 00:00 \(for goods\/p501\)$/);
  });

  it('goods submitted after the audit deadline say so', () => {
    const plan = planCampaign(aPlanInput({ now: at('2027-02-26T02:00:00Z') }));
    expect(only(plan, 'goods/mask-box').reason).toMatch(
      /late for a 7-working-day audit before 2027-03-08 \(submit by 2027-02-25 to be sure\)$/,
    );
    expect(only(plan, 'goods/mask-box').action).toBe('create');
  });

  it('media expired 4 days after an apply: not needed while nothing uses it, uploaded again when something does', () => {
    const state = applied({ at: at('2027-02-18T02:00:00Z') });
    const cover = `media/${assetsFor(aCampaign()).get('assets/cover.png')!.sha256}`;
    const quiet = planCampaign(aPlanInput({ state }));
    expect(only(quiet, cover)).toMatchObject({
      action: 'noop',
      reason: 'not needed: room is up to date (expired, left to lapse)',
    });
    expect(hasPendingChanges(quiet)).toBe(false);

    const renamed = planCampaign(
      aPlanInput({
        campaign: aCampaign((c) => {
          c.room.name = '女神节直播专场二';
        }),
        state,
      }),
    );
    expect(only(renamed, cover)).toMatchObject({
      action: 'create',
      reason: 'expired at 2027-02-21 10:00: uploaded again (for room)',
    });
    expect(only(renamed, 'room')).toMatchObject({
      action: 'update',
      dependsOn: expect.arrayContaining([cover]),
    });
    // the goods media are not needed by the room edit
    const lipstick = `media/${assetsFor(aCampaign()).get('assets/lipstick.png')!.sha256}`;
    expect(only(renamed, lipstick).action).toBe('noop');
  });

  it('media expiring within the hour is uploaded again rather than risked', () => {
    // uploaded 2027-02-19 10:30, so it expires 2027-02-22 10:30: 30 minutes after now
    const state = applied({ at: at('2027-02-19T02:30:00Z') });
    const plan = planCampaign(
      aPlanInput({
        campaign: aCampaign((c) => {
          c.room.name = '女神节直播专场二';
        }),
        state,
      }),
    );
    const cover = `media/${assetsFor(aCampaign()).get('assets/cover.png')!.sha256}`;
    expect(only(plan, cover)).toMatchObject({
      action: 'create',
      reason: 'expires at 2027-02-22 10:30, too soon: uploaded again (for room)',
    });
  });

  it('an edited image file (new sha256) → a new media upload and a room update', () => {
    const campaign = aCampaign();
    const plan = planCampaign(
      aPlanInput({ campaign, assets: assetsFor(campaign, { 'assets/share.png': 1 }), state: applied() }),
    );
    expect(only(plan, 'room')).toMatchObject({
      action: 'update',
      reason: expect.stringMatching(/^share image changed \(\w{8}… → \w{8}…\)$/),
    });
    const created = plan.changes.filter((c) => c.address.startsWith('media/') && c.action === 'create');
    expect(created).toHaveLength(1);
    expect(created[0]!.after).toMatchObject({ file: 'assets/share.png' });
  });
});

describe('tasks', () => {
  it('anchor real-name while the room does not exist; coupons; one confirm per WeCom sender per wave', () => {
    const plan = planCampaign(aPlanInput());
    const kinds = plan.tasks.map((t) => t.kind);
    expect(kinds.filter((k) => k === 'anchor-real-name')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'coupon-setup')).toHaveLength(3);
    // groups: 2 senders × (t-3d, t-1d, t-30m, live, feedback, replay) = 12; Moments: 3 × (t-3d, t-1d, t-30m, replay) = 12
    expect(kinds.filter((k) => k === 'confirm-wecom-task')).toHaveLength(24);
    expect(plan.tasks[0]).toMatchObject({
      who: 'anchor xiaomei_01',
      due: '2027-03-05T02:00:00.000Z',
      address: 'room',
    });
    expect(plan.tasks.find((t) => t.kind === 'coupon-setup')).toMatchObject({
      who: 'merchant back office',
      due: '2027-03-05T02:00:00.000Z',
    });
    expect(plan.tasks.find((t) => t.who === 'WeCom member wangwu')).toMatchObject({
      address: 'reminder/t-3d/wecom-moments',
      due: '2027-03-05T02:00:00.000Z',
    });
  });

  it('no anchor task once the room exists, except for a new anchor; past tasks are dropped', () => {
    expect(
      planCampaign(aPlanInput({ state: applied() })).tasks.some((t) => t.kind === 'anchor-real-name'),
    ).toBe(false);
    const newAnchor = planCampaign(
      aPlanInput({
        campaign: aCampaign((c) => {
          c.room.anchor.wechat = 'ajie_02';
        }),
        state: applied(),
      }),
    );
    expect(newAnchor.tasks.filter((t) => t.kind === 'anchor-real-name').map((t) => t.who)).toEqual([
      'anchor ajie_02',
    ]);
    const live = planCampaign(aPlanInput({ state: applied({ at: at('2027-03-08T11:00:00Z') }), now: LIVE }));
    expect(live.tasks.every((t) => t.due! > LIVE.toISOString())).toBe(true);
    expect(live.tasks.map((t) => t.address ?? t.kind)).toContain('reminder/replay/wecom-moments');
  });
});

describe('the summary line (public interface: frozen)', () => {
  it('reads exactly so', () => {
    expect(summaryLine({ create: 3, update: 1, delete: 0, noop: 7, wait: 2, human: 1 })).toBe(
      'Plan: 3 to create, 1 to update, 0 to delete, 2 waiting on audit, 1 for a person.',
    );
    expect(summaryLine({ create: 0, update: 0, delete: 0, noop: 0, wait: 0, human: 0 })).toBe(
      'Plan: 0 to create, 0 to update, 0 to delete, 0 waiting on audit, 0 for a person.',
    );
  });

  it('counts every change by its action', () => {
    const plan = planCampaign(
      aPlanInput({ state: applied({ edit: (s) => s.audit('mask-box', 'pending') }) }),
    );
    expect(plan.summary).toEqual(summarize(plan.changes));
    expect(summaryLine(plan.summary)).toBe(
      'Plan: 0 to create, 0 to update, 0 to delete, 2 waiting on audit, 0 for a person.',
    );
  });
});

describe('the timeline (goddess day, Asia/Shanghai)', () => {
  it('is the whole campaign in order, with local times', () => {
    const plan = planCampaign(aPlanInput());
    expect(plan.timeline.map((e) => [e.local, e.kind, e.id ?? ''])).toEqual([
      ['2027-02-25 23:59', 'goods-deadline', ''],
      ['2027-03-05 10:00', 'wave', 't-3d'],
      ['2027-03-07 12:00', 'wave', 't-1d'],
      ['2027-03-08 19:30', 'wave', 't-30m'],
      ['2027-03-08 20:00', 'broadcast-start', ''],
      ['2027-03-08 20:00', 'wave', 'live'],
      ['2027-03-08 20:00', 'lottery', 'lottery-1'],
      ['2027-03-08 20:00', 'lottery', 'lottery-2'],
      ['2027-03-08 20:10', 'warm-up-end', ''],
      ['2027-03-08 20:15', 'coupon-drop', 'all-hands-20'],
      ['2027-03-08 20:35', 'group-buy', 'mask-box'],
      ['2027-03-08 20:50', 'coupon-drop', 'share-10'],
      ['2027-03-08 22:00', 'broadcast-end', ''],
      ['2027-03-09 09:30', 'after', 'feedback'],
      ['2027-03-09 10:00', 'after', 'replay'],
    ]);
    expect(plan.timeline[0]!.at).toBe('2027-02-25T15:59:00.000Z');
    expect(plan.timeline[4]!.label).toBe('开播：女神节直播专场（主播 小美老师）');
    expect(plan.timeline[6]).toMatchObject({
      trigger: 'likes ≥ 30000',
      label: '抽奖第1轮：点赞达30000抽小黑盖口红 ×5',
    });
    expect(plan.timeline[1]).toMatchObject({
      channels: ['wecom-groups', 'wecom-moments'],
      label: '预热第1波 t-3d（文案 teaser，海报 teaser，券 满199减50）',
    });
  });

  it('a lottery at a time sorts by that time; 600 goods move the deadline a day earlier', () => {
    const plan = planCampaign(
      aPlanInput({
        campaign: aCampaign((c) => {
          c.during!.lotteries[1] = { trigger: { at: '+45m' }, prize: '口红礼盒' };
          c.products = manyProducts(600);
        }),
      }),
    );
    const rows = plan.timeline.map((e) => `${e.local} ${e.kind}`);
    expect(rows).toContain('2027-03-08 20:45 lottery');
    expect(rows.indexOf('2027-03-08 20:45 lottery')).toBeGreaterThan(
      rows.indexOf('2027-03-08 20:35 group-buy'),
    );
    expect(plan.timeline[0]).toMatchObject({ local: '2027-02-24 23:59', kind: 'goods-deadline' });
    expect(plan.timeline[0]!.label).toContain('分2天提交');
  });
});

describe('purity', () => {
  it('the same input gives the same plan, and the input is not changed', () => {
    const input = aPlanInput({
      campaign: aCampaign((c) => {
        c.products[0]!.name = '丝绒口红';
      }),
      state: applied({ edit: (s) => s.audit('mask-box', 'rejected', { reason: 'x' }) }),
    });
    const before = canonicalJson({ ...input, assets: [...input.assets], state: [...input.state.resources] });
    const a = planCampaign(input);
    const b = planCampaign(input);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(canonicalJson({ ...input, assets: [...input.assets], state: [...input.state.resources] })).toBe(
      before,
    );
    expect(a.createdAt).toBe(DEFAULT_NOW.toISOString());
  });

  it('the plan is plain JSON: it survives a round trip unchanged', () => {
    const plan = planCampaign(aPlanInput({ state: applied() }));
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
  });
});
