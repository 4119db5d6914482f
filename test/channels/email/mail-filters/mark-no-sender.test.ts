import { describe, expect, it } from 'vitest';
import { markNoSender } from '../../../../channels/email/mail-filters/mark-no-sender.js';
import { parseBuilt } from '../mail-test-helpers.js';
import { ctx } from './filter-context.js';

describe('markNoSender', () => {
  it('quarantines a mail whose From has no address', async () => {
    const mail = await parseBuilt({ from: 'undisclosed-recipients:;', subject: 'hi', messageId: 'a@x.test' });
    expect(markNoSender(mail, {}, ctx).quarantine?.kind).toBe('no-sender');
  });

  it('passes a mail with a sender address', async () => {
    const mail = await parseBuilt({ from: 'a@customer.test', subject: 'hi', messageId: 'b@x.test' });
    expect(markNoSender(mail, {}, ctx)).toEqual({});
  });
});
