// `npm run db:seed`: a small demo for the console and the chat (customers, products, staff, tickets in
// several states, a conversation waiting for staff). Rerunning changes nothing. The embedded database
// can be open in one process only: stop `npm start` first.
import 'dotenv/config';
import { pathToFileURL } from 'node:url';
import { hashPassword, oneTimePassword } from '../src/console/password.js';
import { findOrOpenConversation } from '../src/conversations/conversation-service.js';
import { addContactPoint, identifyCustomer } from '../src/customers/customer-service.js';
import type { Db } from '../src/db/db.js';
import type { TicketStatus } from '../src/generated/prisma/enums.js';
import { assignTicket, openTicket, transitionTicket, type OpenTicketInput } from '../src/tickets/ticket-service.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** One-time passwords issued in this run (each holder chooses a new one at the first sign-in). */
type SeedResult = { passwords: { email: string; role: string; password: string }[]; supervisorEmail: string; created: { customers: number; tickets: number } };

const staffSeed = [
  { email: 'supervisor@demo.aftercare.invalid', name: '林美華 Lin Mei-hua', role: 'supervisor' as const, region: 'Taipei' },
  { email: 'agent@demo.aftercare.invalid', name: '張偉 Chang Wei', role: 'agent' as const, region: 'Taipei' },
  { email: 'engineer@demo.aftercare.invalid', name: '黃俊 Huang Jun', role: 'engineer' as const, region: 'Taichung', skills: ['printers', 'on-site'] },
];

const customerSeed = [
  {
    key: 'chen', name: '陳大文', company: '宏達印刷 Acme Printing', language: 'zh-Hant', phone: '0912 345 678', email: 'chen@acme.example',
    asset: { model: 'LX-200', serial: 'SN-LX200-0001', purchaseDate: '2025-03-15', warrantyMonths: 24, siteAddress: '台北市中山區中山北路一段1號', province: '台北市' },
  },
  { key: 'wang', name: '王小明', company: '华南物流', language: 'zh-Hans', email: 'wang@example.cn', asset: { model: 'MX-9', serial: 'SN-MX9-1234', purchaseDate: '2024-06-01', warrantyMonths: 12, siteAddress: '台中市西屯區', province: '台中市' } },
  { key: 'doe', name: 'Jane Doe', company: 'Harbour Logistics', language: 'en', phone: '+886 987 654 321', asset: { model: 'LX-200', serial: 'SN-LX200-0042', purchaseDate: '2023-01-10', warrantyMonths: 24, siteAddress: 'Kaohsiung Port, Pier 3', province: '高雄市' } },
];

export async function seedDemo(db: Db, options: { now: Date; newPasswords?: boolean }): Promise<SeedResult> {
  const { now } = options;
  const created = { customers: 0, tickets: 0 };
  const staff: Record<string, { id: string; passwordHash: string | null }> = {};
  for (const s of staffSeed) {
    staff[s.role] = await db.staff.upsert({
      where: { email: s.email },
      create: { ...s, skills: s.skills ?? [], onDuty: true },
      update: {},
    });
  }
  const passwords: SeedResult['passwords'] = [];
  for (const s of staffSeed) {
    if (staff[s.role]!.passwordHash && !options.newPasswords) continue;
    const password = oneTimePassword();
    await db.staff.update({ where: { id: staff[s.role]!.id }, data: { passwordHash: await hashPassword(password), mustChangePassword: true } });
    passwords.push({ email: s.email, role: s.role, password });
  }

  const customers: Record<string, { id: string; assetId: string }> = {};
  for (const c of customerSeed) {
    const first = c.phone ? { kind: 'phone' as const, address: c.phone } : { kind: 'email' as const, address: c.email! };
    const { customer, created: isNew } = await identifyCustomer(db, { ...first, name: c.name, language: c.language });
    if (isNew) created.customers += 1;
    await db.customer.update({ where: { id: customer.id }, data: { company: c.company } });
    if (c.phone && c.email) await addContactPoint(db, customer.id, 'email', c.email);
    const asset =
      (await db.asset.findFirst({ where: { customerId: customer.id, serial: c.asset.serial } })) ??
      (await db.asset.create({ data: { ...c.asset, customerId: customer.id, purchaseDate: new Date(c.asset.purchaseDate), project: c.company } }));
    customers[c.key] = { id: customer.id, assetId: asset.id };
  }

  const ticket = async (key: string, daysAgo: number, input: Omit<OpenTicketInput, 'customerId'>, path: TicketStatus[], extra: { assign?: string; respondedAfterHours?: number } = {}) => {
    const customer = customers[key]!;
    const at = new Date(now.getTime() - daysAgo * DAY);
    const t = await openTicket(db, { ...input, customerId: customer.id, assetId: customer.assetId }, { now: at, actor: 'bot' });
    created.tickets += 1;
    let step = at.getTime();
    if (extra.assign) await assignTicket(db, t.id, staff[extra.assign]!.id, { now: new Date((step += HOUR)), actor: `staff:${staff.supervisor!.id}` });
    for (const to of path) await transitionTicket(db, t.id, to, { now: new Date((step += 3 * HOUR)), actor: `staff:${staff.agent!.id}` });
    if (extra.respondedAfterHours !== undefined) {
      await db.ticket.update({ where: { id: t.id }, data: { firstRespondedAt: new Date(at.getTime() + extra.respondedAfterHours * HOUR) } });
    }
    await db.slaPromise.create({ data: { ticketId: t.id, kind: 'first_response', dueAt: new Date(at.getTime() + 4 * HOUR), warnAt: new Date(at.getTime() + 3 * HOUR), metAt: extra.respondedAfterHours !== undefined ? new Date(at.getTime() + extra.respondedAfterHours * HOUR) : null } });
    return t;
  };

  // Tickets only on the first run: a customer who already has tickets was seeded before.
  if ((await db.ticket.count({ where: { customerId: customers.chen!.id } })) === 0) {
    const repair = await ticket('chen', 3, { category: 'fault', channel: 'sms', language: 'zh-Hant', problem: '印表機卡紙，每一頁都卡。', productModel: 'LX-200', serial: 'SN-LX200-0001', siteAddress: '台北市中山區中山北路一段1號', province: '台北市', contactName: '陳大文', contactPhone: '+886912345678' }, ['in_progress'], { assign: 'engineer', respondedAfterHours: 1 });
    await db.slaPromise.create({ data: { ticketId: repair.id, kind: 'on_site_arrival', dueAt: new Date(now.getTime() - 2 * DAY), warnAt: new Date(now.getTime() - 2.2 * DAY), metAt: new Date(now.getTime() - 2.5 * DAY) } });
    const done = await ticket('chen', 20, { category: 'inquiry', channel: 'voice', language: 'zh-Hant', problem: '請問保固期多久？' }, ['resolved', 'closed'], { respondedAfterHours: 0.5 });
    await db.survey.create({ data: { ticketId: done.id, customerId: customers.chen!.id, channel: 'sms', status: 'completed', scheduledFor: new Date(now.getTime() - 18 * DAY), sentAt: new Date(now.getTime() - 18 * DAY), respondedAt: new Date(now.getTime() - 18 * DAY), attitude: 5, skill: 5, punctuality: 4, itemsCompleted: 5, overall: 5, dissatisfied: false } });

    const complaint = await ticket('wang', 1, { category: 'complaint', complaintType: 'service_attitude', urgency: 'high', channel: 'email', language: 'zh-Hans', problem: '工程师迟到两个小时，态度也不好。', contactEmail: 'wang@example.cn' }, []);
    const thread = await findOrOpenConversation(db, { channel: 'email', threadKey: '<seed-wang-1@example.cn>', customerId: customers.wang!.id, ticketId: complaint.id });
    await db.conversation.update({ where: { id: thread.id }, data: { state: 'waiting_staff', handoffReason: 'complaint', ticketId: complaint.id, language: 'zh-Hans', lastInboundAt: new Date(now.getTime() - DAY) } });
    await db.message.createMany({
      data: [
        { conversationId: thread.id, customerId: customers.wang!.id, ticketId: complaint.id, direction: 'inbound', channel: 'email', externalId: '<seed-wang-1@example.cn>', author: 'customer', subject: '投诉：工程师迟到', text: '工程师迟到两个小时，态度也不好。我要投诉。', createdAt: new Date(now.getTime() - DAY) },
        { conversationId: thread.id, customerId: customers.wang!.id, ticketId: complaint.id, direction: 'outbound', channel: 'email', author: 'bot', text: `非常抱歉给您带来不便。我们已建立投诉工单 ${complaint.number}，客服主管会尽快与您联系。`, createdAt: new Date(now.getTime() - DAY + 60_000) },
      ],
      skipDuplicates: true,
    });
    await db.staffNotification.create({ data: { role: 'supervisor', ticketId: complaint.id, kind: 'complaint', text: `New complaint ${complaint.number} (service attitude, high urgency)`, deliverAfter: new Date(now.getTime() - DAY), dedupeKey: `seed:complaint:${complaint.id}` } });

    await ticket('doe', 5, { category: 'fault', channel: 'chat', language: 'en', problem: 'Paper feed makes a grinding noise.', productModel: 'LX-200', serial: 'SN-LX200-0042', province: '高雄市' }, ['waiting_customer'], { assign: 'engineer', respondedAfterHours: 2 });
    await ticket('doe', 0.2, { category: 'inquiry', channel: 'chat', language: 'en', problem: 'What are your on-site service fees?' }, []);
  }
  return { passwords, supervisorEmail: staffSeed[0]!.email, created };
}

async function main(): Promise<void> {
  const { loadEnv } = await import('../src/config/env.js');
  const { openDatabase } = await import('../src/db/db.js');
  const env = loadEnv();
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, connectTimeoutMs: env.DB_CONNECT_TIMEOUT_MS });
  try {
    const result = await seedDemo(database.prisma, { now: new Date(), newPasswords: process.argv.includes('--new-passwords') });
    console.log(`Seeded ${database.kind}: ${result.created.customers} new customer(s), ${result.created.tickets} new ticket(s).`);
    if (result.passwords.length > 0) {
      console.log('\nOne-time console passwords (shown once; each is changed at the first sign-in):\n');
      for (const p of result.passwords) console.log(`  ${p.role.padEnd(10)} ${p.email.padEnd(36)} ${p.password}`);
      console.log('');
    } else {
      console.log('The demo staff already have passwords (not shown again). `npm run db:seed -- --new-passwords` issues new ones.');
    }
  } finally {
    await database.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
