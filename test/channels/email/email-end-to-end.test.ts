import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startImapServer, type ImapFixture } from '../../fixtures/imap-server.js';
import { startSmtpServer, type ReceivedMail, type SmtpFixture } from '../../fixtures/smtp-server.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';
import { databaseKinds } from '../../support/test-database.js';
import { buildMail, eventually } from './mail-test-helpers.js';

const TICKET = /SR-\d{4}-\d{6}/;

/** What Alice answers to each intake question; unknown questions are skipped. */
function answerTo(question: string): string {
  if (/company|project/i.test(question)) return 'Example Trading';
  if (/correct|confirm|right\?/i.test(question)) return 'yes';
  if (/serial/i.test(question)) return 'SN-77881';
  if (/model/i.test(question)) return 'P-200';
  if (/name/i.test(question)) return 'Alice Chen';
  if (/phone|contact|reach/i.test(question)) return '0912345678';
  return 'skip';
}

const bare = (id: string | undefined) => (id ?? '').replace(/^<|>$/g, '');

describe.each(databaseKinds)('e-mail through the whole app on %s', (kind) => {
  let imap: ImapFixture;
  let smtp: SmtpFixture;
  let t: TestApp;
  let ack: ReceivedMail;
  let ticketNumber: string;
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

  it('opens a ticket from a fault mail and mails the acknowledgement with the number, threaded', { timeout: 120_000 }, async () => {
    imap.deliver(
      buildMail({
        from: 'Alice Chen <alice@customer.test>',
        subject: 'Printer P-200 error E05',
        messageId: 'e2e-1@customer.test',
        text: 'Hello, I am Alice Chen. Our printer model P-200, serial SN-77881, shows error E05 and does not print. Phone 0912345678.\n\nRegards,\nAlice',
      }),
    );
    const thread = ['e2e-1@customer.test'];
    for (let round = 1; round <= 10; round++) {
      const mail = (await smtp.waitForMail(round))[round - 1]!;
      expect(mail.to).toEqual(['alice@customer.test']);
      expect(bare(mail.parsed.inReplyTo)).toBe(thread.at(-1));
      expect(mail.parsed.references).toContain('<e2e-1@customer.test>');
      thread.push(bare(mail.parsed.messageId));
      const found = TICKET.exec(mail.parsed.text ?? '');
      if (found) {
        ack = mail;
        ticketNumber = found[0];
        break;
      }
      const replyId = `e2e-reply-${round}@customer.test`;
      imap.deliver(buildMail({ from: 'alice@customer.test', subject: `Re: ${mail.parsed.subject}`, messageId: replyId, inReplyTo: thread.at(-1), references: thread, text: answerTo(mail.parsed.text ?? '') }));
      thread.push(replyId);
    }
    expect(ticketNumber).toMatch(TICKET);
    expect(ack.parsed.subject).toContain(`[${ticketNumber}]`);
    expect(ack.parsed.html).toContain(ticketNumber);
    const ticket = await t.db.prisma.ticket.findUniqueOrThrow({ where: { number: ticketNumber } });
    const outbound = await eventually(() => t.db.prisma.outboundMessage.findFirst({ where: { providerMessageId: bare(ack.parsed.messageId), status: 'sent' } }));
    expect(outbound.ticketId).toBe(ticket.id);
  });

  it('adds the customer’s reply to the acknowledgement to the same ticket', { timeout: 60_000 }, async () => {
    const ackId = bare(ack.parsed.messageId);
    imap.deliver(buildMail({ from: 'alice@customer.test', subject: 'One more thing', messageId: 'e2e-later@customer.test', inReplyTo: ackId, references: ['e2e-1@customer.test', ackId], text: 'The paper tray is cracked as well.' }));
    const message = await eventually(() => t.db.prisma.message.findUnique({ where: { channel_externalId: { channel: 'email', externalId: 'e2e-later@customer.test' } } }));
    const ticket = await t.db.prisma.ticket.findUniqueOrThrow({ where: { number: ticketNumber } });
    expect(message.ticketId).toBe(ticket.id);
    expect(await t.db.prisma.ticket.count()).toBe(1);
  });
});
