import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../support/test-database.js';
import { startMailHarness, type MailHarness } from './mail-harness.js';
import { buildMail, eventually, mailWithAttachment, rawMail } from './mail-test-helpers.js';

describe.each(databaseKinds)('e-mail in over IMAP (IDLE) on %s', (kind) => {
  let h: MailHarness;
  beforeAll(async () => {
    h = await startMailHarness(kind);
  });
  afterAll(async () => {
    await h?.stop();
  });

  const ticketOfMessage = async (externalId: string) =>
    (await h.db.prisma.message.findUniqueOrThrow({ where: { channel_externalId: { channel: 'email', externalId } }, include: { ticket: true } })).ticket;

  it('opens a ticket for a new fault mail and mails the acknowledgement back, threaded', async () => {
    const uid = h.imap.deliver(rawMail('fault-new.eml'));
    const [ack] = await h.smtp.waitForMail(1);
    const ticket = await ticketOfMessage('fault-new-1@customer.test');
    expect(ticket?.number).toMatch(/^SR-2026-\d{6}$/);
    expect(ack?.to).toEqual(['alice@customer.test']);
    expect(ack?.parsed.subject).toBe(`Re: Printer P-200 shows error E05 [${ticket?.number}]`);
    expect(ack?.parsed.inReplyTo).toBe('<fault-new-1@customer.test>');
    expect(ack?.parsed.references).toBe('<fault-new-1@customer.test>');
    expect(ack?.parsed.messageId).toMatch(/@aftercare\.test>$/);
    expect(ack?.parsed.text).toContain(ticket?.number);
    expect(ack?.parsed.html).toContain(ticket?.number);
    expect((await h.settled(uid)).outcome).toBe('stored');
    expect(h.imap.messages().find((m) => m.uid === uid)?.flags).toContain('\\Seen');
  });

  it('keeps the full original on the message and gives the turn only the new text', async () => {
    const message = await h.db.prisma.message.findUniqueOrThrow({ where: { channel_externalId: { channel: 'email', externalId: 'fault-new-1@customer.test' } } });
    expect(message.text).toContain('error E05');
    expect(message.text).not.toContain('+886 2 1234 5678');
    expect((message.raw as { text: string }).text).toContain('+886 2 1234 5678');
  });

  it('adds the customer’s reply, with a changed subject, to the same ticket', async () => {
    const ack = h.smtp.received[0]!.parsed;
    const ackId = ack.messageId!.slice(1, -1);
    const uid = h.imap.deliver(
      buildMail({
        from: 'Alice Chen <alice@customer.test>',
        subject: 'Also the tray is cracked',
        messageId: 'reply-1@customer.test',
        inReplyTo: ackId,
        references: ['fault-new-1@customer.test', ackId],
        text: 'The paper tray is cracked too.\n\nOn Wed, Service Desk wrote:\n> Thank you.',
      }),
    );
    expect((await h.settled(uid)).outcome).toBe('stored');
    const first = await ticketOfMessage('fault-new-1@customer.test');
    expect((await ticketOfMessage('reply-1@customer.test'))?.id).toBe(first?.id);
    expect(await h.db.prisma.ticket.count()).toBe(1);
  });

  it('ignores an auto-reply and a bounce, records why, and answers neither', async () => {
    const auto = h.imap.deliver(rawMail('auto-reply.eml'));
    const bounce = h.imap.deliver(rawMail('bounce.eml'));
    expect(await h.settled(auto)).toMatchObject({ outcome: 'ignored', reason: 'auto-reply: Auto-Submitted: auto-replied' });
    expect(await h.settled(bounce)).toMatchObject({ outcome: 'ignored', reason: 'bounce: multipart/report delivery report' });
    expect(await h.db.prisma.outboundMessage.count({ where: { to: { in: ['carol@customer.test', 'mailer-daemon@mx.customer.test'] } } })).toBe(0);
    expect(h.lines.some((l) => l.msg === 'e-mail ignored (bounce): multipart/report delivery report')).toBe(true);
  });

  it('stores malformed MIME with a log line and keeps listening', async () => {
    const broken = h.imap.deliver(rawMail('malformed-mime.eml'));
    expect((await h.settled(broken)).outcome).toBe('stored');
    const next = h.imap.deliver(buildMail({ from: 'zoe@customer.test', subject: 'Still there?', messageId: 'after-broken@customer.test' }));
    expect((await h.settled(next)).outcome).toBe('stored');
    expect(h.lines.some((l) => l.msg === 'e-mail stored' && l.messageId === 'malformed-1@customer.test')).toBe(true);
  });

  it('lists a 20 MB attachment on the ticket without storing it, with a clear log line', async () => {
    const uid = h.imap.deliver(mailWithAttachment(20 * 1024 * 1024, 'big-1@customer.test'));
    expect((await h.settled(uid)).outcome).toBe('stored');
    const message = await h.db.prisma.message.findUniqueOrThrow({ where: { channel_externalId: { channel: 'email', externalId: 'big-1@customer.test' } }, include: { files: true } });
    expect(message.files).toEqual([expect.objectContaining({ filename: 'unit.mp4', size: 20 * 1024 * 1024, data: null })]);
    expect(message.files[0]?.ticketId).toBe(message.ticketId);
    expect(h.lines.some((l) => /attachment unit\.mp4 is 20971520 bytes, over the 10485760-byte limit/.test(l.msg))).toBe(true);
  });

  it('processes new mail that someone already read in a mail client', async () => {
    const uid = h.imap.deliver(buildMail({ from: 'yan@customer.test', subject: 'Read before us', messageId: 'pre-read@customer.test' }), { flags: ['\\Seen'] });
    expect((await h.settled(uid)).outcome).toBe('stored');
  });

  it('stores a mail that asks for no automatic answers but sends no acknowledgement', async () => {
    const uid = h.imap.deliver(buildMail({ from: 'sys@customer.test', subject: 'Alarm from unit 7', messageId: 'suppress-1@customer.test', headers: { 'X-Auto-Response-Suppress': 'All' } }));
    expect((await h.settled(uid)).outcome).toBe('stored');
    expect(await ticketOfMessage('suppress-1@customer.test')).not.toBeNull();
    expect(await h.db.prisma.outboundMessage.count({ where: { to: 'sys@customer.test' } })).toBe(0);
  });

  it('opens a new ticket linked to the old one when someone else carries its number', async () => {
    const old = await ticketOfMessage('fault-new-1@customer.test');
    const uid = h.imap.deliver(buildMail({ from: 'mallory@other.test', subject: `Question about [${old!.number}]`, messageId: 'other-1@other.test' }));
    expect((await h.settled(uid)).outcome).toBe('stored');
    const ticket = await ticketOfMessage('other-1@other.test');
    expect(ticket?.id).not.toBe(old?.id);
    expect(ticket?.linkedTicketId).toBe(old?.id);
  });

  it('starts a new ticket for a forward of an old thread', async () => {
    const old = await ticketOfMessage('fault-new-1@customer.test');
    const uid = h.imap.deliver(
      buildMail({ from: 'alice@customer.test', subject: `Fwd: Re: Printer P-200 shows error E05 [${old!.number}]`, messageId: 'fwd-1@customer.test', references: ['fault-new-1@customer.test'] }),
    );
    expect((await h.settled(uid)).outcome).toBe('stored');
    const ticket = await ticketOfMessage('fwd-1@customer.test');
    expect(ticket?.id).not.toBe(old?.id);
    expect(ticket?.linkedTicketId).toBe(old?.id);
  });

  it('reconnects after the connection drops and fetches what arrived meanwhile', async () => {
    h.imap.dropConnections();
    const uid = h.imap.deliver(buildMail({ from: 'xia@customer.test', subject: 'After the blip', messageId: 'after-blip@customer.test' }));
    expect((await h.settled(uid)).outcome).toBe('stored');
    expect(h.lines.some((l) => l.msg === 'IMAP connection closed; reconnecting')).toBe(true);
  });

  it('records a failed send on the ticket and keeps the row for a retry', async () => {
    h.smtp.refuseTo('wei@customer.test');
    const uid = h.imap.deliver(buildMail({ from: 'wei@customer.test', subject: 'Monitor flickers', messageId: 'flicker-1@customer.test' }));
    await h.settled(uid);
    const ticket = await ticketOfMessage('flicker-1@customer.test');
    const event = await eventually(() => h.db.prisma.ticketEvent.findFirst({ where: { ticketId: ticket!.id, kind: 'message_failed' } }));
    expect(event.reason).toContain('Try again later');
    const row = await h.db.prisma.outboundMessage.findFirstOrThrow({ where: { ticketId: ticket!.id } });
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
  });
});

describe.each(databaseKinds)('e-mail in over IMAP without IDLE on %s', (kind) => {
  let h: MailHarness;
  beforeAll(async () => {
    h = await startMailHarness(kind, { idle: false, env: { IMAP_PROCESSED_MAILBOX: 'Processed', MAIL_MAX_PER_SENDER_PER_HOUR: '2' } });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('picks new mail up by polling and moves it to the processed mailbox', async () => {
    h.imap.deliver(rawMail('fault-new.eml'));
    await eventually(async () => h.imap.messages('Processed').length === 1);
    expect(h.imap.messages('INBOX')).toEqual([]);
    expect(await h.db.prisma.ticket.count()).toBe(1);
  });

  it('quarantines a sender over the hourly limit and leaves the mail in the inbox', async () => {
    const mails = [1, 2, 3].map((n) => buildMail({ from: 'loop@robot.test', subject: `Ticket update ${n}`, messageId: `loop-${n}@robot.test` }));
    const uids = mails.map((m) => h.imap.deliver(m));
    const outcomes = [];
    for (const uid of uids) outcomes.push((await h.settled(uid)).outcome);
    expect(outcomes).toEqual(['stored', 'stored', 'quarantined']);
    expect(h.imap.messages('INBOX').map((m) => m.uid)).toEqual([uids[2]]);
    expect(h.lines.some((l) => /e-mail quarantined \(rate-limited\): loop@robot\.test sent 2 mails/.test(l.msg))).toBe(true);
  });
});
