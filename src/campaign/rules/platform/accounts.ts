import { error, type Finding } from '../../../diagnostics/diagnostic.js';
import type { ChannelType } from '../../schema.js';
import type { Rule } from '../context.js';

/** Mini program and Official Account AppIDs: `wx` + 16 lower-case hex digits. */
export const APP_ID = /^wx[0-9a-f]{16}$/;
/** WeCom CorpIDs: `ww` (or `wx` for older corps) + 16 lower-case hex digits. */
export const CORP_ID = /^w[wx][0-9a-f]{16}$/;

export const accountIds: Rule = {
  id: 'account-ids',
  codes: ['E_APPID_FORMAT', 'E_CORPID_FORMAT'],
  description: 'AppIDs look like wx + 16 hex digits, CorpIDs like ww + 16 hex digits.',
  check(ctx) {
    const a = ctx.campaign.accounts;
    const out: Finding[] = [];
    const app = (id: string, path: string[], what: string) => {
      if (!APP_ID.test(id)) {
        out.push(
          error(
            'E_APPID_FORMAT',
            path,
            `${what} AppID "${id}" is not "wx" followed by 16 hex digits`,
            `Copy the AppID from the ${what} admin console (开发 → 开发管理), e.g. wx0123456789abcdef.`,
          ),
        );
      }
    };
    if (a.miniProgram) app(a.miniProgram.appId, ['accounts', 'miniProgram', 'appId'], 'mini program');
    if (a.officialAccount)
      app(a.officialAccount.appId, ['accounts', 'officialAccount', 'appId'], 'Official Account');
    if (a.wecom && !CORP_ID.test(a.wecom.corpId)) {
      out.push(
        error(
          'E_CORPID_FORMAT',
          ['accounts', 'wecom', 'corpId'],
          `WeCom CorpID "${a.wecom.corpId}" is not "ww" followed by 16 hex digits`,
          'Copy it from the WeCom admin console (我的企业 → 企业信息 → 企业ID).',
        ),
      );
    }
    return out;
  },
};

const NEEDS: Partial<Record<ChannelType, { account: 'wecom' | 'officialAccount'; label: string }>> = {
  'wecom-groups': { account: 'wecom', label: 'accounts.wecom (corpId, agentId)' },
  'wecom-moments': { account: 'wecom', label: 'accounts.wecom (corpId, agentId)' },
  'official-account': { account: 'officialAccount', label: 'accounts.officialAccount (appId)' },
};

export const channelAccounts: Rule = {
  id: 'channel-accounts',
  codes: ['E_CHANNEL_ACCOUNT'],
  description:
    'WeCom channels need accounts.wecom; the Official Account channel needs accounts.officialAccount.',
  check(ctx) {
    const c = ctx.campaign;
    const out: Finding[] = [];
    for (const [name, ch] of Object.entries(c.channels)) {
      const need = NEEDS[ch.type];
      if (!need || c.accounts[need.account]) continue;
      out.push({
        ...error(
          'E_CHANNEL_ACCOUNT',
          ['channels', name],
          `channel "${name}" (${ch.type}) needs ${need.label}, which the file does not have`,
          `Add ${need.label} under accounts:, or remove the channel.`,
        ),
        target: 'key',
      });
    }
    return out;
  },
};
