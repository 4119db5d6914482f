import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProactiveDialog } from '../../../src/bot/proactive.js';
import { identifyCustomer } from '../../../src/customers/customer-service.js';
import type { Language } from '../../../src/messages/channel-kind.js';
import { openTicket } from '../../../src/tickets/ticket-service.js';
import { databaseKinds } from '../../support/test-database.js';
import { aPhone, openHarness, type Harness } from '../dialog-harness.js';
import { play, TICKET } from '../transcript.js';

describe.each(databaseKinds)('follow-up dialog on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  /** A repair check-in sent over SMS, or to a web-chat session. */
  async function checkInStarted(language: Language, channel: 'sms' | 'chat' = 'sms') {
    const phone = channel === 'sms' ? aPhone() : `web-${aPhone()}`;
    const { customer } = await identifyCustomer(h.db.prisma, { kind: channel === 'sms' ? 'phone' : 'chat', address: phone, language, name: 'Wu' });
    const ticket = await openTicket(h.db.prisma, { customerId: customer.id, category: 'fault', channel, problem: 'jam', productModel: 'Canon G3010' }, { now: h.clock(), actor: 'test' });
    const followUp = await h.db.prisma.followUp.create({
      data: { customerId: customer.id, ticketId: ticket.id, kind: 'repair_checkin', dueAt: h.clock(), status: 'sent', channel, dedupeKey: `test:${ticket.id}` },
    });
    const replies = await startProactiveDialog(h.deps, {
      channel,
      to: phone,
      conversationKey: phone,
      customerId: customer.id,
      dialog: 'follow-up',
      options: { followUpId: followUp.id, kind: 'repair_checkin', ticketId: ticket.id, ticketNumber: ticket.number },
    });
    return { phone, ticket, followUp, replies };
  }

  it.each([
    { language: 'en' as const, ask: 'Is your repaired unit', yes: 'yes', glad: 'glad to hear' },
    { language: 'zh-Hant' as const, ask: '送修', yes: '是', glad: '很高興聽到一切正常' },
    { language: 'zh-Hans' as const, ask: '送修', yes: '是的', glad: '很高兴听到一切正常' },
  ])('checks in after a repair in $language and records a happy answer', async ({ language, ask, yes, glad }) => {
    const { phone, followUp, ticket, replies } = await checkInStarted(language);
    expect(replies[0]).toMatchObject({ purpose: 'follow_up', text: expect.stringContaining(ask), choices: expect.any(Array) });
    expect(replies[0]!.text).toContain(ticket.number);
    await play(h, phone, [{ send: yes, expect: [glad] }]);
    expect(await h.db.prisma.followUp.findUniqueOrThrow({ where: { id: followUp.id } })).toMatchObject({ status: 'done' });
  });

  it.each([
    { channel: 'chat' as const, language: 'en' as const, quit: 'cancel', goodbye: ['Thank you', 'Goodbye.'] },
    { channel: 'sms' as const, language: 'en' as const, quit: 'no thanks', goodbye: ['Thank you', 'Goodbye.'] },
    { channel: 'sms' as const, language: 'zh-Hant' as const, quit: '不用了', goodbye: ['感謝', '再見。'] },
    { channel: 'chat' as const, language: 'zh-Hant' as const, quit: '算了', goodbye: ['感謝', '再見。'] },
    { channel: 'sms' as const, language: 'zh-Hans' as const, quit: '算了', goodbye: ['感谢', '再见。'] },
  ])('thanks the customer who declines with $quit on $channel and says goodbye in $language, without a menu', async ({ channel, language, quit, goodbye }) => {
    const { phone } = await checkInStarted(language, channel);
    const said = await play(h, phone, [{ send: quit, expect: goodbye }], { channel });
    expect(said).not.toMatch(/[?？]/);
  });

  it('records a declined check-in as answered, declined, and opens no ticket', async () => {
    const { phone, followUp, ticket } = await checkInStarted('zh-Hant');
    const ticketsBefore = await h.db.prisma.ticket.count({ where: { customerId: ticket.customerId } });
    await play(h, phone, [{ send: '不用了', expect: ['再見'] }]);
    expect(await h.db.prisma.followUp.findUniqueOrThrow({ where: { id: followUp.id } })).toMatchObject({ status: 'done', outcome: 'declined' });
    expect(await h.db.prisma.ticket.count({ where: { customerId: ticket.customerId } })).toBe(ticketsBefore);
  });

  it('asks nothing more after a decline: the next "no" opens no report', async () => {
    const { phone, ticket } = await checkInStarted('en', 'chat');
    await play(h, phone, [{ send: 'cancel', expect: ['Goodbye'] }], { channel: 'chat' });
    expect(await h.say(phone, 'no', { channel: 'chat' })).not.toContain('describe the problem');
    expect(await h.db.prisma.ticket.count({ where: { linkedTicketId: ticket.id } })).toBe(0);
  });

  it('opens a new fault ticket linked to the repair when the unit still fails', async () => {
    const { phone, ticket } = await checkInStarted('en');
    await play(h, phone, [
      { send: 'no', expect: ['describe the problem'] },
      { send: 'It jams again after ten pages', expect: ['open a service ticket', 'company'] },
      { send: 'skip', expect: ['model'] },
      { send: 'Canon G3010', expect: ['serial'] },
      { send: 'skip', expect: ['When did you buy it'] },
      { send: 'skip', expect: ['site address'] },
      { send: 'skip', expect: ['correct?'] },
      { send: 'yes', expect: [TICKET] },
    ]);
    const linked = await h.db.prisma.ticket.findFirstOrThrow({ where: { linkedTicketId: ticket.id } });
    expect(linked).toMatchObject({ category: 'fault', problem: 'It jams again after ten pages' });
  });
});
