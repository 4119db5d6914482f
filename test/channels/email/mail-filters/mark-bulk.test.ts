import { describe, expect, it } from 'vitest';
import { markBulk } from '../../../../channels/email/mail-filters/mark-bulk.js';
import { parseBuilt, parseFixture } from '../mail-test-helpers.js';
import { ctx } from './filter-context.js';

const base = { from: 'a@list.test', subject: 'News', messageId: 'a@x.test' };

describe('markBulk', () => {
  it('ignores Precedence: bulk', async () => {
    expect(markBulk(await parseFixture('bulk-newsletter.eml'), {}, ctx).ignore).toMatchObject({ kind: 'bulk', reason: 'Precedence: bulk' });
  });

  it.each(['junk', 'list'])('ignores Precedence: %s', async (value) => {
    expect(markBulk(await parseBuilt({ ...base, headers: { Precedence: value } }), {}, ctx).ignore?.kind).toBe('bulk');
  });

  it('ignores mailing-list mail by its List-Id', async () => {
    expect(markBulk(await parseBuilt({ ...base, headers: { 'List-Id': '<users.list.test>' } }), {}, ctx).ignore?.kind).toBe('bulk');
  });

  it('passes a customer mail', async () => {
    expect(markBulk(await parseFixture('fault-new.eml'), {}, ctx)).toEqual({});
  });
});
