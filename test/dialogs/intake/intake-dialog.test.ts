import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identifyCustomer } from '../../../src/customers/customer-service.js';
import { databaseKinds } from '../../support/test-database.js';
import { aPhone, openHarness, type Harness } from '../dialog-harness.js';
import { play, TICKET } from '../transcript.js';
import { faultReports } from './intake-cases.js';

describe.each(databaseKinds)('intake dialog on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  it.each(faultReports)('takes a fault report in $name and opens the ticket with what was collected', async ({ steps, language }) => {
    const phone = aPhone();
    const last = await play(h, phone, steps);
    const number = TICKET.exec(last)![0];
    const ticket = await h.db.prisma.ticket.findUniqueOrThrow({ where: { number } });
    expect(ticket).toMatchObject({ category: 'fault', channel: 'sms', language, contactPhone: phone, status: 'new' });
    expect(ticket.province).toBeTruthy();
    const customer = await h.db.prisma.customer.findUniqueOrThrow({ where: { id: ticket.customerId } });
    expect(customer.language).toBe(language);
    expect(customer.name).toBe(ticket.contactName);
  });

  it('uses the e-mail, serial and purchase date written in the first message instead of asking', async () => {
    const phone = aPhone();
    const { customer } = await identifyCustomer(h.db.prisma, { kind: 'phone', address: phone, name: 'Ken Lee' });
    await h.db.prisma.customer.update({ where: { id: customer.id }, data: { company: 'Lee Labs' } });
    await play(h, phone, [
      {
        send: 'The Epson L3250 printer stopped printing, serial no: X5QK012345, bought 2025-02-10, reach me at ken@example.com',
        expect: ['site address'],
      },
      { send: 'skip', expect: ['Name: Ken Lee', 'Company/project: Lee Labs', 'ken@example.com', 'Serial number: X5QK012345', 'Purchase date: 2025-02-10'] },
      { send: 'yes', expect: [TICKET] },
    ]);
    const ticket = await h.db.prisma.ticket.findFirstOrThrow({ where: { contactEmail: 'ken@example.com' } });
    expect(ticket).toMatchObject({ serial: 'X5QK012345', productModel: 'Epson L3250' });
  });

  it("links the new ticket to the earlier one the channel says the message refers to", async () => {
    const { customer } = await identifyCustomer(h.db.prisma, { kind: 'email', address: 'owner@example.com' });
    const earlier = await h.db.prisma.ticket.create({
      data: { number: 'SR-2026-900001', customerId: customer.id, category: 'fault', channel: 'email', title: 'x', problem: 'x' },
    });
    const sender = 'colleague@example.com';
    // On chat: e-mail itself is answered in one shot by dialogs/mail-intake (see test/dialogs/mail-intake).
    const first = await h.send(sender, 'The Epson L3250 printer stopped printing, serial no: X5QK000001, bought 2025-02-10', {
      channel: 'chat',
      meta: { linkedTicketId: earlier.id },
    });
    expect(first.replies.length).toBeGreaterThan(0);
    await play(h, sender, [
      { send: 'Ada Wu', expect: ['company'] },
      { send: 'skip', expect: ['e-mail address'] },
      { send: sender, expect: ['site address'] },
      { send: 'skip', expect: ['Ada Wu'] },
      { send: 'yes', expect: [TICKET] },
    ], { channel: 'chat' });
    const ticket = await h.db.prisma.ticket.findFirstOrThrow({ where: { serial: 'X5QK000001' } });
    expect(ticket.linkedTicketId).toBe(earlier.id);
  });

  it('asks again politely after a date in the future', async () => {
    await play(h, aPhone(), [
      { send: 'My Canon G3010 printer is broken and shows an error light', expect: ['name'] },
      { send: 'Mia', expect: ['company'] },
      { send: 'skip', expect: ['serial'] },
      { send: 'skip', expect: ['When did you buy it'] },
      { send: '2030-01-01', expect: ['It cannot be in the future'] },
      { send: '2024-02-29', expect: ['site address'] },
    ]);
  });

  it('asks again for a bad phone number on web chat, where no contact is known', async () => {
    await play(
      h,
      `web-${aPhone()}`,
      [
        { send: 'My Canon G3010 printer is broken and shows an error light', expect: ['name'] },
        { send: 'Ann', expect: ['company'] },
        { send: 'skip', expect: ['phone number or e-mail'] },
        { send: '12345', expect: ['does not look like a valid phone number'] },
        { send: '0912 888 777', expect: ['serial'] },
      ],
      { channel: 'chat' },
    );
  });

  it('moves on past an optional date that still does not fit after one retry, instead of handing over', async () => {
    const phone = aPhone();
    await play(h, phone, [
      { send: 'My Canon G3010 printer is broken and shows an error light', expect: ['name'] },
      { send: 'Bo', expect: ['company'] },
      { send: 'skip', expect: ['serial'] },
      { send: 'skip', expect: ['When did you buy it'] },
      { send: 'sometime', expect: ['could not read that date'] },
      { send: 'whenever', expect: ['site address'] },
      { send: 'skip', expect: ['Purchase date: not given'] },
    ]);
    const conversation = await h.db.prisma.conversation.findUniqueOrThrow({ where: { channel_threadKey: { channel: 'sms', threadKey: phone } } });
    expect(conversation.state).toBe('bot');
  });

  it('answers help in the middle of intake and asks the open question again', async () => {
    await play(h, aPhone(), [
      { send: 'Our Ricoh MP 2014 copier is broken, paper jams all the time', expect: ['May I have your name'] },
      { send: 'help', expect: ['You can describe a fault', 'continue where we were', 'May I have your name'] },
      { send: 'Kim', expect: ['company'] },
    ]);
  });

  it('drops the report on cancel and starts over with the next message', async () => {
    const phone = aPhone();
    await play(h, phone, [
      { send: '我的印表機壞了，一直卡紙，型號 Canon G3010', expect: ['請問您貴姓大名？'] },
      { send: '取消', expect: ['已為您取消'] },
      { send: '營業時間是幾點？', expect: ['週一至週六 08:30 至 18:00'] },
    ]);
    expect(await h.db.prisma.ticket.count({ where: { contactPhone: phone } })).toBe(0);
  });

  it('lets the customer correct one detail before the ticket is opened', async () => {
    const phone = aPhone();
    await play(h, phone, [
      { send: 'question: can you send me the safety certificate of my unit?', expect: ['pass your question to a colleague', 'name'] },
      { send: 'Zoe', expect: ['Name: Zoe', 'correct?'] },
      { send: 'no', expect: ['Which detail'] },
      { send: 'Name', expect: ['May I have your name'] },
      { send: 'Zoe Wu', expect: ['Name: Zoe Wu'] },
      { send: 'yes', expect: [TICKET, 'Zoe Wu'] },
    ]);
    const ticket = await h.db.prisma.ticket.findFirstOrThrow({ where: { contactPhone: phone } });
    expect(ticket).toMatchObject({ category: 'inquiry', contactName: 'Zoe Wu' });
  });

  it('opens an urgent fault at once and brings in a person', async () => {
    const phone = aPhone();
    const reply = await h.say(phone, 'URGENT: smoke is coming out of the server room UPS, production line is down!');
    expect(reply).toContain('urgent');
    const ticket = await h.db.prisma.ticket.findFirstOrThrow({ where: { contactPhone: phone } });
    expect(ticket.urgency).toBe('high');
    const conversation = await h.db.prisma.conversation.findUniqueOrThrow({ where: { channel_threadKey: { channel: 'sms', threadKey: phone } } });
    expect(conversation).toMatchObject({ state: 'waiting_staff', handoffReason: 'high_urgency', ticketId: ticket.id });
  });
});
