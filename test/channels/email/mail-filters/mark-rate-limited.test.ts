import { describe, expect, it } from 'vitest';
import { markRateLimited } from '../../../../channels/email/mail-filters/mark-rate-limited.js';
import { parseFixture } from '../mail-test-helpers.js';
import { ctx } from './filter-context.js';

describe('markRateLimited', () => {
  it('quarantines a sender who reached the hourly limit', async () => {
    const notes = markRateLimited(await parseFixture('fault-new.eml'), {}, { ...ctx, recentFromSender: 20 });
    expect(notes.quarantine).toMatchObject({ kind: 'rate-limited' });
    expect(notes.quarantine?.reason).toContain('limit 20');
  });

  it('passes a sender under the limit', async () => {
    expect(markRateLimited(await parseFixture('fault-new.eml'), {}, { ...ctx, recentFromSender: 19 })).toEqual({});
  });

  it('leaves a mail already ignored as a robot alone', async () => {
    const notes = markRateLimited(await parseFixture('auto-reply.eml'), { ignore: { kind: 'auto-reply', reason: 'x' } }, { ...ctx, recentFromSender: 99 });
    expect(notes.quarantine).toBeUndefined();
  });
});
