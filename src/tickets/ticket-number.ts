import type { Prisma } from '../generated/prisma/client.js';
import { formatTicketNumber } from './ticket-rules.js';

/** Next number for the year, from one atomic upsert: parallel creates never share a number. */
export async function nextTicketNumber(tx: Prisma.TransactionClient, year: number): Promise<string> {
  const rows = await tx.$queryRaw<{ last: number }[]>`
    INSERT INTO "TicketSequence" ("year", "last") VALUES (${year}, 1)
    ON CONFLICT ("year") DO UPDATE SET "last" = "TicketSequence"."last" + 1
    RETURNING "last"`;
  const last = rows[0]?.last;
  if (last === undefined) throw new Error('Ticket sequence returned no row');
  return formatTicketNumber(year, Number(last));
}
