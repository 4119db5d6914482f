import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../support/test-database.js';
import { openHarness, type Harness } from '../dialog-harness.js';
import { TICKET } from '../transcript.js';

let mailbox = 0;
const anAddress = () => `status${++mailbox}-${process.pid}@example.com`;

/** In an e-mail thread that opened a ticket, "my repair" means that ticket (QA5, defect 6). */
describe.each(databaseKinds)('status questions in an e-mail thread on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  it.each([
    { language: 'en', first: 'The dishwasher DW-60 does not drain the water at the end of the programme.', ask: "what's happening with my repair?", shown: (n: string) => `Ticket ${n} is` },
    { language: 'zh-Hant', first: '洗碗機 DW-60 洗完之後水都排不掉，底部一直積水。', ask: '師傅大概幾點會打給我？', shown: (n: string) => `工單 ${n} 目前狀態` },
  ])('answers "$ask" with the status of the thread\'s ticket ($language)', async ({ first, ask, shown }) => {
    const from = anAddress();
    const ack = await h.say(from, first, { conversationKey: `<${from}>` });
    const number = TICKET.exec(ack)![0];
    const reply = await h.say(from, ask, { conversationKey: `<${from}>` });
    expect(reply).toContain(shown(number));
  });
});
