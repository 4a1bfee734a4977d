import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { campaignReferenceMarkdown } from '../src/campaign/reference-doc.js';
import { rulesReferenceMarkdown } from '../src/campaign/rules/reference.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('shows the set-up command and the test command on its first screen', () => {
    const firstScreen = readme.split('\n').slice(0, 25).join('\n');
    expect(firstScreen).toContain('npm ci && npx livectl plan campaigns/goddess-day.yaml');
    expect(firstScreen).toMatch(/^npm test\b/m);
  });

  it('links its Chinese version at the top, whose first screen has the same two commands', () => {
    expect(readme.split('\n').slice(0, 4).join('\n')).toContain('[简体中文](README.zh-CN.md)');
    const zh = readFileSync(new URL('../README.zh-CN.md', import.meta.url), 'utf8');
    const firstScreen = zh.split('\n').slice(0, 25).join('\n');
    expect(firstScreen).toContain('[English](README.md)');
    expect(firstScreen).toContain('npm ci && npx livectl plan campaigns/goddess-day.yaml');
    expect(firstScreen).toMatch(/^npm test\b/m);
  });

  it('has a current rule reference (run `npm run docs:write` after changing rules)', () => {
    const start = readme.indexOf('<!-- generated:rules:start -->');
    const end = readme.indexOf('<!-- generated:rules:end -->');
    const section = readme.slice(start + '<!-- generated:rules:start -->'.length, end).trim();
    expect(section).toBe(rulesReferenceMarkdown().trim());
  });

  it('has a current campaign file reference, generated from the schema (run `npm run docs:write`)', () => {
    const start = readme.indexOf('<!-- generated:campaign:start -->');
    const end = readme.indexOf('<!-- generated:campaign:end -->');
    expect(start).toBeGreaterThan(0);
    const section = readme.slice(start + '<!-- generated:campaign:start -->'.length, end).trim();
    expect(section).toBe(campaignReferenceMarkdown().trim());
  });

  it('is what .ci/run runs: npm ci, then exactly the README test command', () => {
    const ci = readFileSync(new URL('../.ci/run', import.meta.url), 'utf8');
    const commands = ci.split('\n').filter((l) => /^npm /.test(l.trim()));
    expect(commands).toEqual(['npm ci', 'npm test']);
  });
});
