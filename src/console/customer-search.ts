import { normalisePhone } from '../customers/contact-address.js';
import type { Db } from '../db/db.js';

/** Shorter queries have no trigram: they match the start of a word instead of any substring. */
const SHORT = 2;

/**
 * Beyond ASCII: the characters customer_search_bigrams() (migration 20261201110000) pairs up. A Latin pair
 * inside a word is noise ("li" in Ali, Emily), so Latin text keeps matching by the start of a word.
 */
const isIdeographLike = (c: string) => (c.codePointAt(0) ?? 0) > 127;

/** `%`, `_` and the escape character itself taken literally in a LIKE pattern. */
const likeLiteral = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Customers whose name or company matches `condition`, with the time the search orders by. */
const byCustomer = (condition: string) => `SELECT id, "updatedAt" AS at FROM "Customer" WHERE "mergedIntoId" IS NULL AND ${condition}`;
/**
 * Customers with a contact point of `kind` matching `condition`. Their time is a scalar subquery, run once per
 * contact found through the primary key: joined instead, a few hundred contacts ("li%") make PostgreSQL read
 * every customer rather than look them up.
 */
const byContact = (kind: 'email' | 'phone', condition: string) =>
  `SELECT p."customerId", (SELECT c."updatedAt" FROM "Customer" c WHERE c.id = p."customerId" AND c."mergedIntoId" IS NULL)
     FROM "ContactPoint" p WHERE p."kind" = '${kind}' AND p."address" ${condition}`;

/**
 * The customers a search matches, as SQL: one index-backed branch per way of matching, united, then the
 * newest `take`. Each branch is written so an index of migration 20261130173000 or 20261201110000 serves it
 * (one or two Latin characters, or one Chinese: the word-prefix GIN indexes and the e-mail prefix b-tree; two
 * Chinese characters: the character-pair GIN indexes; more: the trigram indexes; a whole phone number: the
 * unique contact address). An OR across Customer and ContactPoint in one WHERE, as Prisma writes
 * it, can only be a sequential scan of Customer testing each row.
 */
export function customerSearchSql(q: string, take: number): { text: string; values: string[] } {
  const text = q.trim();
  const values: string[] = [];
  const param = (value: string) => `$${values.push(value)}`;
  const branches: string[] = [];
  const chars = [...text];
  if (chars.length === SHORT && chars.every(isIdeographLike)) {
    // Two Chinese characters: anywhere in a word (小明 in 王小明, 大同 in 台北大同), the surname included.
    const pair = param(text);
    branches.push(
      byCustomer(`customer_search_bigrams("name") @> ARRAY[lower(${pair})]`),
      byCustomer(`customer_search_bigrams("company") @> ARRAY[lower(${pair})]`),
      byContact('email', `LIKE ${param(`${likeLiteral(text.toLowerCase())}%`)}`),
    );
  } else if (chars.length <= SHORT) {
    const word = param(text);
    branches.push(
      byCustomer(`customer_search_prefixes("name") @> ARRAY[lower(${word})]`),
      byCustomer(`customer_search_prefixes("company") @> ARRAY[lower(${word})]`),
      byContact('email', `LIKE ${param(`${likeLiteral(text.toLowerCase())}%`)}`),
    );
  } else {
    const anywhere = param(`%${likeLiteral(text)}%`);
    branches.push(byCustomer(`"name" ILIKE ${anywhere}`), byCustomer(`"company" ILIKE ${anywhere}`), byContact('email', `ILIKE ${anywhere}`));
  }
  // A number however it is written (0912 345 678, +886912345678, 912-345-678): its E.164 form, as stored.
  const digits = text.replace(/[\s()+.-]/g, '');
  const phone = /^\d{6,}$/.test(digits) ? normalisePhone(text) : null;
  if (phone) branches.push(byContact('phone', `= ${param(phone)}`));
  // Part of a number: its digits without a trunk 0, as they appear inside an E.164 address (3+ for a trigram).
  const part = digits.replace(/^0+/, '');
  if (/^\d{4,}$/.test(digits) && part.length >= 3) branches.push(byContact('phone', `LIKE ${param(`%${part}%`)}`));
  return {
    text: `SELECT id FROM (${branches.join('\n UNION ')}) hits WHERE at IS NOT NULL ORDER BY at DESC, id LIMIT ${Math.max(1, Math.trunc(take))}`,
    values,
  };
}

/**
 * Customers by name, company, e-mail or phone. One character is enough: a surname such as 王 (Chinese names
 * start with it) or the start of any word of a Latin name ("Li" finds Li Wei and Wei Li); two Chinese
 * characters anywhere in a name or company (小明 finds 王小明); from three characters on, any part of a name,
 * company or e-mail. A phone number matches however it is written. Chat session ids are
 * neither searched nor shown.
 */
export async function searchCustomers(db: Db, q: string, take = 50) {
  const { text, values } = customerSearchSql(q, take);
  const ids = (await db.$queryRawUnsafe<{ id: string }[]>(text, ...values)).map((r) => r.id);
  const found = await db.customer.findMany({
    where: { id: { in: ids } },
    select: { id: true, name: true, company: true, contacts: { where: { kind: { not: 'chat' } }, select: { kind: true, address: true } } },
  });
  const byId = new Map(found.map((c) => [c.id, c]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
