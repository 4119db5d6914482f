import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/test-app.js';
import { databaseKinds } from '../../support/test-database.js';
import { ACCOUNT_SID, aPhone, callParams, postTwilio, PUBLIC_BASE_URL, sid, twilioEnv, twimlTexts } from '../twilio-shared/twilio-test-kit.js';

const recording = (n: string) => ({
  RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Recordings/RE${n.repeat(32)}`,
  RecordingSid: `RE${n.repeat(32)}`,
  RecordingDuration: '37',
});

describe.each(databaseKinds)('voice line out of business hours on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    // 2026-11-29T03:00Z is Sunday 11:00 in Taipei: closed.
    t = await startTestApp(kind, { ...twilioEnv, STAFF_PHONE_NUMBER: '+886277009999' }, { now: '2026-11-29T03:00:00Z' });
  });
  afterAll(async () => {
    await t?.stop();
  });

  async function voicemail(from: string, n: string) {
    const callSid = sid('CA');
    const greeting = await postTwilio(t.url, '/twilio/voice', callParams(callSid, from));
    const saved = await postTwilio(t.url, '/twilio/voice/voicemail?lang=zh&reason=after_hours', callParams(callSid, from, recording(n)));
    return { callSid, greeting: greeting.body, saved };
  }

  it('says the line is closed and records a voicemail with a transcription callback', async () => {
    const { greeting } = await voicemail(aPhone(), 'a');
    expect(twimlTexts(greeting, 'Say')[0]).toContain('現在是非營業時間');
    expect(twimlTexts(greeting, 'Say')[1]).toContain('24小時內回電');
    expect(greeting).toContain(`<Record action="${PUBLIC_BASE_URL}/twilio/voice/voicemail?lang=zh&amp;reason=after_hours"`);
    expect(greeting).toContain('transcribe="true"');
    expect(greeting).not.toContain('<Gather');
  });

  it('turns the voicemail into a voice ticket with the recording attached', async () => {
    const from = aPhone();
    const { callSid, saved } = await voicemail(from, 'b');
    const log = await t.db.prisma.callLog.findUniqueOrThrow({ where: { callSid } });
    expect(log).toMatchObject({ outcome: 'voicemail', recordingUrl: recording('b').RecordingUrl });
    const ticket = await t.db.prisma.ticket.findUniqueOrThrow({ where: { id: log.ticketId! } });
    expect(ticket).toMatchObject({ channel: 'voice', contactPhone: from, customerId: log.customerId });
    expect(ticket.problem).toContain(recording('b').RecordingUrl);
    const files = await t.db.prisma.attachment.findMany({ where: { ticketId: ticket.id } });
    expect(files.map((f) => f.url)).toEqual([recording('b').RecordingUrl]);
    const spoken = ticket.number.split('-').map((p) => p.split('').join(' ')).join(', ');
    expect(twimlTexts(saved.body, 'Say')[0]).toContain(spoken);
    expect(saved.body).toMatch(/<Hangup\/><\/Response>$/);
  });

  it('creates a callback task due within the policy\'s 24 hours', async () => {
    const { callSid } = await voicemail(aPhone(), 'c');
    const log = await t.db.prisma.callLog.findUniqueOrThrow({ where: { callSid } });
    const task = await t.db.prisma.staffTask.findUniqueOrThrow({ where: { dedupeKey: `callback:${callSid}` } });
    expect(task).toMatchObject({ kind: 'callback', ticketId: log.ticketId, status: 'open' });
    expect(task.dueAt?.toISOString()).toBe('2026-11-30T03:00:00.000Z');
  });

  it('keeps one ticket and one task when Twilio repeats the recording callback', async () => {
    const from = aPhone();
    const { callSid } = await voicemail(from, 'd');
    await postTwilio(t.url, '/twilio/voice/voicemail?lang=zh&reason=after_hours', callParams(callSid, from, recording('d')));
    const { customerId } = await t.db.prisma.callLog.findUniqueOrThrow({ where: { callSid } });
    expect(await t.db.prisma.ticket.count({ where: { customerId: customerId! } })).toBe(1);
    expect(await t.db.prisma.staffTask.count({ where: { dedupeKey: `callback:${callSid}` } })).toBe(1);
  });

  it('keeps one voicemail, ticket and task when ten copies of the recording callback arrive at once', async () => {
    const from = aPhone();
    const callSid = sid('CA');
    await postTwilio(t.url, '/twilio/voice', callParams(callSid, from));
    const copies = await Promise.all(
      Array.from({ length: 10 }, () => postTwilio(t.url, '/twilio/voice/voicemail?lang=zh&reason=after_hours', callParams(callSid, from, recording('f')))),
    );
    expect(copies.map((c) => c.status)).toEqual(Array(10).fill(200));
    const { customerId } = await t.db.prisma.callLog.findUniqueOrThrow({ where: { callSid } });
    expect(await t.db.prisma.message.count({ where: { channel: 'voice', externalId: `${callSid}:voicemail` } })).toBe(1);
    expect(await t.db.prisma.ticket.count({ where: { customerId: customerId! } })).toBe(1);
    expect(await t.db.prisma.staffTask.count({ where: { dedupeKey: `callback:${callSid}` } })).toBe(1);
  });

  it('adds the transcription to the call, the message and the ticket', async () => {
    const from = aPhone();
    const { callSid } = await voicemail(from, 'e');
    const res = await postTwilio(t.url, '/twilio/voice/transcription', {
      CallSid: callSid,
      AccountSid: ACCOUNT_SID,
      From: from,
      RecordingSid: recording('e').RecordingSid,
      TranscriptionText: 'My printer LP-200 shows error 5.',
      TranscriptionStatus: 'completed',
    });
    expect(res.status).toBe(204);
    const log = await t.db.prisma.callLog.findUniqueOrThrow({ where: { callSid } });
    expect(log.transcript).toBe('My printer LP-200 shows error 5.');
    expect((await t.db.prisma.ticket.findUniqueOrThrow({ where: { id: log.ticketId! } })).problem).toContain('My printer LP-200 shows error 5.');
    expect(await t.db.prisma.ticketEvent.count({ where: { ticketId: log.ticketId!, kind: 'voicemail_transcribed' } })).toBe(1);
  });

  it('still promises a callback to a caller who hung up without a message', async () => {
    const from = aPhone();
    const callSid = sid('CA');
    await postTwilio(t.url, '/twilio/voice', callParams(callSid, from));
    await postTwilio(t.url, '/twilio/voice/voicemail?lang=zh&reason=after_hours', callParams(callSid, from));
    const log = await t.db.prisma.callLog.findUniqueOrThrow({ where: { callSid } });
    expect(log).toMatchObject({ outcome: 'voicemail', recordingUrl: null });
    expect(await t.db.prisma.staffTask.count({ where: { dedupeKey: `callback:${callSid}` } })).toBe(1);
  });

  it('sends a caller who asks for a person after hours to voicemail instead of dialling', async () => {
    const from = aPhone();
    const callSid = sid('CA');
    const res = await postTwilio(t.url, '/twilio/voice/menu?lang=zh', callParams(callSid, from, { Digits: '0' }));
    expect(res.body).toContain('<Record');
    expect(res.body).not.toContain('<Dial');
  });
});
