import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identifyCustomer } from '../../../src/customers/customer-service.js';
import { assignTicket, openTicket } from '../../../src/tickets/ticket-service.js';
import { aStaffMember } from '../../support/fixtures.js';
import { databaseKinds } from '../../support/test-database.js';
import { aPhone, openHarness, type Harness } from '../dialog-harness.js';
import { play } from '../transcript.js';

/** The customer asked about progress and has no open ticket we can show, so the bot asks for the number. */
const askedForNumber = [
  { language: 'zh-Hant', ask: '我想查詢維修進度', asked: '請問您的工單編號是' },
  { language: 'zh-Hans', ask: '我想查询维修进度', asked: '请问您的工单编号是' },
  { language: 'en', ask: 'I would like to check the status of my repair', asked: 'Could you tell me the ticket number?' },
];
const reAsks = /工單編號是|工单编号是|無法辨識|无法识别|ticket number\?|could not read/;

const unknownNumbers = [
  { language: 'zh-Hant', send: '不知道', kind: '電話號碼', person: '轉接專人服務' },
  { language: 'zh-Hant', send: '忘了', kind: '電話號碼', person: '轉接專人服務' },
  { language: 'zh-Hans', send: '不记得了', kind: '电话号码', person: '转接人工客服' },
  { language: 'en', send: "I don't know", kind: 'phone number', person: 'passing you to a colleague' },
];

const newRequests = [
  { language: 'zh-Hant', send: '冷氣不冷，需要報修', next: '貴姓大名' },
  { language: 'zh-Hans', send: '空调不制冷，需要报修', next: '贵姓' },
  { language: 'en', send: 'My dryer stopped heating, I need a repair', next: 'your name' },
];

describe.each(databaseKinds)('status dialog on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  async function ticketOf(phone: string, assigned = true) {
    const { customer } = await identifyCustomer(h.db.prisma, { kind: 'phone', address: phone });
    const ticket = await openTicket(h.db.prisma, { customerId: customer.id, category: 'fault', channel: 'sms', problem: 'Printer jams' }, { now: h.clock(), actor: 'test' });
    if (!assigned) return ticket;
    const staff = await aStaffMember(h.db.prisma, { name: 'Engineer Chang' });
    return assignTicket(h.db.prisma, ticket.id, staff.id, { now: h.clock(), actor: 'test' });
  }

  it.each([
    { language: 'en', ask: (n: string) => `What is the status of ${n}?`, wanted: ['is assigned', 'handled by Engineer Chang', 'due by Wed 25 Nov 12:00'] },
    { language: 'zh-Hant', ask: (n: string) => `查詢工單 ${n}`, wanted: ['目前狀態：已指派', '負責同仁：Engineer Chang', '11月25日（週三）12:00 前'] },
    { language: 'zh-Hans', ask: (n: string) => `查询工单 ${n} 的进度`, wanted: ['当前状态：已指派', '负责同事：Engineer Chang', '11月25日（周三）12:00 前'] },
  ])('tells the owner the state, assignee and next promised time in $language', async ({ ask, wanted }) => {
    const phone = aPhone();
    const ticket = await ticketOf(phone);
    const reply = await h.say(phone, ask(ticket.number));
    for (const w of [ticket.number, ...wanted]) expect(reply).toContain(w);
  });

  it("does not reveal someone else's ticket", async () => {
    const ticket = await ticketOf(aPhone());
    const reply = await h.say(aPhone(), `What is the status of ${ticket.number}?`);
    expect(reply).toContain(`For your privacy, I can give the status of ${ticket.number} only to the person who reported it`);
    expect(reply).not.toContain('Engineer Chang');
  });

  it('finds the open ticket of a customer who asks without a number', async () => {
    const phone = aPhone();
    const ticket = await ticketOf(phone, false);
    expect(await h.say(phone, '查詢工單')).toContain(`工單 ${ticket.number} 目前狀態：已受理`);
  });

  it('asks for the number when the customer has no open ticket, and reads keypad digits', async () => {
    const phone = aPhone();
    expect(await h.say(phone, 'I would like to check the status of my repair')).toContain('Could you tell me the ticket number?');
    expect(await h.say(phone, '2026999999')).toContain('the status of SR-2026-999999 only to the person who reported it');
  });

  it.each(unknownNumbers)('ends kindly at once on "$send" in $language: staff find the ticket by phone, or a person helps', async ({ language, send, kind, person }) => {
    const phone = aPhone();
    const { ask, asked } = askedForNumber.find((a) => a.language === language)!;
    const reply = await play(h, phone, [{ send: ask, expect: [asked] }, { send, expect: [kind] }]);
    expect(reply).not.toMatch(reAsks);
    expect(await h.say(phone, '0')).toContain(person);
  });

  it.each(newRequests)('takes a new request sent instead of the number in $language as that request', async ({ language, send, next }) => {
    const phone = aPhone();
    const { ask, asked } = askedForNumber.find((a) => a.language === language)!;
    const reply = await play(h, phone, [{ send: ask, expect: [asked] }, { send, expect: [next] }]);
    expect(reply).not.toMatch(reAsks);
  });
});
