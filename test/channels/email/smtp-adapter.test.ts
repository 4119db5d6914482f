import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpAdapter } from '../../../channels/email/smtp-adapter.js';
import { createLogger } from '../../../src/logger.js';
import { startSmtpServer, type SmtpFixture } from '../../fixtures/smtp-server.js';

const logger = createLogger('silent');

describe('SmtpAdapter', () => {
  let smtp: SmtpFixture;
  let adapter: SmtpAdapter;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    adapter = new SmtpAdapter({ host: smtp.host, port: smtp.port, secure: false, from: 'Service Desk <service@aftercare.test>' }, logger);
  });
  afterAll(async () => {
    await adapter?.stop();
    await smtp?.stop();
  });

  it('sends a threaded reply with the ticket number, a text and an HTML part', async () => {
    const { providerMessageId } = await adapter.send({
      channel: 'email',
      to: 'alice@customer.test',
      subject: 'Re: Printer broken',
      text: 'Your ticket is SR-2026-000123.\n\nWe answer by the next working day.',
      language: 'en',
      purpose: 'ack',
      meta: { messageId: 'm1@aftercare.test', inReplyTo: 'c1@customer.test', references: ['root@customer.test', 'c1@customer.test'], ticketNumber: 'SR-2026-000123' },
    });
    const [mail] = await smtp.waitForMail(1);
    expect(providerMessageId).toBe('m1@aftercare.test');
    expect(mail?.to).toEqual(['alice@customer.test']);
    expect(mail?.parsed.messageId).toBe('<m1@aftercare.test>');
    expect(mail?.parsed.inReplyTo).toBe('<c1@customer.test>');
    expect(mail?.parsed.references).toEqual(['<root@customer.test>', '<c1@customer.test>']);
    expect(mail?.parsed.subject).toBe('Re: Printer broken [SR-2026-000123]');
    expect(mail?.parsed.text).toContain('We answer by the next working day.');
    expect(mail?.parsed.html).toContain('<p>We answer by the next working day.</p>');
    expect(mail?.parsed.headers.get('auto-submitted')).toBe('auto-replied');
    expect(mail?.parsed.headers.get('x-auto-response-suppress')).toBe('All');
  });

  it('writes the HTML part in the customer language and lists choices', async () => {
    await adapter.send({ channel: 'email', to: 'bob@customer.test', text: '請選擇：', choices: ['報修', '查詢'], language: 'zh-Hant', purpose: 'survey', meta: {} });
    const mail = (await smtp.waitForMail(2))[1];
    expect(mail?.parsed.html).toContain('lang="zh-Hant"');
    expect(mail?.parsed.html).toContain('<li>報修</li>');
    expect(mail?.parsed.text).toContain('1. 報修');
    expect(mail?.parsed.subject).toBe('客服通知');
  });

  it('leaves Auto-Submitted off a staff member’s reply', async () => {
    await adapter.send({ channel: 'email', to: 'carol@customer.test', subject: 'About your visit', text: 'See you at 10.', purpose: 'staff_reply', meta: {} });
    const mail = (await smtp.waitForMail(3))[2];
    expect(mail?.parsed.headers.has('auto-submitted')).toBe(false);
    expect(mail?.parsed.messageId).toMatch(/^<[0-9a-f-]{36}@aftercare\.test>$/);
  });

  it('is not configured without an SMTP host and refuses to send', async () => {
    const off = new SmtpAdapter({ port: 25, secure: false }, logger);
    expect(off.configured).toBe(false);
    await expect(off.send({ channel: 'email', to: 'a@b.test', text: 'x', purpose: 'reply', meta: {} })).rejects.toThrow('SMTP is not configured');
  });
});
