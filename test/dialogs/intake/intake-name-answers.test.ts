import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../support/test-database.js';
import { aPhone, openHarness, type Harness } from '../dialog-harness.js';
import { play } from '../transcript.js';

/** The name question answered in a sentence: the name is what is kept, neither the sentence nor a guessed 先生/小姐. */
const nameSentences = [
  { language: 'zh-Hant', report: '冷氣不冷，一直滴水', asked: '貴姓大名', send: '我姓王', name: '王' },
  { language: 'zh-Hant', report: '冷氣不冷，一直滴水', asked: '貴姓大名', send: '敝姓陳', name: '陳' },
  { language: 'zh-Hant', report: '冷氣不冷，一直滴水', asked: '貴姓大名', send: '我叫林美玲', name: '林美玲' },
  { language: 'zh-Hans', report: '空调坏了不制冷', asked: '贵姓', send: '免贵姓张', name: '张' },
  { language: 'zh-Hans', report: '空调坏了不制冷', asked: '贵姓', send: '我叫张伟', name: '张伟' },
  { language: 'en', report: 'My dryer stopped heating', asked: 'your name', send: 'My name is Ivy Chen', name: 'Ivy Chen' },
  { language: 'en', report: 'My dryer stopped heating', asked: 'your name', send: 'This is Mr Lee', name: 'Mr Lee' },
];

describe.each(databaseKinds)('names given in a sentence on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  it.each(nameSentences)('keeps "$name" from "$send" in $language and goes on to the next question', async ({ report, asked, send, name }) => {
    const phone = aPhone();
    const next = await play(h, phone, [{ send: report, expect: [asked] }, { send, expect: [] }]);
    expect(next).not.toContain(asked);
    const conversation = await h.db.prisma.conversation.findUniqueOrThrow({ where: { channel_threadKey: { channel: 'sms', threadKey: phone } }, include: { customer: true } });
    expect(conversation.customer?.name).toBe(name);
  });
});

/** At the name question, asking for someone in charge is asking for a person, not a name. */
const managerRequests = [
  { language: 'en', report: 'My dryer stopped heating', send: 'I want to speak to a manager now', handedOver: 'passing you to a colleague' },
  { language: 'zh-Hant', report: '冷氣不冷，一直滴水', send: '我要找你們經理', handedOver: '轉接專人服務' },
  { language: 'zh-Hans', report: '空调坏了不制冷', send: '我要找你们经理', handedOver: '转接人工客服' },
];

describe.each(databaseKinds)('asking for a manager at the name question on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  it.each(managerRequests)('hands a $language customer who says "$send" to a person and keeps no name', async ({ report, send, handedOver }) => {
    const phone = aPhone();
    await play(h, phone, [{ send: report, expect: [] }, { send, expect: [handedOver] }]);
    const conversation = await h.db.prisma.conversation.findUniqueOrThrow({ where: { channel_threadKey: { channel: 'sms', threadKey: phone } }, include: { customer: true } });
    expect(conversation).toMatchObject({ state: 'waiting_staff', handoffReason: 'customer_request' });
    expect(conversation.customer?.name).toBeNull();
    const kept = await h.db.prisma.ticket.findFirstOrThrow({ where: { contactPhone: phone } });
    expect(kept.contactName).toBeNull();
  });
});
