import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Database files each open their own PGlite copy or PostgreSQL schema; 2 cores here.
    pool: 'forks',
    env: { DOTENV_CONFIG_QUIET: 'true', LOG_LEVEL: 'silent' },
  },
});
