import { describe, it } from 'vitest';
import { edit, expectHits, expectNone } from './harness.js';

describe('E_APPID_FORMAT', () => {
  it('rejects AppIDs that are not wx + 16 lower-case hex digits', async () => {
    let y = edit('appId: wx0123456789abcdef }', 'appId: wx0123456789abcdeg }');
    y = edit('appId: wxfedcba9876543210 }', 'appId: WXFEDCBA9876543210 }', y);
    await expectHits(y, 'E_APPID_FORMAT', [
      { path: ['accounts', 'miniProgram', 'appId'], needle: 'wx0123456789abcdeg' },
      { path: ['accounts', 'officialAccount', 'appId'], needle: 'WXFEDCBA9876543210' },
    ]);
  });
  it('accepts well-formed AppIDs (base)', async () => {
    await expectNone(edit('appId: wx0123456789abcdef }', 'appId: wxabcdefabcdef0000 }'), 'E_APPID_FORMAT');
  });
});

describe('E_CORPID_FORMAT', () => {
  it('rejects a CorpID that is not ww/wx + 16 hex digits', async () => {
    const y = edit('corpId: ww0123456789abcdef', 'corpId: wc0123456789abcdef');
    await expectHits(y, 'E_CORPID_FORMAT', [
      { path: ['accounts', 'wecom', 'corpId'], needle: 'wc0123456789abcdef' },
    ]);
  });
  it('accepts an older wx CorpID', async () => {
    await expectNone(edit('corpId: ww0123456789abcdef', 'corpId: wx0123456789abcdef'), 'E_CORPID_FORMAT');
  });
});

describe('E_CHANNEL_ACCOUNT', () => {
  it('rejects WeCom channels without accounts.wecom and the OA channel without accounts.officialAccount', async () => {
    let y = edit('  wecom: { corpId: ww0123456789abcdef, agentId: 1000002 }\n', '');
    y = edit('  officialAccount: { appId: wxfedcba9876543210 }\n', '', y);
    await expectHits(y, 'E_CHANNEL_ACCOUNT', [
      { path: ['channels', 'wecom-groups'], needle: '  wecom-groups:\n', offset: 2 },
      { path: ['channels', 'wecom-moments'], needle: '  wecom-moments:\n', offset: 2 },
      { path: ['channels', 'official-account'], needle: '  official-account:\n', offset: 2 },
    ]);
  });
  it('accepts them when the accounts are there (base)', async () => {
    await expectNone(edit('agentId: 1000002', 'agentId: 1000003'), 'E_CHANNEL_ACCOUNT');
  });
});
