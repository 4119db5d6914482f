import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCheckInCaller } from '../../channels/twilio-voice/twilio-voice-caller.js';
import { findOrOpenConversation } from '../../src/conversations/conversation-service.js';
import { createFollowUpCallJob, createFollowUpCallTimeoutJob, createFollowUpSendJob } from '../../src/jobs/handlers/follow-up-send-job.js';
import type { SchedulerDeps } from '../../src/jobs/handlers/scheduler-deps.js';
import type { ChannelKind } from '../../src/messages/channel-kind.js';
import { ACCOUNT_SID, AUTH_TOKEN, callParams, postTwilio, PUBLIC_BASE_URL, sid, twilioEnv, twimlTexts } from '../channels/twilio-shared/twilio-test-kit.js';
import { startTwilioApiServer, type TwilioApiServer } from '../fixtures/twilio-api-server.js';
import { aCustomer } from '../support/fixtures.js';
import { databaseKinds } from '../support/test-database.js';
import { startScheduler, taipei } from './scheduler-fixture.js';

const OUR_NUMBER = '+886277001234';
const meta = { id: 'test', retryCount: 0 };

describe.each(databaseKinds)('quarterly contact as an automated check-in call on %s', (kind) => {
  let api: TwilioApiServer;
  let s: Awaited<ReturnType<typeof startScheduler>>;
  beforeAll(async () => {
    api = await startTwilioApiServer({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    s = await startScheduler(kind, { ...twilioEnv, TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_FROM_NUMBER: OUR_NUMBER, TWILIO_API_BASE_URL: api.url });
  });
  afterAll(async () => {
    await s?.t.stop();
    await api?.stop();
  });

  const now = taipei('2026-11-25T10:00');
  const deps = (): SchedulerDeps => ({ db: s.db, clock: () => now, policy: s.app.policy, calendar: s.app.calendar, jobs: s.app.jobs, supervisorEmails: [], timeZone: s.app.env.BUSINESS_TZ });
  const caller = () => createCheckInCaller(s.app.env);
  const send = (followUpId: string, automatedCalls = true) => createFollowUpSendJob({ ...deps(), automatedCalls })({ followUpId }, meta);
  const resultTimeoutMinutes = () => s.app.env.CHECK_IN_CALL_RESULT_TIMEOUT_MINUTES;
  const placeCall = (followUpId: string, lastAttempt = false) =>
    createFollowUpCallJob({ ...deps(), caller: caller(), resultTimeoutMinutes: resultTimeoutMinutes() })({ followUpId }, { ...meta, lastAttempt });
  /** The timeout job as pg-boss runs it, `minutesLater` after the call was placed. */
  const callTimedOut = (followUpId: string, callSid: string, minutesLater = resultTimeoutMinutes()) =>
    createFollowUpCallTimeoutJob({ ...deps(), clock: () => new Date(now.getTime() + minutesLater * 60_000), resultTimeoutMinutes: resultTimeoutMinutes() })({ followUpId, callSid }, meta);
  const followUp = (id: string) => s.db.followUp.findUniqueOrThrow({ where: { id } });
  const tasks = (customerId: string) => s.db.staffTask.findMany({ where: { customerId, kind: 'follow_up_call' }, orderBy: { createdAt: 'asc' } });

  /** A customer who last talked to us on `channel`, with a quarterly contact due now. */
  async function quarterlyContactDue(channel: ChannelKind = 'voice', language = 'zh-Hant') {
    const { customer, phone } = await aCustomer(s.db);
    await s.db.customer.update({ where: { id: customer.id }, data: { language } });
    await findOrOpenConversation(s.db, { channel, threadKey: channel === 'voice' ? sid('CA') : phone, customerId: customer.id });
    const fu = await s.db.followUp.create({ data: { customerId: customer.id, kind: 'quarterly_contact', dueAt: now, channel: 'voice', dedupeKey: `quarterly_contact:${customer.id}:test` } });
    return { customer, phone, fu };
  }

  /** The call placed for the follow-up: sent, then the call job run. */
  async function callPlaced(language = 'zh-Hant') {
    const due = await quarterlyContactDue('voice', language);
    expect(await send(due.fu.id)).toBe('done');
    expect(await placeCall(due.fu.id)).toBe('done');
    const { callSid } = await followUp(due.fu.id);
    return { ...due, callSid: callSid! };
  }

  const lang = (language: string) => (language === 'en' ? 'en' : 'zh');
  const answer = (fuId: string, callSid: string, phone: string, digits: string, language = 'zh-Hant', attempt = 1) =>
    postTwilio(s.t.url, `/twilio/voice/check-in/answer?followUp=${fuId}&lang=${lang(language)}&attempt=${attempt}`, callParams(callSid, OUR_NUMBER, { To: phone, Digits: digits, Direction: 'outbound-api' }));

  it('places the call through Twilio with the check-in menu and the status callback on our server', async () => {
    api.requests.length = 0;
    const { fu, phone, callSid } = await callPlaced();
    const [request] = api.requests;
    expect(request).toMatchObject({ method: 'POST', path: `/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json`, authorized: true });
    expect(request!.form).toMatchObject({
      To: phone,
      From: OUR_NUMBER,
      Url: `${PUBLIC_BASE_URL}/twilio/voice/check-in?followUp=${fu.id}&lang=zh`,
      Method: 'POST',
      StatusCallback: `${PUBLIC_BASE_URL}/twilio/voice/check-in/status?followUp=${fu.id}`,
      StatusCallbackEvent: 'completed',
    });
    expect(callSid).toMatch(/^CA[0-9a-f]{32}$/);
    expect(await followUp(fu.id)).toMatchObject({ status: 'sent', outcome: null });
    expect(await tasks(fu.customerId)).toEqual([]);
  });

  it('places the call once even when the send and call jobs run again', async () => {
    api.requests.length = 0;
    const { fu } = await callPlaced();
    expect(await send(fu.id)).toBe('skipped');
    expect(await placeCall(fu.id)).toBe('skipped');
    expect(api.requests.filter((r) => r.path.endsWith('/Calls.json'))).toHaveLength(1);
  });

  it.each([
    { language: 'zh-Hant', menu: '設備一切正常，請按1。有問題需要協助，請按2。轉接專人，請按0。' },
    { language: 'en', menu: 'If all your equipment is working well, press 1. If you have a problem, press 2. To speak to a person, press 0.' },
  ])('answers the picked-up call with the check-in menu ($language)', async ({ language, menu }) => {
    const { fu, phone, callSid } = await callPlaced(language);
    const res = await postTwilio(s.t.url, `/twilio/voice/check-in?followUp=${fu.id}&lang=${lang(language)}`, callParams(callSid, OUR_NUMBER, { To: phone, Direction: 'outbound-api' }));
    expect(res.status).toBe(200);
    expect(res.body).toContain(`<Gather input="dtmf" action="${PUBLIC_BASE_URL}/twilio/voice/check-in/answer?followUp=${fu.id}&amp;lang=${lang(language)}&amp;attempt=1"`);
    expect(twimlTexts(res.body, 'Say').join(' ')).toContain(menu);
  });

  it('records "1, all good" as the outcome, counts the customer as contacted and leaves staff nothing to do', async () => {
    const { fu, phone, callSid } = await callPlaced();
    const res = await answer(fu.id, callSid, phone, '1');
    expect(twimlTexts(res.body, 'Say')).toEqual(['很高興您的設備一切正常。感謝您，再見。']);
    expect(res.body).toContain('<Hangup/>');
    expect(await followUp(fu.id)).toMatchObject({ status: 'done', outcome: 'fine', doneAt: now });
    expect((await s.db.customer.findUniqueOrThrow({ where: { id: fu.customerId } })).lastContactAt).toEqual(now);
    expect(await tasks(fu.customerId)).toEqual([]);
  });

  it.each([
    { digits: '2', outcome: 'problem', title: /reported a problem/ },
    { digits: '0', outcome: 'person', title: /asked for a person/ },
  ])('records "$digits" as $outcome and asks staff to call back', async ({ digits, outcome, title }) => {
    const { fu, phone, callSid } = await callPlaced('en');
    const res = await answer(fu.id, callSid, phone, digits, 'en');
    expect(twimlTexts(res.body, 'Say')).toEqual(['Thank you. A colleague will call you back by the end of the next working day. Goodbye.']);
    expect(await followUp(fu.id)).toMatchObject({ status: 'done', outcome });
    const [task] = await tasks(fu.customerId);
    expect(task).toMatchObject({ status: 'open', title: expect.stringMatching(title), details: { followUpId: fu.id, phone } });
    // Twilio retries a webhook it got no answer to: the second delivery records nothing new.
    await answer(fu.id, callSid, phone, digits, 'en');
    expect(await tasks(fu.customerId)).toHaveLength(1);
  });

  it('asks again after a wrong key, then leaves the contact to staff when no usable key comes', async () => {
    const { fu, phone, callSid } = await callPlaced();
    const again = await answer(fu.id, callSid, phone, '7');
    expect(again.body).toContain(`check-in/answer?followUp=${fu.id}&amp;lang=zh&amp;attempt=2`);
    expect(twimlTexts(again.body, 'Say')[0]).toBe('抱歉，我沒有聽清楚。');
    expect((await followUp(fu.id)).outcome).toBeNull();
    await answer(fu.id, callSid, phone, '', 'zh-Hant', 2);
    expect(await followUp(fu.id)).toMatchObject({ status: 'done', outcome: 'no_answer' });
    expect(await tasks(fu.customerId)).toHaveLength(1);
  });

  it('gives the contact to staff when nobody answers the call', async () => {
    const { fu, phone, callSid } = await callPlaced();
    const res = await postTwilio(s.t.url, `/twilio/voice/check-in/status?followUp=${fu.id}`, callParams(callSid, OUR_NUMBER, { To: phone, CallStatus: 'no-answer' }));
    expect(res.status).toBe(204);
    expect(await followUp(fu.id)).toMatchObject({ status: 'done', outcome: 'no_answer' });
    expect((await s.db.customer.findUniqueOrThrow({ where: { id: fu.customerId } })).lastContactAt).toBeNull();
    expect(await tasks(fu.customerId)).toMatchObject([{ status: 'open', title: expect.stringMatching(/not answered/) }]);
  });

  it('queues the result timeout with the call, CHECK_IN_CALL_RESULT_TIMEOUT_MINUTES (30 by default) after placing it', async () => {
    const { fu } = await callPlaced();
    expect(resultTimeoutMinutes()).toBe(30);
    expect(await s.queued('follow_up.call_timeout', 'followUpId', fu.id)).toEqual([{ startAfter: new Date(now.getTime() + 30 * 60_000) }]);
  });

  it('counts a call Twilio never reports on as unanswered when the timeout comes, and leaves staff one call task', async () => {
    const { fu, phone, callSid } = await callPlaced();
    expect(await callTimedOut(fu.id, callSid)).toBe('done');
    expect(await followUp(fu.id)).toMatchObject({ status: 'done', outcome: 'no_answer', notes: expect.stringContaining('no result from Twilio within 30 minutes') });
    expect((await s.db.customer.findUniqueOrThrow({ where: { id: fu.customerId } })).lastContactAt).toBeNull();
    expect(await tasks(fu.customerId)).toMatchObject([
      { status: 'open', title: expect.stringMatching(/not answered/), details: { followUpId: fu.id, phone, reason: expect.stringContaining('no result from Twilio') } },
    ]);
    // The timeout job delivered twice, or the status callback arriving late, adds nothing.
    expect(await callTimedOut(fu.id, callSid)).toBe('skipped');
    await postTwilio(s.t.url, `/twilio/voice/check-in/status?followUp=${fu.id}`, callParams(callSid, OUR_NUMBER, { To: phone, CallStatus: 'no-answer' }));
    expect(await tasks(fu.customerId)).toHaveLength(1);
  });

  it('leaves a call whose answer arrived alone when its timeout comes', async () => {
    const { fu, phone, callSid } = await callPlaced();
    await answer(fu.id, callSid, phone, '1');
    expect(await callTimedOut(fu.id, callSid)).toBe('skipped');
    expect(await followUp(fu.id)).toMatchObject({ outcome: 'fine' });
    expect(await tasks(fu.customerId)).toEqual([]);
  });

  it('keeps the answer when the call ends normally after a key was pressed', async () => {
    const { fu, phone, callSid } = await callPlaced();
    await answer(fu.id, callSid, phone, '1');
    await postTwilio(s.t.url, `/twilio/voice/check-in/status?followUp=${fu.id}`, callParams(callSid, OUR_NUMBER, { To: phone, CallStatus: 'completed' }));
    expect(await followUp(fu.id)).toMatchObject({ outcome: 'fine' });
    expect(await tasks(fu.customerId)).toEqual([]);
  });

  it('refuses check-in webhooks without a valid Twilio signature', async () => {
    const { fu, phone, callSid } = await callPlaced();
    const res = await postTwilio(s.t.url, `/twilio/voice/check-in/answer?followUp=${fu.id}&lang=zh&attempt=1`, callParams(callSid, OUR_NUMBER, { To: phone, Digits: '1' }), { token: 'not-the-token' });
    expect(res.status).toBe(403);
    expect((await followUp(fu.id)).outcome).toBeNull();
  });

  it('turns a call Twilio refuses for good into a staff call task, without a retry', async () => {
    const due = await quarterlyContactDue();
    await send(due.fu.id);
    api.behave({ kind: 'error', status: 400, code: 21211, message: "The 'To' number is not a valid phone number." });
    try {
      expect(await placeCall(due.fu.id)).toBe('done');
    } finally {
      api.behave({ kind: 'ok' });
    }
    expect(await followUp(due.fu.id)).toMatchObject({ callSid: null, notes: expect.stringContaining('21211') });
    expect(await tasks(due.customer.id)).toMatchObject([{ status: 'open', details: { reason: expect.stringContaining('refused') } }]);
  });

  it('throws for a retry when Twilio is unavailable', async () => {
    const due = await quarterlyContactDue();
    await send(due.fu.id);
    api.behave({ kind: 'error', status: 503, code: 20503, message: 'Service unavailable' });
    try {
      await expect(placeCall(due.fu.id)).rejects.toMatchObject({ retryable: true });
    } finally {
      api.behave({ kind: 'ok' });
    }
    expect(await placeCall(due.fu.id)).toBe('done');
    expect((await followUp(due.fu.id)).callSid).toMatch(/^CA/);
  });

  it('hands the contact to staff as one call task when Twilio is still unavailable on the last retry', async () => {
    const due = await quarterlyContactDue();
    await send(due.fu.id);
    api.behave({ kind: 'error', status: 503, code: 20503, message: 'Service unavailable' });
    try {
      await expect(placeCall(due.fu.id)).rejects.toMatchObject({ retryable: true });
      expect(await tasks(due.customer.id)).toEqual([]);
      expect(await placeCall(due.fu.id, true)).toBe('done');
      // The job run once more (a duplicate delivery) neither calls nor adds a second task.
      api.requests.length = 0;
      expect(await placeCall(due.fu.id, true)).toBe('skipped');
      expect(api.requests).toEqual([]);
    } finally {
      api.behave({ kind: 'ok' });
    }
    expect(await followUp(due.fu.id)).toMatchObject({ callSid: null, outcome: null, notes: expect.stringContaining('20503') });
    expect(await tasks(due.customer.id)).toMatchObject([
      { status: 'open', title: expect.stringMatching(/not answered/), details: { followUpId: due.fu.id, phone: due.phone, reason: expect.stringContaining('failed on every attempt') } },
    ]);
  });

  it('leaves the quarterly contact of a customer who writes to us as a call task for staff', async () => {
    api.requests.length = 0;
    const due = await quarterlyContactDue('sms');
    expect(await send(due.fu.id)).toBe('done');
    expect(await s.queued('follow_up.call', 'followUpId', due.fu.id)).toEqual([]);
    expect(await tasks(due.customer.id)).toMatchObject([{ title: 'Regular customer contact (quarterly)' }]);
    expect(api.requests).toEqual([]);
  });

  it('leaves it a call task for staff when Twilio voice is not configured', async () => {
    const due = await quarterlyContactDue('voice');
    expect(await send(due.fu.id, false)).toBe('done');
    expect(await s.queued('follow_up.call', 'followUpId', due.fu.id)).toEqual([]);
    expect(await tasks(due.customer.id)).toMatchObject([{ title: 'Regular customer contact (quarterly)' }]);
  });

  describe('with a staff phone number', () => {
    const STAFF = '+886277009999';
    // The tests in this block run on a second app whose env has STAFF_PHONE_NUMBER: `s` points at it.
    let unstaffed: typeof s;
    beforeAll(async () => {
      unstaffed = s;
      s = await startScheduler(kind, { ...twilioEnv, TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_FROM_NUMBER: OUR_NUMBER, TWILIO_API_BASE_URL: api.url, STAFF_PHONE_NUMBER: STAFF });
    });
    afterAll(async () => {
      await s?.t.stop();
      s = unstaffed;
    });

    const dialResult = (fuId: string, callSid: string, phone: string, status: string) =>
      postTwilio(s.t.url, `/twilio/voice/check-in/dial-result?followUp=${fuId}&lang=en`, callParams(callSid, OUR_NUMBER, { To: phone, DialCallStatus: status, Direction: 'outbound-api' }));
    const callEnded = (fuId: string, callSid: string, phone: string) =>
      postTwilio(s.t.url, `/twilio/voice/check-in/status?followUp=${fuId}`, callParams(callSid, OUR_NUMBER, { To: phone, CallStatus: 'completed' }));

    it('puts a customer who presses 0 in business hours through to the staff phone for three rings', async () => {
      const { fu, phone, callSid } = await callPlaced('en');
      const res = await answer(fu.id, callSid, phone, '0', 'en');
      expect(res.status).toBe(200);
      expect(twimlTexts(res.body, 'Say')).toEqual(['Connecting you to a colleague. Please hold.']);
      expect(res.body).toMatch(new RegExp(`<Dial action="${PUBLIC_BASE_URL}/twilio/voice/check-in/dial-result\\?followUp=${fu.id}&amp;lang=en"[^>]*timeout="15"[^>]*>\\${STAFF}</Dial>`));
      expect(await followUp(fu.id)).toMatchObject({ status: 'done', outcome: 'person' });
      expect((await s.db.customer.findUniqueOrThrow({ where: { id: fu.customerId } })).lastContactAt).toEqual(now);
      expect(await tasks(fu.customerId)).toEqual([]);
    });

    it('asks staff to call back, once, when nobody at the staff phone answers', async () => {
      const { fu, phone, callSid } = await callPlaced('en');
      await answer(fu.id, callSid, phone, '0', 'en');
      const res = await dialResult(fu.id, callSid, phone, 'no-answer');
      expect(twimlTexts(res.body, 'Say')).toEqual(['Sorry, nobody is available to take your call right now.', 'Thank you. A colleague will call you back by the end of the next working day. Goodbye.']);
      expect(res.body).toContain('<Hangup/>');
      // Twilio retries a webhook it got no answer to, and the call's end is reported after it.
      await dialResult(fu.id, callSid, phone, 'no-answer');
      await callEnded(fu.id, callSid, phone);
      expect(await followUp(fu.id)).toMatchObject({ outcome: 'person', notes: expect.stringContaining('nobody at the staff phone answered') });
      expect(await tasks(fu.customerId)).toMatchObject([{ status: 'open', title: expect.stringMatching(/asked for a person/), details: { followUpId: fu.id, phone } }]);
    });

    it('asks staff to call back when the dial result of the put-through never arrives', async () => {
      const { fu, phone, callSid } = await callPlaced('en');
      await answer(fu.id, callSid, phone, '0', 'en');
      expect(await tasks(fu.customerId)).toEqual([]);
      expect(await callTimedOut(fu.id, callSid)).toBe('done');
      expect(await tasks(fu.customerId)).toMatchObject([{ status: 'open', title: expect.stringMatching(/asked for a person/), details: { reason: expect.stringContaining('no dial result from Twilio') } }]);
      expect(await callTimedOut(fu.id, callSid)).toBe('skipped');
      expect(await tasks(fu.customerId)).toHaveLength(1);
    });

    it('leaves staff nothing to do when the staff phone is answered', async () => {
      const { fu, phone, callSid } = await callPlaced('en');
      await answer(fu.id, callSid, phone, '0', 'en');
      const res = await dialResult(fu.id, callSid, phone, 'completed');
      expect(twimlTexts(res.body, 'Say')).toEqual([]);
      expect(res.body).toContain('<Hangup/>');
      await callEnded(fu.id, callSid, phone);
      expect(await followUp(fu.id)).toMatchObject({ outcome: 'person', notes: expect.stringContaining('talked to staff') });
      expect(await tasks(fu.customerId)).toEqual([]);
    });

    it('keeps the call-back task for a 0 pressed outside business hours', async () => {
      const { fu, phone, callSid } = await callPlaced('en');
      s.t.clock.set(taipei('2026-11-25T20:00'));
      try {
        const res = await answer(fu.id, callSid, phone, '0', 'en');
        expect(res.body).not.toContain('<Dial');
        expect(twimlTexts(res.body, 'Say')).toEqual(['Thank you. A colleague will call you back by the end of the next working day. Goodbye.']);
      } finally {
        s.t.clock.set(now);
      }
      expect(await tasks(fu.customerId)).toMatchObject([{ status: 'open', title: expect.stringMatching(/asked for a person/) }]);
    });
  });

  it('is not configured without credentials, a caller ID or a public URL', () => {
    expect(createCheckInCaller({ ...s.app.env, TWILIO_ACCOUNT_SID: undefined })).toBeUndefined();
    expect(createCheckInCaller({ ...s.app.env, TWILIO_FROM_NUMBER: undefined, TWILIO_VOICE_FROM_NUMBER: undefined })).toBeUndefined();
    expect(createCheckInCaller({ ...s.app.env, PUBLIC_BASE_URL: undefined })).toBeUndefined();
    expect(createCheckInCaller(s.app.env)).toBeDefined();
  });
});
