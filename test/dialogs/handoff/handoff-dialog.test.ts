import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handBack } from '../../../src/handoff/handoff-service.js';
import { aStaffMember } from '../../support/fixtures.js';
import { databaseKinds } from '../../support/test-database.js';
import { aPhone, openHarness, type Harness } from '../dialog-harness.js';
import { play } from '../transcript.js';

describe.each(databaseKinds)('handoff dialog on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  async function conversationOf(phone: string) {
    return h.db.prisma.conversation.findUniqueOrThrow({ where: { channel_threadKey: { channel: 'sms', threadKey: phone } } });
  }

  it.each([
    { language: 'en', send: 'agent', wanted: 'passing you to a colleague' },
    { language: 'zh-Hant', send: '人工', wanted: '轉接專人服務' },
    { language: 'zh-Hans', send: '我要转人工', wanted: '转接人工客服' },
  ])('hands over on "$send" in $language and then stays quiet', async ({ send, wanted }) => {
    const phone = aPhone();
    expect(await h.say(phone, send)).toContain(wanted);
    const conversation = await conversationOf(phone);
    expect(conversation).toMatchObject({ state: 'waiting_staff', handoffReason: 'customer_request' });
    expect((await h.send(phone, 'hello?')).replies).toEqual([]);
  });

  it('answers again once staff hand the conversation back', async () => {
    const phone = aPhone();
    await h.say(phone, 'agent');
    await handBack(h.db.prisma, (await conversationOf(phone)).id, { now: h.clock(), actor: 'staff:test' });
    expect(await h.say(phone, 'What are your opening hours?')).toContain('Monday to Saturday');
  });

  it('asks for a person with 真人 in the middle of a fault report', async () => {
    const phone = aPhone();
    await play(h, phone, [
      { send: '我的印表機壞了，一直卡紙，型號 Canon G3010', expect: ['請問您貴姓大名？'] },
      { send: '真人', expect: ['轉接專人服務'] },
    ]);
    expect((await conversationOf(phone)).state).toBe('waiting_staff');
  });

  it('notifies every on-duty agent and supervisor', async () => {
    const agent = await aStaffMember(h.db.prisma, { role: 'agent' });
    const supervisor = await aStaffMember(h.db.prisma, { role: 'supervisor' });
    const phone = aPhone();
    await h.say(phone, 'I want to talk to a real person');
    const notices = await h.db.prisma.staffNotification.findMany({ where: { kind: 'handoff', text: { contains: phone } } });
    expect(notices.map((n) => n.staffId).sort()).toEqual([agent.id, supervisor.id].sort());
  });

  it('hands over after repeated messages the bot cannot place', async () => {
    const phone = aPhone();
    const unclear = await h.send(phone, 'qwzx');
    expect(unclear.replies[0]).toMatchObject({ text: expect.stringContaining('did not quite understand'), choices: expect.arrayContaining(['1 Report a fault', '0 Speak to a person']) });
    expect(await h.say(phone, 'plmokn')).toContain('passing you to a colleague');
    expect((await conversationOf(phone)).handoffReason).toBe('low_confidence');
  });

  it('takes a menu choice after an unclear message instead of handing over', async () => {
    const phone = aPhone();
    await play(h, phone, [
      { send: 'qwzx', expect: ['did not quite understand'] },
      { send: '4', expect: ['ticket number'] },
    ]);
    expect((await conversationOf(phone)).state).toBe('bot');
  });
});
