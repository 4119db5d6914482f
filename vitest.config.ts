import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each file opens its own PGlite copy or PostgreSQL database, so files run in parallel safely. Much of
    // a file's time is spent waiting (database, HTTP, mail servers), so more workers than cores pays off.
    pool: 'forks',
    maxWorkers: 4,
    // Files share a worker's module cache (no test mocks modules or mutates globals): importing
    // botbuilder, the classifier and PGlite once per worker instead of once per file saves minutes.
    isolate: false,
    env: { DOTENV_CONFIG_QUIET: 'true', LOG_LEVEL: 'silent' },
  },
});
