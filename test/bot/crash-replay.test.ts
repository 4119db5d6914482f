import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../support/test-database.js';
import { aPhone, openHarness, type Harness } from '../dialogs/dialog-harness.js';
import { play, TICKET } from '../dialogs/transcript.js';

describe.each(databaseKinds)('a crash in the middle of the turn that opens a ticket, on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('opens no second ticket when the provider redelivers the confirming message', async () => {
    const phone = aPhone();
    await play(h, phone, [
      { send: 'The Epson L3250 printer stopped printing, serial no: X5QK777777, bought 2025-02-10', expect: ['name'] },
      { send: 'Lin Mei', expect: ['company'] },
      { send: 'skip', expect: ['site address'] },
      { send: 'Taipei, Xinyi District', expect: ['Lin Mei'] },
    ]);
    // The state a crash would leave: dialog state from before the turn, the message stored but not processed.
    const stateBefore = await h.db.prisma.botState.findMany();
    const first = await h.send(phone, 'yes', { externalId: 'SM-confirm-1' });
    const number = TICKET.exec(first.replies.map((r) => r.text).join('\n'))![0];
    for (const row of stateBefore) {
      await h.db.prisma.botState.update({ where: { key: row.key }, data: { data: row.data ?? {}, etag: row.etag } });
    }
    const stored = await h.db.prisma.message.findUniqueOrThrow({ where: { channel_externalId: { channel: 'sms', externalId: 'SM-confirm-1' } } });
    await h.db.prisma.message.deleteMany({ where: { inReplyToId: stored.id } });
    await h.db.prisma.message.update({ where: { id: stored.id }, data: { processedAt: null } });

    const replay = await h.send(phone, 'yes', { externalId: 'SM-confirm-1' });

    expect(replay.replies.map((r) => r.text).join('\n')).toContain(number);
    expect(await h.db.prisma.ticket.count({ where: { serial: 'X5QK777777' } })).toBe(1);
  });
});
