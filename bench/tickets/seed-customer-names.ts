import pg from 'pg';
import { pgClientConnection, type SqlConnection } from '../../src/db/sql-connection.js';

/**
 * Names as the console searches them, for customer g: four in five Chinese names (a surname of one or two
 * characters, 歐陽 and 司馬 among them, then a given name), one in five a Latin "Given Surname" with an e-mail
 * address; one in seven with a company. So a one-character surname such as 王 matches about 2.5% of customers,
 * as common surnames do in Taiwan — selective enough for an index.
 */
const LATIN_GIVEN = `(ARRAY['Mei','Wei','Lily','Liam','Jason','Amy','Kevin','Grace','David','Linda'])[1 + g / 5 % 10]`;
const LATIN_SURNAME = `(ARRAY['Chen','Li','Wang','Lin','Smith','Huang','Lee','Tan'])[1 + g / 50 % 8]`;
const NAME = `CASE WHEN g % 5 = 4 THEN ${LATIN_GIVEN} || ' ' || ${LATIN_SURNAME}
  ELSE (ARRAY['王','李','張','陳','林','黃','吳','劉','蔡','楊','許','鄭','謝','郭','洪','曾','邱','廖','賴','徐','周','葉','蘇','莊','呂','江','何','蕭','羅','高','歐陽','司馬'])[1 + g % 32] ||
       (ARRAY['小明','美玲','志強','淑芬','建國','怡君','家豪','雅婷','俊傑','欣怡','大文','麗華'])[1 + g / 32 % 12] END`;
const COMPANY = `CASE WHEN g % 7 = 0 THEN (ARRAY['台灣精密','Lite-On Office','大同辦公','Acme Print'])[1 + g / 7 % 4] || ' ' || g END`;

const EMAILS = `
  INSERT INTO "ContactPoint" (id, "customerId", kind, address)
  SELECT md5('e' || g)::uuid::text, md5('c' || g)::uuid::text, 'email', lower(${LATIN_GIVEN} || '.' || ${LATIN_SURNAME}) || g || '@example.com'
    FROM generate_series(0, $1 - 1) g WHERE g % 5 = 4`;

/** Customer ids and phones as seedTickets makes them (customer g: md5('c' || g), +8869 1000 0000 + g). */
const CUSTOMERS = `
  INSERT INTO "Customer" (id, name, company, "createdAt", "updatedAt")
  SELECT md5('c' || g)::uuid::text, ${NAME}, ${COMPANY}, now() - interval '1 minute' * g, now() - interval '1 minute' * g
    FROM generate_series(0, $1 - 1) g`;
const PHONES = `
  INSERT INTO "ContactPoint" (id, "customerId", kind, address)
  SELECT md5('p' || g)::uuid::text, md5('c' || g)::uuid::text, 'phone', '+8869' || (10000000 + g) FROM generate_series(0, $1 - 1) g`;
/** An SMS conversation per customer with the customer's question: the transcript the console reads. */
const TRANSCRIPTS = [
  `INSERT INTO "Conversation" (id, channel, "threadKey", "customerId", state, "createdAt", "updatedAt")
   SELECT md5('v' || g)::uuid::text, 'sms', '+8869' || (10000000 + g), md5('c' || g)::uuid::text, 'closed', now(), now() FROM generate_series(0, $1 - 1) g`,
  `INSERT INTO "Message" (id, "conversationId", "customerId", direction, channel, author, text, "createdAt")
   SELECT md5('m' || g)::uuid::text, md5('v' || g)::uuid::text, md5('c' || g)::uuid::text, 'inbound', 'sms', 'customer', 'My printer jams', now()
     FROM generate_series(0, $1 - 1) g`,
];

/**
 * VACUUM ANALYZE: a database in use has been through autovacuum, which also empties the GIN indexes' pending
 * lists. Right after writing every name at once the search's GIN indexes hold 10k pending entries, and the
 * planner rightly prefers reading the table.
 */
async function settle(sql: SqlConnection, tables: string[]): Promise<void> {
  for (const table of tables) await sql.exec(`VACUUM ANALYZE "${table}"`);
}

/**
 * `count` customers with names, companies, phones and e-mails, an SMS conversation and a message each:
 * a customer base as the console searches and reads it (tests seed their own database with it).
 */
export async function seedCustomers(sql: SqlConnection, count: number): Promise<void> {
  await sql.transaction(async (tx) => {
    for (const statement of [CUSTOMERS, PHONES, EMAILS, ...TRANSCRIPTS]) await tx.query(statement, [count]);
  });
  await settle(sql, ['Customer', 'ContactPoint', 'Conversation', 'Message']);
}

/** The same names, companies and e-mails given to every customer seedTickets made in the database at `url`. */
export async function seedCustomerNames(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const sql = pgClientConnection(client);
    const [row] = await sql.query<{ count: number }>('SELECT count(*)::int AS count FROM "Customer"');
    const count = row?.count ?? 0;
    await sql.query(
      `UPDATE "Customer" c SET name = n.name, company = n.company
         FROM (SELECT md5('c' || g)::uuid::text AS id, ${NAME} AS name, ${COMPANY} AS company FROM generate_series(0, $1 - 1) g) n
        WHERE c.id = n.id`,
      [count],
    );
    await sql.query(EMAILS, [count]);
    await settle(sql, ['Customer', 'ContactPoint']);
  } finally {
    await client.end();
  }
}
