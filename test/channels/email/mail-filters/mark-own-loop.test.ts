import { describe, expect, it } from 'vitest';
import { markOwnLoop } from '../../../../channels/email/mail-filters/mark-own-loop.js';
import { parseBuilt } from '../mail-test-helpers.js';
import { ctx } from './filter-context.js';

describe('markOwnLoop', () => {
  it('ignores mail sent from our own address, whatever its case', async () => {
    const mail = await parseBuilt({ from: 'Service Desk <SERVICE@aftercare.test>', subject: 'Re: x', messageId: 'a@x.test' });
    expect(markOwnLoop(mail, {}, ctx).ignore?.kind).toBe('own-loop');
  });

  it('ignores mail carrying our outbound marker header (redirected back to us)', async () => {
    const mail = await parseBuilt({ from: 'a@customer.test', subject: 'Re: x', messageId: 'b@x.test', headers: { 'X-Aftercare-Outbound': '1' } });
    expect(markOwnLoop(mail, {}, ctx).ignore?.kind).toBe('own-loop');
  });

  it('passes a customer mail', async () => {
    const mail = await parseBuilt({ from: 'a@customer.test', subject: 'hello', messageId: 'c@x.test' });
    expect(markOwnLoop(mail, {}, ctx)).toEqual({});
  });
});
