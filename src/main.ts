import 'dotenv/config';
import { createApp } from './app.js';
import { systemClock } from './clock.js';
import { ConfigError, loadEnv } from './config/env.js';
import { createLogger } from './logger.js';

process.env.DOTENV_CONFIG_QUIET ??= 'true';

async function main(): Promise<void> {
  let env;
  try {
    env = loadEnv();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`aftercare cannot start.\n${err.message}\nSee .env.example for every setting.`);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(env.LOG_LEVEL);
  const started = Date.now();
  const app = await createApp({ env, logger, clock: systemClock }).catch((err: unknown) => {
    logger.fatal({ err }, (err as Error).message);
    process.exit(1);
  });
  const url = await app.listen();
  logger.info({ url, database: app.database.kind, ms: Date.now() - started }, `aftercare is listening on ${url} (web chat ${url}/chat, console ${url}/console)`);

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
}

await main();
