import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/test-app.js';
import { databaseKinds } from '../../support/test-database.js';
import { aPhone, postTwilio, smsParams, twilioEnv, twimlTexts } from '../twilio-shared/twilio-test-kit.js';

const TICKET = /SR-2026-\d{6}/;
const PHOTO = 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1';

/** A fault report by SMS, through the real dialog engine, exactly as Twilio would deliver it. */
describe.each(databaseKinds)('an SMS fault report end to end on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, twilioEnv);
  });
  afterAll(async () => {
    await t?.stop();
  });

  /** Sends one SMS and returns the reply as the customer reads it (parts joined, "(1/2)" markers dropped). */
  async function text(from: string, body: string, extra: Record<string, string> = {}) {
    const res = await postTwilio(t.url, '/twilio/sms', smsParams(from, body, extra));
    expect(res.status, res.body).toBe(200);
    return twimlTexts(res.body, 'Message')
      .map((m) => m.replace(/ \(\d+\/\d+\)$/, ''))
      .join('\n');
  }

  it('ends with a ticket number, the photo attached to the ticket', async () => {
    const phone = aPhone();
    expect(await text(phone, '您好，我們的印表機壞了，一直卡紙，型號 Canon G3010', { NumMedia: '1', MediaUrl0: PHOTO, MediaContentType0: 'image/jpeg' })).toContain('請問您貴姓大名？');
    expect(await text(phone, '王小明')).toContain('公司或哪個專案');
    expect(await text(phone, '略過')).toContain('序號');
    expect(await text(phone, '略過')).toContain('購買');
    expect(await text(phone, '2024年3月5日')).toContain('地址');
    expect(await text(phone, '台北市信義區松高路1號')).toContain('請您確認以上資料是否正確？');
    const last = await text(phone, '是');
    const number = TICKET.exec(last)?.[0];
    expect(number).toBeDefined();

    const ticket = await t.db.prisma.ticket.findUniqueOrThrow({ where: { number: number! } });
    expect(ticket).toMatchObject({ category: 'fault', channel: 'sms', contactName: '王小明', productModel: 'Canon G3010' });
    const photos = await t.db.prisma.attachment.findMany({ where: { ticketId: ticket.id } });
    expect(photos.map((p) => [p.url, p.contentType])).toEqual([[PHOTO, 'image/jpeg']]);
  });

  it('gives a retried webhook the stored reply without running the dialog again', async () => {
    const phone = aPhone();
    const params = smsParams(phone, 'My HP LaserJet M404 printer is broken, it jams on every page');
    const inThread = (direction: 'inbound' | 'outbound') => t.db.prisma.message.count({ where: { conversation: { channel: 'sms', threadKey: phone }, direction } });
    const first = await postTwilio(t.url, '/twilio/sms', params);
    const repliesAfterFirst = await inThread('outbound');
    const retry = await postTwilio(t.url, '/twilio/sms', params);
    expect(twimlTexts(first.body, 'Message').join(' ')).toContain('May I have your name');
    expect(twimlTexts(retry.body, 'Message')).toEqual(twimlTexts(first.body, 'Message'));
    expect(await inThread('inbound')).toBe(1);
    expect(await inThread('outbound')).toBe(repliesAfterFirst);
  });
});
