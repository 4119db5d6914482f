import { describe, expect, it } from 'vitest';
import { markBounce } from '../../../../channels/email/mail-filters/mark-bounce.js';
import { parseBuilt, parseFixture } from '../mail-test-helpers.js';
import { ctx } from './filter-context.js';

describe('markBounce', () => {
  it('ignores a multipart/report delivery report', async () => {
    const notes = markBounce(await parseFixture('bounce.eml'), {}, ctx);
    expect(notes.ignore).toMatchObject({ kind: 'bounce', reason: 'multipart/report delivery report' });
  });

  it('ignores plain mail from the postmaster', async () => {
    const mail = await parseBuilt({ from: 'postmaster@mx.test', subject: 'Delivery failure', messageId: 'a@x.test' });
    expect(markBounce(mail, {}, ctx).ignore?.kind).toBe('bounce');
  });

  it('passes a customer mail', async () => {
    expect(markBounce(await parseFixture('fault-new.eml'), {}, ctx)).toEqual({});
  });
});
