import { describe, expect, it } from 'vitest';
import { PLACEHOLDER_ACCOUNTS } from '../../src/campaign/rules/setup/placeholder-accounts.js';
import { DEFAULTS } from '../../src/init/answers.js';
import { at, BASE, edit, run } from '../rules-platform/harness.js';
import { withCode } from '../support/validate.js';

/** W_PLACEHOLDER_ACCOUNT: the ids `livectl init` fills in for want of an answer. */
describe('W_PLACEHOLDER_ACCOUNT', () => {
  it("is init's own defaults, so what init writes is what validate finds", () => {
    expect(DEFAULTS.appId).toBe(PLACEHOLDER_ACCOUNTS.appId);
    expect(DEFAULTS.corpId).toBe(PLACEHOLDER_ACCOUNTS.corpId);
    expect(DEFAULTS.oaAppId).toBe(PLACEHOLDER_ACCOUNTS.oaAppId);
    expect(DEFAULTS.senders).toEqual([PLACEHOLDER_ACCOUNTS.sender]);
  });

  it('warns at each placeholder id and sender, located in the YAML', async () => {
    const yaml = edit(
      '    senders: [zhangsan]\n  wecom-moments',
      '    senders: [your_wecom_userid]\n  wecom-moments',
      edit(
        'wecom: { corpId: ww0123456789abcdef',
        'wecom: { corpId: ww0000000000000000',
        edit(
          'officialAccount: { appId: wxfedcba9876543210 }',
          'officialAccount: { appId: wx0000000000000001 }',
          edit('miniProgram: { appId: wx0123456789abcdef }', 'miniProgram: { appId: wx0000000000000000 }'),
        ),
      ),
    );
    const list = await run(yaml);
    expect(list.filter((d) => d.severity === 'error')).toEqual([]);
    const found = withCode(list, 'W_PLACEHOLDER_ACCOUNT');
    expect(found).toEqual([
      { path: ['accounts', 'miniProgram', 'appId'], ...at(yaml, 'wx0000000000000000') },
      { path: ['accounts', 'wecom', 'corpId'], ...at(yaml, 'ww0000000000000000') },
      { path: ['accounts', 'officialAccount', 'appId'], ...at(yaml, 'wx0000000000000001') },
      { path: ['channels', 'wecom-groups', 'senders', 0], ...at(yaml, 'your_wecom_userid') },
    ]);
    expect(list.find((d) => d.code === 'W_PLACEHOLDER_ACCOUNT')?.severity).toBe('warning');
  });

  it('says nothing about real-looking ids (the base fixture, the bundled examples)', async () => {
    expect(withCode(await run(BASE), 'W_PLACEHOLDER_ACCOUNT')).toEqual([]);
  });
});
