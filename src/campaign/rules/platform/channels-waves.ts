import { error, type Finding, warning } from '../../../diagnostics/diagnostic.js';
import type { Rule } from '../context.js';

/**
 * What channels campaigns cannot carry over from mini-program live: WeChat Pay stocks (coupons are
 * 小店 coupons there), the followers push, and — without a live page — the cards and codes.
 */

export const channelsNoWeChatPay: Rule = {
  id: 'channels-no-wechatpay',
  platforms: ['channels'],
  codes: ['E_CHANNELS_WECHATPAY'],
  description:
    'On channels coupons are 微信小店 coupons: accounts.wechatPay and coupons[].stockId are refused.',
  check(ctx) {
    const c = ctx.campaign;
    const out: Finding[] = [];
    const hint =
      'Remove it: on platform: channels livectl creates 小店 coupons (or uses coupons[].channels.couponId).';
    if (c.accounts.wechatPay !== undefined) {
      out.push({
        ...error(
          'E_CHANNELS_WECHATPAY',
          ['accounts', 'wechatPay'],
          'accounts.wechatPay is for mini-program coupons (商家券); a 视频号 live sells through the 小店, whose coupons livectl creates',
          hint,
          { kind: 'account' },
        ),
        target: 'key',
      });
    }
    c.coupons.forEach((k, i) => {
      if (k.stockId === undefined) return;
      out.push({
        ...error(
          'E_CHANNELS_WECHATPAY',
          ['coupons', i, 'stockId'],
          `coupon ${k.id} names a WeChat Pay stock; a 视频号 live uses 小店 coupons`,
          hint,
          { kind: 'stock', id: k.id },
        ),
        target: 'key',
      });
    });
    return out;
  },
};

export const channelsNoFollowersPush: Rule = {
  id: 'channels-no-followers-push',
  platforms: ['channels'],
  codes: ['E_CHANNELS_LIVE_FOLLOWERS'],
  description:
    "A wave on channels cannot use the live-followers channel: 视频号 live has no server push to the room's followers.",
  check(ctx) {
    const c = ctx.campaign;
    const out: Finding[] = [];
    const scan = (list: 'waves' | 'after', waves: readonly { id: string; channels: string[] }[]) =>
      waves.forEach((w, i) => {
        w.channels.forEach((name, j) => {
          const type = c.channels[name]?.type;
          if (type !== 'live-followers') return;
          out.push(
            error(
              'E_CHANNELS_LIVE_FOLLOWERS',
              [list, i, 'channels', j],
              `wave ${w.id} uses "${name}" (live-followers): 视频号 live has no equivalent of the followers push`,
              'Remove it from the wave: the 视频号 itself notifies everyone who reserved the live when it starts.',
              { wave: w.id, name },
            ),
          );
        });
      });
    scan('waves', c.waves);
    scan('after', c.after);
    return out;
  },
};

export const channelsLivePage: Rule = {
  id: 'channels-live-page',
  platforms: ['channels'],
  codes: ['W_CHANNELS_NO_LIVE_PAGE'],
  description:
    'Without accounts.miniProgram.livePage on channels, waves go without mini-program cards and codes (text and poster only) and the Official Account menu is not switched.',
  check(ctx) {
    const mp = ctx.campaign.accounts.miniProgram;
    if (mp?.livePage !== undefined) return [];
    return [
      {
        ...warning(
          'W_CHANNELS_NO_LIVE_PAGE',
          mp === undefined ? ['accounts'] : ['accounts', 'miniProgram'],
          mp === undefined
            ? 'no accounts.miniProgram: waves lose the card and the code that reserve and open the 视频号 live; they carry text and the poster only'
            : 'no accounts.miniProgram.livePage: waves lose the card and the code that reserve and open the 视频号 live; they carry text and the poster only',
          'Add accounts.miniProgram { appId, livePage } — a mini program of the same subject whose page calls wx.reserveChannelsLive / wx.openChannelsLive (README: 视频号).',
          { kind: mp === undefined ? 'no-mini-program' : 'no-live-page' },
        ),
        target: 'key',
      },
    ];
  },
};
