import { describe, expect, it } from 'vitest';
import { markSuppressAutoReply } from '../../../../channels/email/mail-filters/mark-suppress-auto-reply.js';
import { parseBuilt } from '../mail-test-helpers.js';
import { ctx } from './filter-context.js';

const base = { from: 'a@customer.test', subject: 'Printer', messageId: 'a@x.test' };

describe('markSuppressAutoReply', () => {
  it.each(['All', 'OOF, AutoReply', 'DR, RN, NRN, OOF, AutoReply'])('asks for no automatic answer on X-Auto-Response-Suppress: %s', async (value) => {
    const notes = markSuppressAutoReply(await parseBuilt({ ...base, headers: { 'X-Auto-Response-Suppress': value } }), {}, ctx);
    expect(notes).toEqual({ suppressAutoReply: true });
  });

  it('does not ignore the mail: it is only a request not to answer automatically', async () => {
    const notes = markSuppressAutoReply(await parseBuilt({ ...base, headers: { 'X-Auto-Response-Suppress': 'All' } }), {}, ctx);
    expect(notes.ignore).toBeUndefined();
  });

  it('lets delivery-receipt-only suppression through (DR, RN)', async () => {
    expect(markSuppressAutoReply(await parseBuilt({ ...base, headers: { 'X-Auto-Response-Suppress': 'DR, RN' } }), {}, ctx)).toEqual({});
  });
});
