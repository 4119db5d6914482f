// `npm run db:migrate`: applies pending migrations to the configured database without starting the server.
import 'dotenv/config';
import { loadEnv } from '../src/config/env.js';
import { openDatabase } from '../src/db/db.js';

const env = loadEnv();
const started = Date.now();
const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, connectTimeoutMs: env.DB_CONNECT_TIMEOUT_MS });
const rows = await database.prisma.$queryRaw<{ migration_name: string }[]>`
  SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY migration_name`;
await database.close();
console.log(`${database.kind}: ${rows.length} migration(s) applied, up to date (${Date.now() - started} ms)`);
