// The planner's update rules as data, one row per rule: src/plan/planner-rules.test.ts checks the
// actions and reasons, src/i18n/plan-zh-reasons.test.ts that each reason reads in Chinese.
import type { Action, PlanInput } from '../../src/plan/types.js';
import { aCampaign, aPlanInput, aProduct } from './builders.js';
import { applied, at, LIVE, OVER } from './plans.js';

export type Expected = [address: string, action: Action, reason?: RegExp];

/**
 * The update rules as a table: given a campaign and a state, these changes (address, action, and
 * what the reason must say). Every row is one rule of the platform or the playbook.
 */
export const PLAN_RULES: { rule: string; input: () => PlanInput; expect: Expected[] }[] = [
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
          c.accounts.miniProgram = { appId: 'wx0123456789abcdef', livePage: 'pages/live/entry' };
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
        c.accounts.miniProgram = { appId: 'wx0123456789abcdef', livePage: 'pages/live/entry' };
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
