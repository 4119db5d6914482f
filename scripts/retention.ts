/**
 * Anonymise the personal data of tickets closed longer than the retention period, once.
 *
 *   npm run retention -- [--dry-run] [--json]
 *
 * The period is RETENTION_YEARS, else the policy's retention.years (0 keeps everything). --dry-run prints what
 * would go (counts and ticket numbers) and changes nothing. The daily job `retention.run` does the same.
 */
import 'dotenv/config';
import { parseArgs } from 'node:util';
import { loadEnv } from '../src/config/env.js';
import { openDatabase } from '../src/db/db.js';
import { loadAppPolicy } from '../src/jobs/handlers/register-scheduler.js';
import { retentionYears, runRetention } from '../src/retention/retention-service.js';

const { values } = parseArgs({ args: process.argv.slice(2), options: { 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } } });
const dryRun = values['dry-run'] ?? false;
const env = loadEnv();
const { policy } = loadAppPolicy(env);
const years = retentionYears(env.RETENTION_YEARS, policy.retention.years);
const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, connectTimeoutMs: env.DB_CONNECT_TIMEOUT_MS });
try {
  const result = await runRetention(database.prisma, { now: new Date(), years, timeZone: env.BUSINESS_TZ, dryRun });
  if (values.json) {
    console.log(JSON.stringify(result ? { ...result, cutoff: result.cutoff.toISOString() } : { years: 0, keptForever: true }));
  } else if (!result) {
    console.log('Retention is off (0 years): nothing is anonymised.');
  } else {
    const verb = dryRun ? 'Would anonymise' : 'Anonymised';
    console.log(`Retention ${years} years: tickets closed before ${result.cutoff.toISOString()}.`);
    console.log(`${verb} ${result.tickets.length} ticket(s)${result.tickets.length ? `: ${result.tickets.map((t) => t.number).join(', ')}` : ''}.`);
    console.log(`${verb} ${result.customers.length} customer(s) with no ticket or activity left in retention.`);
  }
} finally {
  await database.close();
}
