import { describe, expect, it } from 'vitest';
import { BASE, edit, expectHits, expectNone, run } from './harness.js';

/** The base fixture has no live page; these add one. */
const withLivePage = (page: string) =>
  edit(
    'miniProgram: { appId: wx0123456789abcdef }',
    `miniProgram: { appId: wx0123456789abcdef, livePage: ${page} }`,
  );

describe('W_NO_LIVE_PAGE', () => {
  it('warns at accounts.miniProgram when there is no livePage, naming the field in the hint', async () => {
    await expectHits(BASE, 'W_NO_LIVE_PAGE', [
      { path: ['accounts', 'miniProgram'], needle: 'miniProgram: { appId' },
    ]);
    const d = (await run(BASE)).find((x) => x.code === 'W_NO_LIVE_PAGE');
    expect(d?.severity).toBe('warning');
    expect(d?.hint).toContain('accounts.miniProgram.livePage');
    expect(d?.message).toContain('home page');
  });
  it('is quiet with a livePage', async () => {
    await expectNone(withLivePage('pages/live/entry'), 'W_NO_LIVE_PAGE');
  });
});

describe('E_LIVE_PAGE', () => {
  it.each([['/pages/live/entry'], ['pages/live/entry?from=code'], ['https://shop.example.com/live']])(
    'rejects %s',
    async (page) => {
      const y = withLivePage(page);
      await expectHits(y, 'E_LIVE_PAGE', [{ path: ['accounts', 'miniProgram', 'livePage'], needle: page }]);
    },
  );
  it('accepts pages/live/entry', async () => {
    await expectNone(withLivePage('pages/live/entry'), 'E_LIVE_PAGE');
  });
});
