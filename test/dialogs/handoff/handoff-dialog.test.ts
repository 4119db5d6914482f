import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handBack } from '../../../src/handoff/handoff-service.js';
import { aStaffMember } from '../../support/fixtures.js';
import { databaseKinds } from '../../support/test-database.js';
import { aPhone, openHarness, WEDNESDAY_MORNING, type Harness } from '../dialog-harness.js';
import { play, TICKET } from '../transcript.js';

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
    { language: 'en', send: 'agent', wanted: 'passing you to a colleague', by: 'by Wed 25 Nov 12:00', later: 'hello?', ack: 'your message is with our team' },
    { language: 'zh-Hant', send: '人工', wanted: '轉接專人服務', by: '最晚於 11月25日（週三）12:00 前', later: '請問還要等多久？', ack: '已收到您的訊息' },
    { language: 'zh-Hans', send: '我要转人工', wanted: '转接人工客服', by: '最晚在 11月25日（周三）12:00 前', later: '请问还要等多久？', ack: '已收到您的消息' },
  ])('hands over on "$send" in $language, says by when, and acknowledges each further message', async ({ send, wanted, by, later, ack }) => {
    const phone = aPhone();
    const reply = await h.say(phone, send);
    expect(reply).toContain(wanted);
    expect(reply).toContain(by);
    const conversation = await conversationOf(phone);
    expect(conversation).toMatchObject({ state: 'waiting_staff', handoffReason: 'customer_request' });
    for (const message of [later, later + '!']) {
      const again = await h.say(phone, message);
      expect(again).toContain(ack);
      expect(again).toContain(by);
    }
    expect(await h.db.prisma.ticket.count({ where: { contactPhone: phone } })).toBe(0);
  });

  it.each([
    { language: 'en', send: 'agent', wanted: 'We are closed now: a colleague will reply here after we open at Mon 30 Nov 08:30, by Mon 30 Nov 10:30 at the latest.' },
    { language: 'zh-Hant', send: '人工', wanted: '目前為非營業時間，同仁將於 11月30日（週一）08:30 上班後在此回覆您，最晚於 11月30日（週一）10:30 前。' },
    { language: 'zh-Hans', send: '我要转人工', wanted: '现在是非营业时间，同事将在 11月30日（周一）08:30 上班后在此回复您，最晚在 11月30日（周一）10:30 前。' },
  ])('tells a $language customer handed over on Saturday night that a person answers after Monday\'s opening', async ({ send, wanted }) => {
    h.clock.set('2026-11-28T12:00:00Z');
    try {
      const phone = aPhone();
      expect(await h.say(phone, send)).toContain(wanted);
      expect(await h.say(phone, '?')).toContain(wanted);
    } finally {
      h.clock.set(WEDNESDAY_MORNING);
    }
  });

  it.each([
    {
      language: 'zh-Hant',
      steps: ['我的印表機壞了，一直卡紙，型號 Canon G3010', '王小明', '真人'],
      wanted: ['已保存在工單', '轉接專人服務', '最晚於'],
      ticket: { contactName: '王小明', productModel: 'Canon G3010', problem: '我的印表機壞了，一直卡紙，型號 Canon G3010' },
    },
    {
      language: 'zh-Hans',
      steps: ['我的打印机坏了，一直卡纸，型号 Brother HL-L2350', '李华', '我要转人工'],
      wanted: ['已保存在工单', '转接人工客服', '最晚在'],
      ticket: { contactName: '李华', productModel: 'Brother HL-L2350', problem: '我的打印机坏了，一直卡纸，型号 Brother HL-L2350' },
    },
    {
      language: 'en',
      steps: ['My HP LaserJet M404 printer is broken, it jams on every page', 'Alice Chen', 'agent'],
      wanted: ['kept what you told me under ticket number', 'passing you to a colleague', 'by Wed 25 Nov 12:00'],
      ticket: { contactName: 'Alice Chen', productModel: 'HP LaserJet M404', problem: 'My HP LaserJet M404 printer is broken, it jams on every page' },
    },
  ])('keeps a $language report cut short by asking for a person as a ticket staff can complete', async ({ steps, wanted, ticket }) => {
    const phone = aPhone();
    let reply = '';
    for (const text of steps) reply = await h.say(phone, text);
    for (const w of wanted) expect(reply).toContain(w);
    const kept = await h.db.prisma.ticket.findFirstOrThrow({ where: { contactPhone: phone } });
    expect(kept).toMatchObject({ category: 'fault', ...ticket });
    expect(reply).toContain(kept.number);
    expect(await conversationOf(phone)).toMatchObject({ state: 'waiting_staff', handoffReason: 'customer_request', ticketId: kept.id });
    const notice = await h.db.prisma.staffNotification.findFirstOrThrow({ where: { kind: 'handoff', ticketId: kept.id } });
    expect(notice.text).toContain('Report incomplete, missing:');
  });

  it.each([
    { language: 'zh-Hant', send: '人工', closing: '謝謝', wanted: '不客氣！同仁會儘快在此回覆您', by: '最晚於 11月25日（週三）12:00 前' },
    { language: 'zh-Hant', send: '人工', closing: '好', wanted: '好的，同仁會儘快在此回覆您', by: '最晚於 11月25日（週三）12:00 前' },
    { language: 'zh-Hans', send: '我要转人工', closing: '谢谢', wanted: '不客气！同事会尽快在此回复您', by: '最晚在 11月25日（周三）12:00 前' },
    { language: 'en', send: 'agent', closing: 'ok thanks', wanted: 'You are welcome! A colleague will reply here shortly', by: 'by Wed 25 Nov 12:00' },
    { language: 'en', send: 'agent', closing: 'ok', wanted: 'All right. A colleague will reply here shortly', by: 'by Wed 25 Nov 12:00' },
  ])('answers "$closing" while waiting for a person with a warm $language line that keeps the reply time', async ({ send, closing, wanted, by }) => {
    const phone = aPhone();
    await h.say(phone, send);
    const reply = await h.say(phone, closing);
    expect(reply).toContain(wanted);
    expect(reply).toContain(by);
    expect(reply).not.toMatch(/已收到您的|your message is with our team/);
  });

  it.each([
    { language: 'en', send: 'agent', ask: 'just tell me your opening hours', answer: 'Monday to Saturday, 08:30 to 18:00', still: 'still in line for a colleague', by: 'by Wed 25 Nov 12:00' },
    { language: 'zh-Hant', send: '人工', ask: '你們營業時間到幾點？', answer: '週一至週六 08:30 至 18:00', still: '您仍在等候專人服務', by: '最晚於 11月25日（週三）12:00 前' },
    { language: 'zh-Hans', send: '我要转人工', ask: '顺便问一下，你们的服务中心在哪里？', answer: '瑞光路 100 号', still: '您仍在等候人工客服', by: '最晚在 11月25日（周三）12:00 前' },
    { language: 'en', send: 'agent', ask: 'meanwhile, do you sell replacement filters?', answer: 'original spare parts', still: 'still in line for a colleague', by: 'by Wed 25 Nov 12:00' },
  ])('answers "$ask" from the knowledge base while the $language customer waits for a person, and keeps the handoff', async ({ send, ask, answer, still, by }) => {
    const phone = aPhone();
    await h.say(phone, send);
    const result = await h.send(phone, ask);
    expect(result.replies[0]!.text).toContain(answer);
    expect(result.replies[0]!.meta).toMatchObject({ kbTopic: expect.any(String), waitingForStaff: true });
    const text = result.replies.map((r) => r.text).join('\n');
    expect(text).toContain(still);
    expect(text).toContain(by);
    expect(await conversationOf(phone)).toMatchObject({ state: 'waiting_staff', handoffReason: 'customer_request' });
  });

  it.each([
    {
      language: 'zh-Hant',
      steps: ['熱水器有瓦斯味，好像外洩了', '0912 345 678', '地址是台北市大安區復興南路一段100號', '型號 RH-1205'],
      noted: '已將以下資料加入您的工單',
      ticket: { contactPhone: '+886912345678', siteAddress: '台北市大安區復興南路一段100號', province: '台北市', productModel: 'RH-1205' },
    },
    {
      language: 'zh-Hans',
      steps: ['燃气热水器有煤气味，好像漏气了', '13812345678', '上海市浦东新区世纪大道100号', '型号是 JSQ25-13'],
      noted: '已将以下信息加入您的工单',
      ticket: { contactPhone: '+8613812345678', siteAddress: '上海市浦东新区世纪大道100号', province: '上海市', productModel: 'JSQ25-13' },
    },
    {
      language: 'en',
      steps: ['Our production line is down, the chiller stopped completely, urgent!', '0912 000 111', 'The site address is 12 Main Rd, Taichung City', 'model CH-200'],
      noted: 'I have added this to your ticket',
      ticket: { contactPhone: '+886912000111', siteAddress: '12 Main Rd, Taichung City', productModel: 'CH-200' },
    },
  ])('adds the details a $language web chat customer sends after an urgent handoff to the ticket, and keeps each message for staff', async ({ steps, noted, ticket }) => {
    const chat = `web-${aPhone()}`;
    const [report, phone, ...details] = steps as [string, string, ...string[]];
    await h.say(chat, report, { channel: 'chat' });
    const handedOver = await h.say(chat, phone, { channel: 'chat' });
    expect(handedOver).toMatch(TICKET);
    for (const detail of details) {
      const reply = await h.say(chat, detail, { channel: 'chat' });
      expect(reply).toContain(noted);
    }
    const conversation = await h.db.prisma.conversation.findUniqueOrThrow({ where: { channel_threadKey: { channel: 'chat', threadKey: chat } } });
    expect(conversation.state).toBe('waiting_staff');
    expect(await h.db.prisma.ticket.findUniqueOrThrow({ where: { id: conversation.ticketId! } })).toMatchObject(ticket);
    const kept = await h.db.prisma.message.findMany({ where: { conversationId: conversation.id, direction: 'inbound' }, select: { text: true } });
    expect(kept.map((m) => m.text)).toEqual(expect.arrayContaining(details));
  });

  it.each([
    { language: 'zh-Hant', report: '熱水器有瓦斯味，好像外洩了，型號 RAS-40NK', correction: '型號打錯了，是 RAS-50NK', noted: '型號 RAS-50NK' },
    { language: 'zh-Hans', report: '热水器有煤气味，好像漏气了，型号 RAS-40NK', correction: '型号写错了，应该是 RAS-50NK', noted: '型号 RAS-50NK' },
    { language: 'en', report: 'There is a strong gas smell from the water heater, model RAS-40NK', correction: 'sorry the model is actually RAS-50NK', noted: 'Model RAS-50NK' },
  ])('takes a $language correction of the model after an urgent handoff onto the ticket', async ({ report, correction, noted }) => {
    const phone = aPhone();
    expect(await h.say(phone, report)).toMatch(TICKET);
    expect(await h.say(phone, correction)).toContain(noted);
    const conversation = await conversationOf(phone);
    expect(conversation.state).toBe('waiting_staff');
    expect(await h.db.prisma.ticket.findUniqueOrThrow({ where: { id: conversation.ticketId! } })).toMatchObject({ productModel: 'RAS-50NK' });
  });

  it('adds a detail sent while waiting and still answers the question asked with it', async () => {
    const phone = aPhone();
    await h.say(phone, 'There is a strong gas smell from the water heater');
    const result = await h.send(phone, 'The site address is 12 Main Rd, Taichung City. What are your opening hours?');
    const text = result.replies.map((r) => r.text).join('\n');
    expect(text).toContain('I have added this to your ticket: Site address 12 Main Rd, Taichung City.');
    expect(text).toContain('Monday to Saturday');
    expect(text).toContain('still in line for a colleague');
    const conversation = await conversationOf(phone);
    expect(await h.db.prisma.ticket.findUniqueOrThrow({ where: { id: conversation.ticketId! } })).toMatchObject({ siteAddress: '12 Main Rd, Taichung City' });
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

  it('hands over without a ticket when nothing was described yet', async () => {
    const phone = aPhone();
    await play(h, phone, [
      // A bare "1" says nothing of its language: the harness's DEFAULT_LANGUAGE (zh-Hant) answers it, and "agent" keeps it.
      { send: '1', expect: ['請您描述發生的問題'] },
      { send: 'agent', expect: ['轉接專人服務'] },
    ]);
    expect(await h.db.prisma.ticket.count({ where: { contactPhone: phone } })).toBe(0);
  });

  it('notifies every on-duty agent and supervisor', async () => {
    const agent = await aStaffMember(h.db.prisma, { role: 'agent' });
    const supervisor = await aStaffMember(h.db.prisma, { role: 'supervisor' });
    const phone = aPhone();
    await h.say(phone, 'I want to talk to a real person');
    // The notice never carries the thread key (for web chat it is the customer's session id): find it by recipient.
    const notices = await h.db.prisma.staffNotification.findMany({ where: { kind: 'handoff', staffId: { in: [agent.id, supervisor.id] } } });
    expect(notices.map((n) => n.staffId).sort()).toEqual([agent.id, supervisor.id].sort());
  });

  it('hands over after repeated messages the bot cannot place', async () => {
    const phone = aPhone();
    const unclear = await h.send(phone, 'qwzx');
    expect(unclear.replies[0]).toMatchObject({ text: expect.stringContaining('did not quite understand'), choices: expect.arrayContaining(['Report a fault', 'Speak to a person']) });
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
