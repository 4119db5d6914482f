import { describe, expect, it } from 'vitest';
import { markAutoReply } from '../../../../channels/email/mail-filters/mark-auto-reply.js';
import { parseBuilt, parseFixture } from '../mail-test-helpers.js';
import { ctx } from './filter-context.js';

const base = { from: 'a@customer.test', subject: 'Printer', messageId: 'a@x.test' };

describe('markAutoReply', () => {
  it('ignores Auto-Submitted: auto-replied', async () => {
    expect(markAutoReply(await parseFixture('auto-reply.eml'), {}, ctx).ignore).toMatchObject({ kind: 'auto-reply', reason: 'Auto-Submitted: auto-replied' });
  });

  it('passes Auto-Submitted: no', async () => {
    expect(markAutoReply(await parseBuilt({ ...base, headers: { 'Auto-Submitted': 'no' } }), {}, ctx)).toEqual({});
  });

  it.each([
    ['Precedence', 'auto_reply'],
    ['X-Autoreply', 'yes'],
    ['X-Autorespond', 'Out of office'],
    ['X-Loop', 'helpdesk@other.test'],
    ['Return-Path', '<>'],
  ])('ignores a mail with %s: %s', async (name, value) => {
    expect(markAutoReply(await parseBuilt({ ...base, headers: { [name]: value } }), {}, ctx).ignore?.kind).toBe('auto-reply');
  });

  it.each(['Out of Office: Re: Printer', '自動回覆: 印表機', '自动回复：打印机', 'Automatic reply: x'])('ignores the vacation subject "%s"', async (subject) => {
    expect(markAutoReply(await parseBuilt({ ...base, subject }), {}, ctx).ignore?.kind).toBe('auto-reply');
  });

  it('passes an ordinary customer mail', async () => {
    expect(markAutoReply(await parseFixture('fault-new.eml'), {}, ctx)).toEqual({});
  });
});
