import type { Server } from 'restify';
import type { ChannelAdapter } from '../channels/channel-adapter.js';
import type { ChannelKind } from './messages/channel-kind.js';
import { createMessageSendHandler } from './outbound/outbound-service.js';
import type { Clock } from './clock.js';
import type { Env } from './config/env.js';
import { openDatabase, type Database } from './db/db.js';
import { createEventBus, type EventBus } from './events/event-bus.js';
import { mountHealthRoutes } from './http/routes/health-routes.js';
import { createHttpServer } from './http/server.js';
import { createJobQueue, type JobQueue } from './jobs/job-queue.js';
import type { Logger } from './logger.js';
import { version } from './version.js';

/** Everything a running aftercare holds; built once by createApp, the composition root. */
export interface App {
  readonly env: Env;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly database: Database;
  readonly events: EventBus;
  readonly jobs: JobQueue;
  readonly server: Server;
  /** Outbound adapters by channel; the `message.send` job delivers through them (or leaves rows in the outbox). */
  readonly channels: Map<ChannelKind, ChannelAdapter>;
  /** Listens on env.PORT (0 picks a free port) and returns the base URL. */
  listen(): Promise<string>;
  /** Stops accepting, finishes in-flight requests and jobs, closes the database. */
  stop(): Promise<void>;
}

export type CreateAppOptions = {
  env: Env;
  logger: Logger;
  clock: Clock;
  /** Tests pass an already-open database; otherwise it is opened from env. */
  database?: Database;
};

export async function createApp(options: CreateAppOptions): Promise<App> {
  const { env, logger, clock } = options;
  const database =
    options.database ??
    (await openDatabase({
      databaseUrl: env.DATABASE_URL,
      dataDir: env.DATA_DIR,
      connectTimeoutMs: env.DB_CONNECT_TIMEOUT_MS,
      onRetry: (attempt, err) => logger.warn({ attempt, err: (err as Error).message }, 'database not reachable yet; retrying'),
    }));
  const events = createEventBus();
  const jobs = createJobQueue(database, logger);
  const server = createHttpServer(logger);

  const channels = new Map<ChannelKind, ChannelAdapter>();

  mountHealthRoutes(server, { database, version });
  jobs.handle('message.send', createMessageSendHandler({ db: database.prisma, adapters: channels, logger, clock }));

  let stopping: Promise<void> | undefined;
  const app: App = {
    env,
    logger,
    clock,
    database,
    events,
    jobs,
    server,
    channels,
    async listen() {
      await jobs.start({ work: env.JOBS_ENABLED });
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(env.PORT, env.HOST, () => resolve());
      });
      const address = server.address();
      return `http://localhost:${address.port}`;
    },
    stop() {
      stopping ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Keep-alive sockets with no request in flight would hold close() open.
          server.server.closeIdleConnections();
        });
        await jobs.stop();
        for (const adapter of channels.values()) await adapter.stop?.();
        if (!options.database) await database.close();
      })();
      return stopping;
    },
  };
  return app;
}
