import { createApp, type App } from '../../src/app.js';
import { fixedClock, type Clock } from '../../src/clock.js';
import { loadEnv } from '../../src/config/env.js';
import type { DatabaseKind } from '../../src/db/db.js';
import { createLogger } from '../../src/logger.js';
import { openTestDatabase, type TestDatabase } from './test-database.js';

export type TestApp = { app: App; url: string; db: TestDatabase; clock: ReturnType<typeof fixedClock>; stop(): Promise<void> };

/** The real app on a free port over a private database; env values override the defaults. */
export async function startTestApp(
  kind: DatabaseKind,
  env: Record<string, string> = {},
  options: { clock?: ReturnType<typeof fixedClock>; now?: string } = {},
): Promise<TestApp> {
  const db = await openTestDatabase(kind);
  const clock = options.clock ?? fixedClock(options.now ?? '2026-11-25T02:00:00Z');
  const parsed = loadEnv({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATA_DIR: db.dataDir, JOBS_ENABLED: 'false', ...env });
  const app = await createApp({ env: parsed, logger: createLogger(parsed.LOG_LEVEL), clock: clock as Clock, database: db });
  const url = (await app.listen()).replace('localhost', '127.0.0.1');
  return {
    app,
    url,
    db,
    clock,
    stop: async () => {
      await app.stop();
      await db.close();
    },
  };
}
