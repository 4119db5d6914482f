import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startImapServer, type ImapFixture } from '../fixtures/imap-server.js';
import { startSmtpServer, type ReceivedMail, type SmtpFixture } from '../fixtures/smtp-server.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { databaseKinds } from '../support/test-database.js';
import { buildMail, eventually } from '../channels/email/mail-test-helpers.js';

const TICKET = /SR-\d{4}-\d{6}/;
const bare = (id: string | undefined) => (id ?? '').replace(/^<|>$/g, '');

/** The e-mail intake through the whole app: hoodiecrow IMAP in, the real dialogs, smtp-server out. */
describe.each(databaseKinds)('one-shot e-mail intake on %s', (kind) => {
  let imap: ImapFixture;
  let smtp: SmtpFixture;
  let t: TestApp;
  let sent = 0;
  beforeAll(async () => {
    imap = await startImapServer();
    smtp = await startSmtpServer();
    t = await startTestApp(kind, { ...imap.env(), ...smtp.env(), JOBS_ENABLED: 'true', IMAP_POLL_INTERVAL_SECONDS: '1' });
  });
  afterAll(async () => {
    await t?.stop();
    await imap?.stop();
    await smtp?.stop();
  });

  /** Delivers a mail to the support box and returns our answer to it. */
  async function exchange(mail: Parameters<typeof buildMail>[0]): Promise<ReceivedMail> {
    imap.deliver(buildMail(mail));
    sent += 1;
    const answers = await smtp.waitForMail(sent);
    const answer = answers.find((m) => bare(m.parsed.inReplyTo) === mail.messageId);
    expect(answer, `an answer to ${mail.messageId}`).toBeDefined();
    return answer!;
  }

  describe('a fault report by mail, and the reply with the missing details', () => {
    let ack: ReceivedMail;
    let number: string;

    it('opens the ticket at once and acknowledges it with the number in the subject, the promised time, what was understood and a numbered list of what is missing', { timeout: 120_000 }, async () => {
      ack = await exchange({
        from: 'Alice Chen <alice@customer.test>',
        subject: 'Fridge not cooling',
        messageId: 'intake-fault-1@customer.test',
        text: 'Hello,\n\nMy fridge is not cooling since yesterday, model GR-B22. The light inside works but it stays warm.\n\nRegards,\nAlice Chen\nTel: 0912 345 678',
      });
      number = TICKET.exec(ack.parsed.subject ?? '')![0];
      expect(ack.parsed.subject).toBe(`Re: Fridge not cooling [${number}]`);
      expect(ack.parsed.references).toContain('<intake-fault-1@customer.test>');
      const text = ack.parsed.text ?? '';
      expect(text).toContain(`We have opened service ticket ${number}`);
      expect(text).toMatch(/We will (?:get back to you|answer by e-mail) by \w{3} \d{1,2} \w{3} \d{2}:\d{2}/);
      expect(text).toContain('Type: Fault report');
      expect(text).toContain('Product: GR-B22');
      expect(text).toMatch(/Problem: My fridge is not cooling/);
      expect(text).toMatch(/1\. Serial number/);
      expect(text).toMatch(/2\. Purchase date/);
      expect(text).toMatch(/3\. Address where the equipment is/);
      expect(text).not.toMatch(/\d\. (?:Your name|A phone number|Product model)/);

      const ticket = await t.db.prisma.ticket.findUniqueOrThrow({ where: { number } });
      expect(ticket).toMatchObject({ category: 'fault', channel: 'email', productModel: 'GR-B22', contactName: 'Alice Chen', contactPhone: '+886912345678', contactEmail: 'alice@customer.test' });
    });

    it('fills the missing details from the customer’s numbered reply on the same ticket, ignoring the quoted acknowledgement, and confirms them', { timeout: 120_000 }, async () => {
      const ackId = bare(ack.parsed.messageId);
      const quoted = (ack.parsed.text ?? '').split('\n').map((l) => `> ${l}`).join('\n');
      const answer = await exchange({
        from: 'alice@customer.test',
        subject: `Re: ${ack.parsed.subject}`,
        messageId: 'intake-fault-2@customer.test',
        inReplyTo: ackId,
        references: ['intake-fault-1@customer.test', ackId],
        text: `1. SN-8812-33\n2. 2024-03-15\n3. 台北市信義區松仁路100號\n\nOn Wed, 25 Nov 2026 at 10:00, Service Desk wrote:\n${quoted}`,
      });
      expect(answer.parsed.subject).toContain(`[${number}]`);
      expect(answer.parsed.text).toContain(`We have added these details to ticket ${number}`);
      expect(answer.parsed.text).toContain('Purchase date: 2024-03-15');
      const ticket = await t.db.prisma.ticket.findUniqueOrThrow({ where: { number } });
      expect(ticket).toMatchObject({ serial: 'SN-8812-33', siteAddress: '台北市信義區松仁路100號', province: '台北市' });
      expect(ticket.purchaseDate?.toISOString().slice(0, 10)).toBe('2024-03-15');
      expect(await t.db.prisma.ticket.count({ where: { customerId: ticket.customerId } })).toBe(1);
      const reply = await eventually(() => t.db.prisma.message.findUnique({ where: { channel_externalId: { channel: 'email', externalId: 'intake-fault-2@customer.test' } } }));
      expect(reply.ticketId).toBe(ticket.id);
    });
  });

  it('answers a Traditional Chinese fault mail in Traditional Chinese with the ticket number and the list', { timeout: 120_000 }, async () => {
    const ack = await exchange({
      from: '王小明 <wang@customer.test>',
      subject: '冷氣不冷',
      messageId: 'intake-zh-1@customer.test',
      text: '您好，我家的冷氣機不冷，一直滴水，型號 RAS-40NK。請盡快派人來看。\n\n謝謝\n王小明',
    });
    const number = TICKET.exec(ack.parsed.subject ?? '')![0];
    const text = ack.parsed.text ?? '';
    expect(text).toContain(`我們已為您建立服務單 ${number}`);
    expect(text).toContain('產品型號: RAS-40NK');
    expect(text).toMatch(/1\. 機身序號/);
    expect(await t.db.prisma.ticket.findUniqueOrThrow({ where: { number } })).toMatchObject({ productModel: 'RAS-40NK', contactName: '王小明' });
  });

  it('answers a clear question from the knowledge base without opening a ticket', { timeout: 120_000 }, async () => {
    const before = await t.db.prisma.ticket.count();
    const answer = await exchange({ from: 'bob@customer.test', subject: 'Opening hours', messageId: 'intake-kb-1@customer.test', text: 'Hi, what are your opening hours on weekdays? Thanks, Bob' });
    expect(answer.parsed.subject).not.toMatch(TICKET);
    expect(answer.parsed.text).toContain('If this does not answer your question, just reply to this e-mail');
    expect(await t.db.prisma.ticket.count()).toBe(before);
  });

  it('makes a question it cannot answer an inquiry ticket with the same acknowledgement', { timeout: 120_000 }, async () => {
    const ack = await exchange({
      from: 'Carol Lin <carol@customer.test>',
      subject: 'Question about the compressor',
      messageId: 'intake-inquiry-1@customer.test',
      text: 'Could you tell me whether the compressor of model RAS-22 can be replaced by a quieter one? I would like to know the options.',
    });
    const number = TICKET.exec(ack.parsed.subject ?? '')?.[0];
    expect(number).toBeDefined();
    expect(ack.parsed.text).toMatch(/What we understood:/);
    expect(await t.db.prisma.ticket.findUniqueOrThrow({ where: { number: number! } })).toMatchObject({ category: 'inquiry', productModel: 'RAS-22' });
  });
});
