import { type Finding, warning } from '../../../diagnostics/diagnostic.js';
import type { Rule } from '../context.js';

/**
 * What `livectl init` writes for an account id or a WeCom sender it was not given. Deliberately
 * unlike any real id (and unlike the bundled examples' ids), so validate can tell a file that still
 * carries them: it is well formed, but apply would fail on WeChat (40013 for an AppID, and so on).
 */
export const PLACEHOLDER_ACCOUNTS = {
  appId: 'wx0000000000000000',
  corpId: 'ww0000000000000000',
  oaAppId: 'wx0000000000000001',
  sender: 'your_wecom_userid',
} as const;

export const placeholderAccounts: Rule = {
  id: 'placeholder-accounts',
  codes: ['W_PLACEHOLDER_ACCOUNT'],
  description:
    "An AppID, CorpID or WeCom sender is still `livectl init`'s placeholder: replace it with your account's before apply.",
  check(ctx) {
    const c = ctx.campaign;
    const P = PLACEHOLDER_ACCOUNTS;
    const out: Finding[] = [];
    const flag = (path: (string | number)[], what: string, value: string, where: string) =>
      out.push(
        warning(
          'W_PLACEHOLDER_ACCOUNT',
          path,
          `${what} "${value}" is livectl init's placeholder, not your account's`,
          `Put in the real one (${where}); apply would fail on WeChat with this one.`,
        ),
      );
    const mp = c.accounts.miniProgram?.appId;
    if (mp === P.appId || mp === P.oaAppId)
      flag(
        ['accounts', 'miniProgram', 'appId'],
        'the mini program AppID',
        mp,
        'mp.weixin.qq.com: 开发 → 开发管理',
      );
    const oa = c.accounts.officialAccount?.appId;
    if (oa !== undefined && (oa === P.appId || oa === P.oaAppId))
      flag(
        ['accounts', 'officialAccount', 'appId'],
        'the Official Account AppID',
        oa,
        'mp.weixin.qq.com: 设置与开发 → 基本配置',
      );
    const corp = c.accounts.wecom?.corpId;
    if (corp === P.corpId)
      flag(
        ['accounts', 'wecom', 'corpId'],
        'the WeCom CorpID',
        corp,
        'WeCom admin: 我的企业 → 企业信息 → 企业ID',
      );
    for (const [name, ch] of Object.entries(c.channels)) {
      const senders = 'senders' in ch && Array.isArray(ch.senders) ? (ch.senders as string[]) : [];
      senders.forEach((s, i) => {
        if (s === P.sender)
          flag(
            ['channels', name, 'senders', i],
            `the WeCom sender`,
            s,
            "a member's userid, WeCom admin: 通讯录 → the member → 账号",
          );
      });
    }
    return out;
  },
};
