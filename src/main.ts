import dotenv from 'dotenv';
import { startEmbedded } from './db/embedded-start.js';

dotenv.config({ quiet: true });

// The embedded database starts before anything else loads: its WebAssembly start-up then overlaps with
// loading the application, and start-up costs the longer of the two instead of their sum. The settings are
// validated below; an error there still stops start-up (this only reads the same two variables early).
const embedded = process.env.DATABASE_URL?.trim() ? undefined : startEmbedded(process.env.DATA_DIR ?? './data');
embedded?.catch(() => undefined); // a failure is reported by openDatabase below

async function main(): Promise<void> {
  const [{ systemClock }, { ConfigError, loadEnv, retiredSettingsIn }, { openDatabase }, { createLogger }] = await Promise.all([
    import('./clock.js'),
    import('./config/env.js'),
    import('./db/db.js'),
    import('./logger.js'),
  ]);
  let env;
  try {
    env = loadEnv();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`aftercare cannot start.\n${err.message}\nSee .env.example for every setting.`);
      await embedded?.then(({ pglite, lock }) => pglite.close().then(() => lock.release())).catch(() => undefined);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(env.LOG_LEVEL);
  for (const { name, instead } of retiredSettingsIn()) logger.warn(`${name} is no longer used: ${instead}. Remove it from the environment.`);
  const started = Date.now();
  const [{ createApp }, database] = await Promise.all([
    import('./app.js'),
    openDatabase({
      databaseUrl: env.DATABASE_URL,
      dataDir: env.DATA_DIR,
      connectTimeoutMs: env.DB_CONNECT_TIMEOUT_MS,
      statementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS,
      poolTimeoutMs: env.DB_POOL_TIMEOUT_MS,
      embedded,
      onRetry: (attempt, err) => logger.warn({ attempt, err: (err as Error).message }, 'database not reachable yet; retrying'),
    }),
  ]).catch((err: unknown) => {
    logger.fatal({ err }, (err as Error).message);
    process.exit(1);
  });
  const app = await createApp({ env, logger, clock: systemClock, database, ownsDatabase: true, workersAfterMs: 1_000 }).catch(async (err: unknown) => {
    logger.fatal({ err }, (err as Error).message);
    await database.close().catch(() => undefined);
    process.exit(1);
  });
  // Stopping is possible from here on, not only once start-up has finished: a SIGTERM while the bot warms
  // up or the first admin is made would otherwise kill the process without closing the database.
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 20_000).unref();
    app.stop().then(
      () => {
        clearTimeout(force);
        process.exit(0);
      },
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  const url = await app.listen();
  if (!env.STAFF_BOOTSTRAP_TOKEN) {
    const { firstStartAdmin } = await import('./console/staff-auth.js');
    const admin = await firstStartAdmin(app.database.prisma, env.CONSOLE_ADMIN_EMAIL);
    // Printed, not logged: the log masks and redacts, and this is the one time the password can be read.
    if (admin) {
      console.log(
        `\nNobody can sign in to the staff console yet. Sign in at ${url}/console as\n\n  e-mail:   ${admin.email}\n  password: ${admin.password}   (one-time: you choose a new one at the first sign-in)\n`,
      );
    }
  }
  logger.info({ url, database: app.database.kind, ms: Date.now() - started }, `aftercare is listening on ${url} (web chat ${url}/chat, console ${url}/console)`);

}

await main();
