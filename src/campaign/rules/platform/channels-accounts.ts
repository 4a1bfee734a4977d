import { error, type Finding } from '../../../diagnostics/diagnostic.js';
import type { Rule } from '../context.js';
import { APP_ID } from './accounts.js';

/** The 视频号 id: `sph` followed by letters and digits. */
export const FINDER_USER_NAME = /^sph[0-9A-Za-z]{4,}$/;

/**
 * Which accounts and per-item settings each platform needs: a mini program and product pages on
 * mini-program; the 视频号 and its 小店 on channels, whose `channels:` settings a mini-program
 * campaign must not carry.
 */
export const platformAccounts: Rule = {
  id: 'platform-accounts',
  codes: ['E_REQUIRED', 'E_CHANNELS_ACCOUNT', 'E_CHANNELS_ONLY'],
  description:
    'platform: mini-program needs accounts.miniProgram and products[].page; platform: channels needs accounts.channels; channels settings only on channels.',
  check(ctx) {
    const c = ctx.campaign;
    const out: Finding[] = [];
    if (c.platform === 'channels') {
      if (c.accounts.channels === undefined) {
        out.push({
          ...error(
            'E_CHANNELS_ACCOUNT',
            ['accounts'],
            'platform: channels needs accounts.channels (shopAppId, assistantAppId, finderUserName)',
            'Add accounts.channels: the 微信小店 AppID, the 视频号助手 AppID and the 视频号 id (sph…).',
          ),
          target: 'key',
        });
      }
      return out;
    }
    if (c.accounts.miniProgram === undefined) {
      out.push({
        ...error(
          'E_REQUIRED',
          ['accounts'],
          'missing required field "miniProgram" (platform: mini-program)',
          'Add accounts.miniProgram.appId, the mini program that hosts the live room (or set platform: channels).',
          { field: 'miniProgram', platform: 'mini-program', kind: 'miniProgram' },
        ),
        target: 'key',
      });
    }
    c.products.forEach((p, i) => {
      if (p.page === undefined) {
        out.push({
          ...error(
            'E_REQUIRED',
            ['products', i],
            `missing required field "page" of product ${p.id} (platform: mini-program)`,
            'Give the mini-program page of the product, e.g. pages/goods/detail?id=520.',
            { field: 'page', product: p.id, platform: 'mini-program', kind: 'page' },
          ),
          target: 'key',
        });
      }
      if (p.channels !== undefined) out.push(channelsOnly(['products', i, 'channels']));
    });
    c.coupons.forEach((k, i) => {
      if (k.channels !== undefined) out.push(channelsOnly(['coupons', i, 'channels']));
    });
    if (c.accounts.channels !== undefined) out.push(channelsOnly(['accounts', 'channels']));
    return out;
  },
};

function channelsOnly(path: (string | number)[]): Finding {
  const field = path.join('.').replace(/\.(\d+)\./g, '[$1].');
  return {
    ...error(
      'E_CHANNELS_ONLY',
      path,
      `${field} is for platform: channels; this campaign runs on mini-program`,
      'Remove it, or set platform: channels at the top of the file.',
      { field },
    ),
    target: 'key',
  };
}

export const channelsAccountIds: Rule = {
  id: 'channels-account-ids',
  codes: ['E_CHANNELS_ACCOUNT_FORMAT'],
  description:
    'accounts.channels: shopAppId and assistantAppId look like wx + 16 hex digits, finderUserName like sph….',
  check(ctx) {
    const a = ctx.campaign.accounts.channels;
    if (a === undefined) return [];
    const out: Finding[] = [];
    const app = (id: string, key: 'shopAppId' | 'assistantAppId', what: string, where: string) => {
      if (APP_ID.test(id)) return;
      out.push(
        error(
          'E_CHANNELS_ACCOUNT_FORMAT',
          ['accounts', 'channels', key],
          `${what} AppID "${id}" is not "wx" followed by 16 hex digits`,
          `Copy it from ${where}, e.g. wx0123456789abcdef.`,
          { kind: 'app', key, id },
        ),
      );
    };
    app(a.shopAppId, 'shopAppId', '微信小店', '微信小店后台 → 服务市场 → 经营工具 → 自研');
    app(a.assistantAppId, 'assistantAppId', '视频号助手', '微信开发者平台 → 我的业务 → 视频号助手');
    if (a.shopAppId === a.assistantAppId && APP_ID.test(a.shopAppId)) {
      out.push(
        error(
          'E_CHANNELS_ACCOUNT_FORMAT',
          ['accounts', 'channels', 'assistantAppId'],
          'assistantAppId is the same as shopAppId: the 小店 and the 视频号助手 are two accounts with their own AppIDs',
          'Copy the 视频号助手 AppID from 微信开发者平台 → 我的业务 → 视频号助手.',
          { kind: 'same' },
        ),
      );
    }
    if (!FINDER_USER_NAME.test(a.finderUserName)) {
      out.push(
        error(
          'E_CHANNELS_ACCOUNT_FORMAT',
          ['accounts', 'channels', 'finderUserName'],
          `finderUserName "${a.finderUserName}" is not a 视频号 id (sph followed by letters and digits)`,
          'Copy the 视频号 id from 视频号助手 (首页 → 视频号ID), e.g. sphAbCdEf123.',
          { kind: 'finder', id: a.finderUserName },
        ),
      );
    }
    return out;
  },
};
