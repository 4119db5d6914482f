import { describe, expect, it } from 'vitest';
import { decideMail } from '../../../channels/email/mail-filter-chain.js';
import { parseBuilt, parseFixture } from './mail-test-helpers.js';
import { ctx } from './mail-filters/filter-context.js';

describe('decideMail', () => {
  it('processes a customer mail and carries the notes', async () => {
    const decision = decideMail(await parseBuilt({ from: 'a@customer.test', subject: 'Re: Printer [SR-2026-000007]', messageId: 'a@x' }), ctx);
    expect(decision).toEqual({ action: 'process', notes: { ticketNumber: 'SR-2026-000007' } });
  });

  it('ignores a robot before the rate limit counts it', async () => {
    const decision = decideMail(await parseFixture('auto-reply.eml'), { ...ctx, recentFromSender: 50 });
    expect(decision).toMatchObject({ action: 'ignore', kind: 'auto-reply' });
  });

  it('quarantines a sender over the limit', async () => {
    const decision = decideMail(await parseFixture('fault-new.eml'), { ...ctx, recentFromSender: 20 });
    expect(decision).toMatchObject({ action: 'quarantine', kind: 'rate-limited' });
  });

  it('reports the first robot reason when several apply', async () => {
    const decision = decideMail(await parseBuilt({ from: 'MAILER-DAEMON@mx.test', subject: 'x', messageId: 'b@x', headers: { 'Auto-Submitted': 'auto-generated' } }), ctx);
    expect(decision).toMatchObject({ action: 'ignore', kind: 'bounce' });
  });

  it('processes a mail that only asks for no automatic answer, marked so', async () => {
    const decision = decideMail(await parseBuilt({ from: 'a@customer.test', subject: 'Printer', messageId: 'c@x', headers: { 'X-Auto-Response-Suppress': 'All' } }), ctx);
    expect(decision).toEqual({ action: 'process', notes: { suppressAutoReply: true } });
  });
});
