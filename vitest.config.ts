import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    globalSetup: ['test/support/global-setup.ts'],
    // Tests expect English unless they ask for Chinese: a developer's Chinese locale (LANG=zh_CN…)
    // must not reach the livectl processes they start.
    env: { LIVECTL_LANG: 'en' },
  },
});
