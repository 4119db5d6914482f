import type { Db } from '../../src/db/db.js';
import { identifyCustomer } from '../../src/customers/customer-service.js';

let counter = 0;

/** A customer reachable by a fresh phone number, unique within the test file. */
export async function aCustomer(db: Db, name = 'Test Customer') {
  counter += 1;
  const phone = `+8869${String(10_000_000 + counter * 7919 + Math.floor(Math.random() * 1000)).slice(-8)}`;
  const { customer } = await identifyCustomer(db, { kind: 'phone', address: phone, name });
  return { customer, phone };
}

export async function aStaffMember(db: Db, data: { name?: string; role?: 'agent' | 'engineer' | 'supervisor' } = {}) {
  counter += 1;
  return db.staff.create({
    data: { name: data.name ?? `Staff ${counter}`, role: data.role ?? 'engineer', email: `staff${counter}-${Date.now()}@example.test`, onDuty: true },
  });
}
