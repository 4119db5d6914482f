import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identifyCustomer } from '../../src/customers/customer-service.js';
import { findOrOpenConversation } from '../../src/conversations/conversation-service.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/test-database.js';

describe.each(databaseKinds)('binary content on %s', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('stores an attachment with its bytes and reads the same bytes back, also inside a transaction', async () => {
    const { customer } = await identifyCustomer(db.prisma, { kind: 'email', address: 'bytes@example.com' });
    const conversation = await findOrOpenConversation(db.prisma, { channel: 'email', threadKey: '<bytes@example.com>', customerId: customer.id });
    const bytes = Buffer.from([0, 1, 2, 253, 254, 255, ...Buffer.from('PDF-1.7')]);
    const message = await db.prisma.$transaction((tx) =>
      tx.message.create({
        data: {
          conversationId: conversation.id,
          direction: 'inbound',
          channel: 'email',
          author: 'customer',
          text: 'see attached',
          files: { create: { filename: 'report.pdf', size: bytes.length, data: new Uint8Array(bytes) } },
        },
        include: { files: true },
      }),
    );
    const stored = await db.prisma.attachment.findUniqueOrThrow({ where: { id: message.files[0]!.id } });
    expect(Buffer.from(stored.data!)).toEqual(bytes);
  });
});
