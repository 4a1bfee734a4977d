import { describe, expect, it } from 'vitest';
import { pageProblem } from '../../src/campaign/rules/platform/pages.js';
import { edit, expectHits, expectNone } from './harness.js';

describe('pageProblem', () => {
  it.each([
    ['/pages/goods/detail', 'E_PAGE_PATH'],
    ['pages/goods/ detail', 'E_PAGE_PATH'],
    ['https://shop.example.com/p/1', 'E_PAGE_PATH'],
    ['pages//detail', 'E_PAGE_PATH'],
    ['pages/../detail', 'E_PAGE_PATH'],
    ['', 'E_PAGE_PATH'],
    [`pages/goods/detail?q=${'x'.repeat(1010)}`, 'E_PAGE_PATH'],
    ['pages/web/view?url=https://shop.example.com/a', 'E_PAGE_QUERY_ENCODING'],
    ['pages/web/view?url=100%', 'E_PAGE_QUERY_ENCODING'],
  ])('%s → %s', (page, code) => {
    expect(pageProblem(page)?.code).toBe(code);
  });
  it.each([
    'pages/index/index',
    'pages/goods/detail?id=520&from=live',
    'pages/web/view?url=https%3A%2F%2Fshop.example.com%2Fa',
    `pages/goods/detail?q=${'x'.repeat(1000)}`,
  ])('%s is fine', (page) => {
    expect(pageProblem(page)).toBeUndefined();
  });
});

describe('E_PAGE_PATH', () => {
  it('rejects a leading slash in a goods page, a space in the subscribe page, a URL in the OA menu', async () => {
    let y = edit('page: pages/goods/detail?id=520&from=live', 'page: /pages/goods/detail?id=520');
    y = edit('page: pages/live/room?from=subscribe', "page: 'pages/live/room ?from=subscribe'", y);
    y = edit('page: pages/coupon/claim }', 'page: https://shop.example.com/claim }', y);
    await expectHits(y, 'E_PAGE_PATH', [
      { path: ['products', 0, 'page'], needle: '/pages/goods/detail?id=520' },
      { path: ['channels', 'official-account', 'menu', 'page'], needle: 'https://shop.example.com/claim' },
      { path: ['channels', 'subscribers', 'page'], needle: "'pages/live/room ?from=subscribe'" },
    ]);
  });
  it('accepts well-formed pages (base)', async () => {
    await expectNone(
      edit('page: pages/coupon/claim }', 'page: pages/coupon/claim?from=menu }'),
      'E_PAGE_PATH',
    );
  });
});

describe('E_PAGE_QUERY_ENCODING', () => {
  it('rejects a URL in a query value that is not URL-encoded', async () => {
    const y = edit('back=https%3A%2F%2Fshop.example.com%2F', 'back=https://shop.example.com/');
    await expectHits(y, 'E_PAGE_QUERY_ENCODING', [
      { path: ['products', 2, 'page'], needle: 'pages/goods/detail?id=801' },
    ]);
  });
  it('accepts the encoded URL (base)', async () => {
    await expectNone(edit('id=801&back', 'id=802&back'), 'E_PAGE_QUERY_ENCODING');
  });
});
