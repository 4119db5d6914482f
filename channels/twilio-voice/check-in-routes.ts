import type { Request, Response, Server } from 'restify';
import twilio from 'twilio';
import type { Env } from '../../src/config/env.js';
import type { Db } from '../../src/db/db.js';
import { checkInCallEnded, checkInTransferEnded, recordCheckInAnswer, type CheckInAnswer } from '../../src/follow-ups/check-in-call.js';
import { route } from '../../src/http/server.js';
import type { JobQueue } from '../../src/jobs/job-queue.js';
import type { BusinessCalendar } from '../../src/sla/business-calendar.js';
import type { Policy } from '../../src/sla/policy-schema.js';
import { sendTwiml } from '../twilio-shared/twiml-response.js';
import { verifiedTwilioParams, type TwilioParams } from '../twilio-shared/twilio-webhook.js';
import { prompts, type VoiceLanguage } from './voice-prompts.js';
import { dial, FIRST_RING_SECONDS, gather, say, voiceUrl, type VoiceResponse } from './voice-twiml.js';
import { CallStatusSchema, CheckInQuery, DialResultSchema, VoiceRequestSchema } from './voice-webhook-schema.js';

export type CheckInRoutesDeps = {
  env: Pick<Env, 'TWILIO_AUTH_TOKEN' | 'PUBLIC_BASE_URL' | 'TRUST_PROXY' | 'STAFF_PHONE_NUMBER'>;
  db: Db;
  clock: () => Date;
  policy: Policy;
  calendar: BusinessCalendar;
  jobs: Pick<JobQueue, 'send'>;
};

/** Menu rounds without a usable key before the call is left to staff. */
const MAX_ATTEMPTS = 2;
const KEYS: Record<string, Exclude<CheckInAnswer, 'no_answer'>> = { '1': 'fine', '2': 'problem', '0': 'person' };

/**
 * The automated check-in call (src/follow-ups/check-in-call.ts) as Twilio sees it: /twilio/voice/check-in
 * answers the picked-up call with the menu (1 all good, 2 a problem, 0 a person), /check-in/answer records
 * the key pressed, /check-in/status hears how the call ended. 0 in business hours rings the staff phone
 * (as the inbound line does) and /check-in/dial-result hears whether anyone picked up; otherwise, or when
 * nobody did, staff call back. Every request is signature-checked; the follow-up id rides in the signed URL.
 */
export function mountCheckInRoutes(server: Server, deps: CheckInRoutesDeps): void {
  const ctx = () => ({ now: deps.clock(), policy: deps.policy, calendar: deps.calendar, jobs: deps.jobs });
  const url = (step: string, query: Record<string, string | number>) => voiceUrl(deps.env.PUBLIC_BASE_URL, step, query);

  const askMenu = (response: VoiceResponse, followUp: string, lang: VoiceLanguage, attempt: number, lead: string[] = []) => {
    const node = gather(response, lang, url('check-in/answer', { followUp, lang, attempt }), { numDigits: 1, dtmfOnly: true });
    for (const line of [...lead, prompts[lang].checkIn.menu]) say(node, lang, line);
  };

  /** The number to put a caller through to now: staff's, in business hours only (the policy's calendar). */
  const staffToRing = () => (deps.env.STAFF_PHONE_NUMBER && deps.calendar.isWithinBusinessHours(deps.clock()) ? deps.env.STAFF_PHONE_NUMBER : undefined);

  const twimlStep = (path: string, handler: (input: { query: CheckInQuery; digits: string | undefined; params: TwilioParams; response: VoiceResponse }) => Promise<void>) =>
    server.post(
      path,
      route(async (req: Request, res: Response) => {
        const params = verifiedTwilioParams(req, deps.env);
        const call = VoiceRequestSchema.parse(params);
        const query = CheckInQuery.parse(req.query ?? {});
        const response = new twilio.twiml.VoiceResponse();
        await handler({ query, digits: call.Digits?.replace(/[#*]/g, '').slice(0, 1) || undefined, params, response });
        sendTwiml(res, response);
      }),
    );

  twimlStep('/twilio/voice/check-in', async ({ query, response }) => askMenu(response, query.followUp, query.lang, 1));

  twimlStep('/twilio/voice/check-in/answer', async ({ query, digits, response }) => {
    const { followUp, lang } = query;
    const answer = digits ? KEYS[digits] : undefined;
    if (!answer) {
      if (query.attempt < MAX_ATTEMPTS) return askMenu(response, followUp, lang, query.attempt + 1, [prompts[lang].notUnderstood]);
      await recordCheckInAnswer(deps.db, followUp, 'no_answer', ctx());
      say(response, lang, prompts[lang].checkIn.noAnswer);
      response.hangup();
      return;
    }
    const staff = answer === 'person' ? staffToRing() : undefined;
    if (staff) {
      await recordCheckInAnswer(deps.db, followUp, answer, ctx(), { putThrough: true });
      // Three rings, as on the inbound line: a customer we called is not kept waiting for long.
      dial(response, lang, staff, url('check-in/dial-result', { followUp, lang }), FIRST_RING_SECONDS);
      return;
    }
    await recordCheckInAnswer(deps.db, followUp, answer, ctx());
    say(response, lang, answer === 'fine' ? prompts[lang].checkIn.fine : prompts[lang].checkIn.callBack);
    response.hangup();
  });

  twimlStep('/twilio/voice/check-in/dial-result', async ({ query, params, response }) => {
    const { DialCallStatus } = DialResultSchema.parse(params);
    const answered = DialCallStatus === 'completed' || DialCallStatus === 'answered';
    await checkInTransferEnded(deps.db, query.followUp, { answered }, ctx());
    if (!answered) {
      say(response, query.lang, prompts[query.lang].nobodyAvailable);
      say(response, query.lang, prompts[query.lang].checkIn.callBack);
    }
    response.hangup();
  });

  server.post(
    '/twilio/voice/check-in/status',
    route(async (req, res) => {
      const status = CallStatusSchema.parse(verifiedTwilioParams(req, deps.env));
      const query = CheckInQuery.parse(req.query ?? {});
      await checkInCallEnded(deps.db, query.followUp, { callSid: status.CallSid, status: status.CallStatus }, ctx());
      res.status(204);
      res.end();
    }),
  );
}
