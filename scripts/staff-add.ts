// `npm run staff:add -- --email E --name N --role agent|engineer|supervisor|admin [--password P] [--region R]`:
// adds a staff member who signs in to the console with e-mail and password. Without --password a one-time
// password is printed once; its holder chooses a new one at the first sign-in. The embedded database can be
// open in one process only: stop `npm start` first (or add staff in the console as a supervisor).
import 'dotenv/config';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { addStaff } from '../src/console/staff-service.js';
import type { Db } from '../src/db/db.js';

/** Parses the command line and adds the staff member; returns what to print. */
export async function staffAdd(db: Db, argv: string[]): Promise<string> {
  const { values } = parseArgs({
    args: argv,
    options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, password: { type: 'string' }, region: { type: 'string' } },
    strict: true,
  });
  const { staff, oneTimePassword } = await addStaff(db, {
    email: values.email ?? '',
    name: values.name ?? '',
    role: (values.role ?? '') as 'agent',
    region: values.region,
    password: values.password,
  });
  const who = `Added ${staff.role} ${staff.name} <${staff.email}>.`;
  return oneTimePassword ? `${who}\nOne-time password (shown once; changed at the first sign-in):\n\n  ${oneTimePassword}\n` : who;
}

async function main(): Promise<void> {
  const { loadEnv } = await import('../src/config/env.js');
  const { openDatabase } = await import('../src/db/db.js');
  const env = loadEnv();
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, connectTimeoutMs: env.DB_CONNECT_TIMEOUT_MS });
  try {
    console.log(await staffAdd(database.prisma, process.argv.slice(2)));
  } catch (err) {
    console.error((err as Error).message);
    process.exitCode = 1;
  } finally {
    await database.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
