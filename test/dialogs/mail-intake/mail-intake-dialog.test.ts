import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identifyCustomer } from '../../../src/customers/customer-service.js';
import { databaseKinds } from '../../support/test-database.js';
import { openHarness, type Harness } from '../dialog-harness.js';
import { TICKET } from '../transcript.js';

let mailbox = 0;
/** A fresh customer address per test. */
const anAddress = () => `customer${++mailbox}-${process.pid}@example.com`;

/** The e-mail intake through the real turn (understanding, dialogs, database); threads as the e-mail channel would. */
describe.each(databaseKinds)('e-mail intake dialog on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  const mail = (from: string, text: string, options: { subject?: string; thread?: string; meta?: Record<string, unknown> } = {}) =>
    h.say(from, text, { conversationKey: options.thread ?? `<${from}>`, subject: options.subject, meta: options.meta });
  const ticketOf = async (reply: string) => h.db.prisma.ticket.findUniqueOrThrow({ where: { number: TICKET.exec(reply)![0] } });

  it('answers a Simplified Chinese fault mail in Simplified Chinese and reads a labelled site address instead of asking', async () => {
    const reply = await mail(anAddress(), '你好，我的冰箱不制冷了，型号 GR-B22。\n地址：上海市浦东新区世纪大道100号', { subject: '冰箱不制冷' });
    expect(reply).toMatch(/我们已为您创建服务单 SR-2026-\d{6}/);
    expect(reply).toContain('产品型号: GR-B22');
    expect(reply).toContain('设备地址: 上海市浦东新区世纪大道100号');
    expect(reply).not.toContain('设备所在地址');
    expect(await ticketOf(reply)).toMatchObject({ siteAddress: '上海市浦东新区世纪大道100号', province: '上海市', language: 'zh-Hans' });
  });

  it('opens a fault ticket for a fault mail that also asks a question, and answers the question in the same mail', async () => {
    const reply = await mail(anAddress(), 'Hello,\n\nour washing machine started leaking from the bottom yesterday, model WM-8800. Is this still under warranty?\n\nThanks,\nPeter Novak', { subject: 'Washer leaking' });
    expect(reply).toMatch(/SR-2026-\d{6}/);
    expect(reply).toContain('12-month warranty from the purchase date');
    expect(await ticketOf(reply)).toMatchObject({ category: 'fault', productModel: 'WM-8800' });
  });

  it('answers a thank-you note for a repair kindly and opens no ticket', async () => {
    const from = anAddress();
    const reply = await mail(from, 'Dear team,\n\nyour engineer repaired our office printer this morning and it is working perfectly now. Very professional, thank you!\n\nBest regards,\nMaria Lopez', { subject: 'Thank you' });
    expect(reply).not.toMatch(/SR-2026-\d{6}/);
    expect(reply).toMatch(/welcome/i);
  });

  it('reads the site address and contact name written inside one paragraph instead of asking for them', async () => {
    const reply = await mail(anAddress(), '您好，我們公司的影印機 Canon iR-ADV C3530 一直卡紙，序號 QWE12345，麻煩派人來看。地址：台北市信義區松高路1號5樓。聯絡人：林美玲 0912345678');
    expect(reply).not.toMatch(/設備所在地址|您的姓名/);
    expect(await ticketOf(reply)).toMatchObject({ contactName: '林美玲', siteAddress: '台北市信義區松高路1號5樓', province: '台北市', contactPhone: '+886912345678' });
  });

  it('links the ticket to the earlier one the channel says the mail refers to', async () => {
    const { customer } = await identifyCustomer(h.db.prisma, { kind: 'email', address: 'owner@example.com' });
    const earlier = await h.db.prisma.ticket.create({ data: { number: 'SR-2026-900101', customerId: customer.id, category: 'fault', channel: 'email', title: 'x', problem: 'x' } });
    const reply = await mail(anAddress(), 'The Epson L3250 printer stopped printing again, the same fault as before.', { meta: { linkedTicketId: earlier.id } });
    expect((await ticketOf(reply)).linkedTicketId).toBe(earlier.id);
  });

  it('leaves a detail answered with "skip" empty and fills the others', async () => {
    const from = anAddress();
    const ack = await mail(from, 'Our Canon G3010 printer shows error E05 and does not print at all.');
    expect(ack).toMatch(/1\. Serial number/);
    const reply = await mail(from, '1. skip\n2. March 2024\n3. 12 Main Road, Taichung City');
    // A month stays a month, as in the chat intake: never silently the 1st.
    expect(reply).toMatch(/Purchase date: 2024-03$/m);
    const ticket = await ticketOf(ack);
    expect(ticket).toMatchObject({ serial: null, siteAddress: '12 Main Road, Taichung City', province: 'Taichung City', purchaseDatePrecision: 'month' });
  });

  it('reads labelled answers in any order', async () => {
    const from = anAddress();
    const ack = await mail(from, '我們公司的影印機卡紙，一直顯示錯誤代碼，型號 Ricoh IM C3000。');
    const reply = await mail(from, '購買日期：2023年5月\n序號：G123-4567');
    expect(reply).toContain('序號: G123-4567');
    expect(await ticketOf(ack)).toMatchObject({ serial: 'G123-4567' });
  });

  it('adds a reply without any of the asked details to the same ticket and says so', async () => {
    const from = anAddress();
    const ack = await mail(from, 'The washing machine HW-80 leaks water from the door during every wash.');
    const reply = await mail(from, 'The door seal also looks torn at the bottom.');
    const ticket = await ticketOf(ack);
    expect(reply).toContain(`We have added your message to ticket ${ticket.number}`);
    expect(await h.db.prisma.ticket.count({ where: { customerId: ticket.customerId } })).toBe(1);
  });

  it('answers a thank-you in the thread politely, without another ticket', async () => {
    const from = anAddress();
    const ack = await mail(from, 'The washing machine HW-80 makes a loud noise when spinning.');
    const reply = await mail(from, 'Thanks!');
    expect(reply).toContain('You are welcome');
    expect(await h.db.prisma.ticket.count({ where: { customerId: (await ticketOf(ack)).customerId } })).toBe(1);
  });

  it('opens a complaint ticket at once and asks only for what a complaint needs', async () => {
    const reply = await mail(anAddress(), 'I am very unhappy: your technician came two hours late and left the kitchen dirty. This is unacceptable.');
    const ticket = await ticketOf(reply);
    expect(ticket.category).toBe('complaint');
    expect(reply).not.toMatch(/Serial number|Purchase date/);
  });

  it('answers a status question about the customer’s own ticket instead of opening another', async () => {
    const from = anAddress();
    const ack = await mail(from, 'The dishwasher DW-60 does not drain the water at the end of the programme.');
    const { number, customerId } = await ticketOf(ack);
    const reply = await mail(from, `What is the status of ${number}?`, { thread: `<new-thread-${from}>` });
    expect(reply).toContain(`Ticket ${number}`);
    expect(await h.db.prisma.ticket.count({ where: { customerId } })).toBe(1);
  });

  it('never asks a mail customer a chat question', async () => {
    const reply = await mail(anAddress(), 'My fridge is not cooling, model GR-B22');
    expect(reply).not.toMatch(/which service|Which company or project|May I have your name/i);
    expect(reply).toMatch(TICKET);
  });
  it('reads answers numbered the customer’s own way by their shape: a date is the purchase date, an address the site (Simplified Chinese)', async () => {
    const from = anAddress();
    const ack = await mail(from, '你好，我们车间的空压机 GA-30 无法启动，请尽快派人处理。');
    expect(ack).toMatch(/1\. .*序列号/);
    const reply = await mail(from, '1. 2023年11月\n2. 江苏省苏州市工业园区星湖街328号');
    expect(reply).not.toContain('序列号: 2023');
    expect(reply).toContain('购买日期: 2023-11');
    expect(reply).toContain('设备地址: 江苏省苏州市工业园区星湖街328号');
    expect(reply).not.toMatch(/\d\. 请提供设备所在地址|设备所在的地址/);
    expect(await ticketOf(ack)).toMatchObject({ serial: null, siteAddress: '江苏省苏州市工业园区星湖街328号', purchaseDatePrecision: 'month' });
  });

  it('reads a reply with the date and the address on one line, in English', async () => {
    const from = anAddress();
    const ack = await mail(from, 'Our ice maker IM-90 stopped making ice this week.');
    const reply = await mail(from, '1. March last year / 2. 5F, 20 Ln 3 Xinyi Rd Sec 4, Taipei');
    expect(reply).not.toMatch(/Serial number: March/);
    expect(await ticketOf(ack)).toMatchObject({ serial: null, siteAddress: '5F, 20 Ln 3 Xinyi Rd Sec 4, Taipei', purchaseDatePrecision: 'month' });
  });

  it('reads the address after 位于 and the contact person from the first mail instead of asking for them', async () => {
    const reply = await mail(anAddress(), '您好，我司位于苏州工业园区星湖街328号，车间的空压机 GA-30 今天早上无法启动。联系人周敏，电话13812345678。');
    expect(reply).not.toMatch(/设备所在|您的姓名/);
    expect(reply).toContain('周敏 您好');
    expect(await ticketOf(reply)).toMatchObject({ siteAddress: '苏州工业园区星湖街328号', contactName: '周敏', contactPhone: '+8613812345678' });
  });

  it.each([
    { language: 'en', text: 'Hello,\n\nthe ice machine in our kitchen, model IM-300, stopped making ice this morning.', signature: 'Amy Lin\nFacilities Manager\nSunrise Hotel\n+886 2 2345 6789', company: 'Sunrise Hotel' },
    { language: 'zh-Hant', text: '您好，\n\n我們辦公室的影印機 MX-3050 一直卡紙，麻煩派人處理。', signature: '陳美玲\n大同科技股份有限公司 總務部\n電話 02-2345-6789', company: '大同科技股份有限公司' },
    { language: 'zh-Hans', text: '你好，\n\n我们办公室的打印机 HL-L2350 一直卡纸，麻烦派人处理。', signature: '王伟\n上海华星电子有限公司\n13812345678', company: '上海华星电子有限公司' },
  ])('takes the company from the signature of a $language fault mail', async ({ text, signature, company }) => {
    const reply = await mail(anAddress(), text, { meta: { signature } });
    expect(await ticketOf(reply)).toMatchObject({ company });
  });

  it('takes the company said in the sentence of a fault mail', async () => {
    const reply = await mail(anAddress(), "Hi, I'm Amy from Sunrise Hotel. The ice machine IM-300 in our kitchen stopped making ice.");
    expect(await ticketOf(reply)).toMatchObject({ company: 'Sunrise Hotel' });
  });

  it('takes the name under the closing of a Traditional Chinese mail as the contact', async () => {
    const reply = await mail(anAddress(), '您好，\n辦公室的冷氣 RAS-40NK 從昨天開始不冷，麻煩派人來看看。\n謝謝！\n陳志豪');
    expect(reply).not.toContain('您的姓名');
    expect(await ticketOf(reply)).toMatchObject({ contactName: '陳志豪' });
  });

  it('keeps the whole complaint in the acknowledgement, not only its first sentence', async () => {
    const text =
      "This is the third time I'm writing about SR-2026-000777. Nobody has come to fix the dryer although an engineer was promised for Monday. I want a manager to call me today.\n\nRegards,\nHelen Wu";
    const reply = await mail(anAddress(), text, { subject: 'Complaint about SR-2026-000777' });
    expect(reply).toContain("This is the third time I'm writing about SR-2026-000777.");
    expect(reply).toContain('Nobody has come to fix the dryer');
    expect(reply).toContain('I want a manager to call me today.');
    expect(reply).not.toMatch(/Problem:.*Regards/);
  });

  it('does not greet a mail customer by a bare surname', async () => {
    const reply = await mail(anAddress(), '你好，我姓孙，家里的洗衣机 XQB80 不脱水了，联系电话 13912345678。');
    expect(reply).not.toContain('孙 您好');
    expect(reply).toMatch(/^您好：/);
  });
});
