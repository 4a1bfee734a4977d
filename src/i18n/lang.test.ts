import { describe, expect, it } from 'vitest';
import { langFromArgv, parseLang, resolveLang } from './lang.js';

describe('the language of the texts', () => {
  it('takes --lang, then LIVECTL_LANG, then LC_ALL, LC_MESSAGES, LANG; English otherwise', () => {
    expect(resolveLang(undefined, {})).toBe('en');
    expect(resolveLang(undefined, { LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(resolveLang(undefined, { LANG: 'zh_TW.UTF-8' })).toBe('zh-CN');
    expect(resolveLang(undefined, { LANG: 'de_DE.UTF-8' })).toBe('en');
    expect(resolveLang(undefined, { LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(resolveLang(undefined, { LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' })).toBe('zh-CN');
    expect(resolveLang(undefined, { LC_ALL: '', LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(resolveLang(undefined, { LIVECTL_LANG: 'en', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(resolveLang(undefined, { LIVECTL_LANG: 'zh-CN' })).toBe('zh-CN');
    expect(resolveLang('en', { LIVECTL_LANG: 'zh-CN' })).toBe('en');
    expect(resolveLang('zh-CN', {})).toBe('zh-CN');
  });

  it('reads --lang from raw argv in both spellings', () => {
    expect(langFromArgv(['node', 'livectl', 'plan', 'x.yaml', '--lang', 'zh-CN'])).toBe('zh-CN');
    expect(langFromArgv(['node', 'livectl', '--lang=en', 'plan'])).toBe('en');
    expect(langFromArgv(['node', 'livectl', 'plan'])).toBeUndefined();
    expect(parseLang('fr')).toBeUndefined();
    expect(parseLang('zh_CN')).toBe('zh-CN');
  });
});
