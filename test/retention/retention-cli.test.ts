import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTicket } from '../../src/tickets/ticket-service.js';
import { aCustomer } from '../support/fixtures.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/test-database.js';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../../', import.meta.url));

// The script opens its own connection while the test holds one: a PostgreSQL server only (PGlite is one process).
describe.skipIf(!databaseKinds.includes('postgresql'))('npm run retention -- --dry-run', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase('postgresql');
  });
  afterAll(async () => {
    await db?.close();
  });

  /** A ticket closed on `closedAt` (with the customer's name and phone on it). */
  async function aTicketClosedOn(closedAt: string) {
    const { customer } = await aCustomer(db.prisma, 'Chen Mei');
    const ticket = await openTicket(db.prisma, { customerId: customer.id, category: 'fault', channel: 'sms', problem: 'printer jams', contactName: 'Chen Mei', contactPhone: '+886912345678' }, { now: new Date(closedAt), actor: 'bot' });
    await db.prisma.ticket.update({ where: { id: ticket.id }, data: { status: 'closed', resolvedAt: new Date(closedAt), closedAt: new Date(closedAt) } });
    return ticket;
  }

  async function retention(...args: string[]) {
    const { PATH, HOME } = process.env;
    const env = { PATH, HOME, DOTENV_CONFIG_QUIET: 'true', DATABASE_URL: db.connectionString, RETENTION_YEARS: '5', LOG_LEVEL: 'silent' };
    return run('npx', ['tsx', 'scripts/retention.ts', ...args], { cwd: repo, env });
  }

  it('lists the tickets past the retention period and changes nothing', { timeout: 180_000 }, async () => {
    const old = await aTicketClosedOn('2019-06-04T02:00:00Z');
    const recent = await aTicketClosedOn(new Date(Date.now() - 30 * 86_400_000).toISOString());

    const { stdout } = await retention('--dry-run', '--json');
    const result = JSON.parse(stdout) as { dryRun: boolean; years: number; tickets: { number: string }[] };
    expect(result).toMatchObject({ dryRun: true, years: 5 });
    expect(result.tickets.map((t) => t.number)).toEqual([old.number]);
    expect(result.tickets.map((t) => t.number)).not.toContain(recent.number);
    expect(await db.prisma.ticket.findUniqueOrThrow({ where: { id: old.id } })).toMatchObject({ contactName: 'Chen Mei', contactPhone: '+886912345678', anonymisedAt: null });
    expect(await db.prisma.accessAudit.count({ where: { action: 'retention_anonymise' } })).toBe(0);

    const text = await retention('--dry-run');
    expect(text.stdout).toContain(`Would anonymise 1 ticket(s): ${old.number}.`);
  });
});
