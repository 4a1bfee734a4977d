import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { aCampaign, aChannelsCampaign } from '../../test/support/builders.js';
import { resolveTimes } from '../campaign/resolve.js';
import type { Campaign } from '../campaign/schema.js';
import { PACKAGE_ROOT } from '../platform/paths.js';
import { scheduleReminders } from './schedule.js';
import type { OfficialAccountPayload, ScheduleInputs, WecomGroupsPayload } from './types.js';

const texts = new Map(
  ['teaser', 'article', 'soon', 'live-now', 'feedback', 'replay'].map((n) => [
    n,
    readFileSync(path.join(PACKAGE_ROOT, 'templates', 'messages', `${n}.txt`), 'utf8'),
  ]),
);
const inputs: ScheduleInputs = { texts, campaignDir: '/campaign' };
const rowsOf = (c: Campaign, room = { noticeId: 'notice-1' }) =>
  scheduleReminders(c, resolveTimes(c), room, inputs);

describe('scheduleReminders on channels', () => {
  it('cards open the live page with the wave (w=<wave>), rows carry the notice id and no room id', () => {
    const rows = rowsOf(aChannelsCampaign());
    const t3d = rows.find((r) => r.wave === 't-3d' && r.slice === 'sender:zhangsan')!
      .payload as WecomGroupsPayload;
    expect(t3d.room.page).toBe(`pages/live/entry?w=t-3d&lc=${t3d.marker}`);
    expect(t3d.room.noticeId).toBe('notice-1');
    expect(t3d.room.id).toBeUndefined();
    expect(t3d.room.shareImage).toBe('/campaign/assets/share.png');
    expect(t3d.noCard).toBeUndefined();
    expect(t3d.accounts.miniProgram).toBe('wx0123456789abcdef');
    const menu = rows.find((r) => r.slice === 'menu-switch')!.payload as OfficialAccountPayload;
    expect(menu.menu).toEqual({ name: '领女神券', page: 'pages/coupon/claim' });
  });

  it('no followers push, no product cards, no replay wait', () => {
    const c = aChannelsCampaign((c) => {
      c.channels['live-followers'] = { type: 'live-followers' };
      c.waves[3]!.channels.push('live-followers');
      c.during!.productCards = [{ at: '+20m', product: 'lipstick-520' }];
    });
    const rows = rowsOf(c);
    expect(rows.filter((r) => r.channel === 'live-followers' || r.channel === 'room')).toEqual([]);
    expect(rows.filter((r) => r.payload.waitForReplay)).toEqual([]);
    // The same on mini-program: the followers push, the product card and the replay wait are there.
    const mp = aCampaign((c) => {
      c.during!.productCards = [{ at: '+20m', product: 'lipstick-520' }];
    });
    const mpRows = scheduleReminders(mp, resolveTimes(mp), { roomId: '1001' }, inputs);
    expect(mpRows.some((r) => r.channel === 'live-followers')).toBe(true);
    expect(mpRows.some((r) => r.channel === 'room')).toBe(true);
    expect(mpRows.some((r) => r.payload.waitForReplay)).toBe(true);
    expect(mpRows.some((r) => 'noCard' in r.payload || 'noticeId' in r.payload.room)).toBe(false);
  });

  it('without a live page: no card (text and poster only), and without a mini program no menu rows', () => {
    const noPage = aChannelsCampaign((c) => {
      c.accounts.miniProgram = { appId: 'wx0123456789abcdef' };
    });
    const rows = rowsOf(noPage);
    const live = rows.find((r) => r.wave === 'live' && r.slice === 'sender:zhangsan')!
      .payload as WecomGroupsPayload;
    expect(live.noCard).toBe(true);
    expect(live.room.page).toBe('');
    expect(live.room.shareImage).toBeUndefined();
    expect(live.text).not.toMatch(/点击卡片|👇/);
    const noMp = aChannelsCampaign((c) => {
      delete c.accounts.miniProgram;
    });
    expect(rowsOf(noMp).filter((r) => r.slice.startsWith('menu-'))).toEqual([]);
    // A menu of its own page still switches; without one there is nothing to open.
    expect(rows.filter((r) => r.slice.startsWith('menu-'))).toHaveLength(2);
    const noMenuPage = aChannelsCampaign((c) => {
      c.accounts.miniProgram = { appId: 'wx0123456789abcdef' };
      c.channels['official-account'] = { type: 'official-account', menu: { name: '预约直播' } };
    });
    expect(rowsOf(noMenuPage).filter((r) => r.slice.startsWith('menu-'))).toEqual([]);
  });

  it('before the reservation is found the rows go without a notice id', () => {
    const rows = scheduleReminders(aChannelsCampaign(), resolveTimes(aChannelsCampaign()), undefined, inputs);
    expect(rows.every((r) => r.payload.room.noticeId === undefined)).toBe(true);
  });
});
