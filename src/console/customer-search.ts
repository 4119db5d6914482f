import type { Prisma } from '../generated/prisma/client.js';
import { normalisePhone } from '../customers/contact-address.js';
import type { Db } from '../db/db.js';

/**
 * Customers by name, company, e-mail or phone. One character is enough (a surname such as 王); a phone
 * number matches however it is written (0912 345 678, +886912345678, 912-345-678). Chat session ids are
 * neither searched nor shown.
 */
export async function searchCustomers(db: Db, q: string, take = 50) {
  const text = q.trim();
  const digits = text.replace(/[\s()+.-]/g, '');
  const phone = /^\d{6,}$/.test(digits) ? normalisePhone(text) : null;
  const or: Prisma.CustomerWhereInput[] = [
    { name: { contains: text, mode: 'insensitive' } },
    { company: { contains: text, mode: 'insensitive' } },
    { contacts: { some: { kind: 'email', address: { contains: text, mode: 'insensitive' } } } },
  ];
  if (phone) or.push({ contacts: { some: { kind: 'phone', address: phone } } });
  // A partial number: the digits without a trunk 0, as they appear inside an E.164 address.
  if (/^\d{4,}$/.test(digits)) or.push({ contacts: { some: { kind: 'phone', address: { contains: digits.replace(/^0+/, '') } } } });
  return db.customer.findMany({
    where: { mergedIntoId: null, OR: or },
    take,
    orderBy: [{ updatedAt: 'desc' }],
    select: { id: true, name: true, company: true, contacts: { where: { kind: { not: 'chat' } }, select: { kind: true, address: true } } },
  });
}
