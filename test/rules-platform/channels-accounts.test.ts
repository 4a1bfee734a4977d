import { describe, expect, it } from 'vitest';
import { withCode } from '../support/validate.js';
import { CHANNELS, edit, expectHits, expectNone, run } from './channels-harness.js';
import { BASE, edit as editBase, run as runBase } from './harness.js';

const ACCOUNTS =
  '  channels: { shopAppId: wx1111111111111111, assistantAppId: wx2222222222222222, finderUserName: sphAbCdEf123 }\n';

describe('platform accounts', () => {
  it('E_CHANNELS_ACCOUNT: platform: channels without accounts.channels', async () => {
    await expectHits(edit(ACCOUNTS, ''), 'E_CHANNELS_ACCOUNT', [{ path: ['accounts'], needle: 'accounts:' }]);
    await expectNone(CHANNELS, 'E_CHANNELS_ACCOUNT');
  });

  it('E_REQUIRED: platform: mini-program (the default) without accounts.miniProgram or a product page', async () => {
    let y = editBase('  miniProgram: { appId: wx0123456789abcdef }\n', '');
    y = editBase('    page: pages/goods/detail?id=733\n', '', y);
    const list = withCode(await runBase(y), 'E_REQUIRED');
    expect(list.map((d) => d.path)).toEqual([['accounts'], ['products', 1]]);
    // On channels neither is required.
    await expectNone(
      edit('  miniProgram: { appId: wx0123456789abcdef, livePage: pages/live/entry }\n', ''),
      'E_REQUIRED',
    );
  });

  it('E_CHANNELS_ONLY: channels settings on a mini-program campaign', async () => {
    let y = editBase(
      '  miniProgram: { appId: wx0123456789abcdef }\n',
      `  miniProgram: { appId: wx0123456789abcdef }\n${ACCOUNTS}`,
    );
    y = editBase('    perception: item\n', '    perception: item\n    channels: { productId: "1" }\n', y);
    const list = withCode(await runBase(y), 'E_CHANNELS_ONLY');
    expect(list.map((d) => d.path)).toEqual([
      ['accounts', 'channels'],
      ['products', 1, 'channels'],
    ]);
    expect(withCode(await runBase(BASE), 'E_CHANNELS_ONLY')).toEqual([]);
  });

  it('E_CHANNELS_ACCOUNT_FORMAT: app ids and the 视频号 id', async () => {
    let y = edit('shopAppId: wx1111111111111111', 'shopAppId: shop-1');
    y = edit('finderUserName: sphAbCdEf123', 'finderUserName: rose_beauty', y);
    await expectHits(y, 'E_CHANNELS_ACCOUNT_FORMAT', [
      { path: ['accounts', 'channels', 'shopAppId'], needle: 'shop-1' },
      { path: ['accounts', 'channels', 'finderUserName'], needle: 'rose_beauty' },
    ]);
    const same = edit('assistantAppId: wx2222222222222222', 'assistantAppId: wx1111111111111111');
    const list = (await run(same)).filter((d) => d.code === 'E_CHANNELS_ACCOUNT_FORMAT');
    expect(list.map((d) => d.path)).toEqual([['accounts', 'channels', 'assistantAppId']]);
    expect(list[0]!.message).toMatch(/two accounts/);
  });
});
