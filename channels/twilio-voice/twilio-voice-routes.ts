import type { Request, Response, Server } from 'restify';
// The TwiML builder alone: the package's index loads the whole REST client too (about 13 MB).
import TwimlVoiceResponse from 'twilio/lib/twiml/VoiceResponse.js';
import type { Turn } from '../channel-adapter.js';
import { recordCallHandoff, recordCallStatus, setCallOutcome, startCall } from '../../src/calls/call-log-service.js';
import { recordTranscription, recordVoicemail, type VoicemailReason } from '../../src/calls/voicemail-service.js';
import type { Env } from '../../src/config/env.js';
import { normalisePhone } from '../../src/customers/contact-address.js';
import type { Db } from '../../src/db/db.js';
import type { EventBus } from '../../src/events/event-bus.js';
import { route } from '../../src/http/server.js';
import type { Logger } from '../../src/logger.js';
import type { BusinessCalendar } from '../../src/sla/business-calendar.js';
import type { Policy } from '../../src/sla/policy-schema.js';
import { sendTwiml } from '../twilio-shared/twiml-response.js';
import { verifiedTwilioParams, type TwilioParams } from '../twilio-shared/twilio-webhook.js';
import { prompts, spokenTicketNumber, type VoiceLanguage } from './voice-prompts.js';
import { dial, gather, menu, renderTurn, ringStaffFirst, say, voicemail, voiceUrl, type VoiceResponse } from './voice-twiml.js';
import {
  CallStatusSchema,
  DialResultSchema,
  RecordingSchema,
  TranscriptionSchema,
  VoiceRequestSchema,
  VoiceStepQuery,
  type VoiceRequest,
} from './voice-webhook-schema.js';

export type TwilioVoiceDeps = {
  env: Env;
  db: Db;
  clock: () => Date;
  events: EventBus;
  logger: Logger;
  /** The dialog engine's turn; until it is set, callers who choose a dialog are put through to a person. */
  turn: () => Turn | undefined;
  policy: Policy;
  calendar: BusinessCalendar;
  /** Speech recognised with less confidence than this is asked again (Twilio's Confidence, 0..1). */
  speechConfidenceThreshold?: number;
};

/** Re-prompts before the caller is put through to a person. */
const MAX_ATTEMPTS = 3;
const MENU = { '1': 'fault', '2': 'question', '3': 'complaint' } as const;

type Step = { call: VoiceRequest; query: VoiceStepQuery; lang: VoiceLanguage; params: TwilioParams; response: VoiceResponse };

/** POST /twilio/voice and its steps under /twilio/voice/...: the IVR menu, dialog turns, person, voicemail, call status. */
export function mountTwilioVoice(server: Server, deps: TwilioVoiceDeps): void {
  const threshold = deps.speechConfidenceThreshold ?? 0.5;
  const defaultLang: VoiceLanguage = deps.env.DEFAULT_LANGUAGE === 'en' ? 'en' : 'zh';
  const url = (step: string, query: Record<string, string | number> = {}) => voiceUrl(deps.env.PUBLIC_BASE_URL, step, query);
  const callbackHours = deps.policy.promises.callback.hours;

  /** Verifies, parses and answers one voice webhook with the TwiML the handler builds. */
  const step = (path: string, handler: (s: Step) => Promise<void>) =>
    server.post(
      path,
      route(async (req: Request, res: Response) => {
        const params = verifiedTwilioParams(req, deps.env);
        const call = VoiceRequestSchema.parse(params);
        const query = VoiceStepQuery.parse(req.query ?? {});
        const response = new TwimlVoiceResponse();
        await handler({ call, query, lang: query.lang ?? defaultLang, params, response });
        sendTwiml(res, response);
      }),
    );

  const leaveVoicemail = (s: Step, reason: VoicemailReason, lead: string[]) =>
    voicemail(s.response, s.lang, { action: url('voicemail', { lang: s.lang, reason }), transcribeCallback: url('transcription') }, callbackHours, lead);

  /** "Speak to a person": the on-duty number, or voicemail when closed or no number is configured. */
  const toPerson = async (s: Step, reason: string, lead: string[] = []) => {
    const staff = deps.env.STAFF_PHONE_NUMBER;
    if (!deps.calendar.isWithinBusinessHours(deps.clock())) return leaveVoicemail(s, 'after_hours', [...lead, prompts[s.lang].afterHours]);
    if (!staff) return leaveVoicemail(s, 'no_staff', [...lead, prompts[s.lang].nobodyAvailable]);
    await recordCallHandoff(deps.db, s.call.CallSid, { reason, staffNumber: staff }, { now: deps.clock(), events: deps.events });
    for (const line of lead) say(s.response, s.lang, line);
    dial(s.response, s.lang, staff, url('dial-result', { lang: s.lang }));
  };

  /** One dialog turn: the caller's words (or the menu choice) in, the bot's replies spoken. */
  const runTurn = async (s: Step, n: number, text: string, meta: Record<string, unknown>) => {
    const from = normalisePhone(s.call.From);
    if (!from) return toPerson(s, 'caller without a number', [prompts[s.lang].noCallerId]);
    const turn = deps.turn();
    if (!turn) return toPerson(s, 'the dialog engine is not available');
    await setCallOutcome(deps.db, s.call.CallSid, 'dialog');
    const result = await turn({
      channel: 'voice',
      externalId: `${s.call.CallSid}:${n}`,
      from,
      conversationKey: s.call.CallSid,
      text,
      attachments: [],
      receivedAt: deps.clock(),
      meta: { ...meta, language: s.lang === 'en' ? 'en' : 'zh-Hant', callSid: s.call.CallSid, step: n },
      raw: s.params,
    });
    const rendering = renderTurn(s.response, s.lang, result.replies, url('turn', { lang: s.lang, n: n + 1 }));
    if (rendering === 'handoff') await toPerson(s, 'the bot handed the call over');
  };

  /** No input, or speech we are not sure of: ask again, offer a person, then put them through. */
  const reprompt = async (s: Step, again: (lead: string[], attempt: number) => void) => {
    const attempt = s.query.attempt + 1;
    if (attempt > MAX_ATTEMPTS) return toPerson(s, 'no usable input after repeated prompts');
    const lead = [prompts[s.lang].notUnderstood, ...(attempt === MAX_ATTEMPTS ? [prompts[s.lang].offerPerson] : [])];
    again(lead, attempt);
  };

  const heard = (call: VoiceRequest) => {
    const speech = call.SpeechResult?.trim();
    if (!speech) return null;
    return (call.Confidence ?? 1) >= threshold ? speech : null;
  };

  step('/twilio/voice', async (s) => {
    const now = deps.clock();
    await startCall(deps.db, { callSid: s.call.CallSid, from: s.call.From, to: s.call.To, status: s.call.CallStatus }, { now });
    if (!deps.calendar.isWithinBusinessHours(now)) {
      return leaveVoicemail(s, 'after_hours', [prompts[s.lang].afterHours]);
    }
    // In business hours a person first, when there is a number to ring; the menu if nobody picks up.
    const staff = deps.env.STAFF_PHONE_NUMBER;
    if (staff) {
      return ringStaffFirst(s.response, s.lang, staff, url('dial-result', { lang: s.lang, then: 'menu' }));
    }
    menu(s.response, s.lang, url('menu', { lang: s.lang }), [prompts[s.lang].greeting]);
  });

  step('/twilio/voice/menu', async (s) => {
    const digit = s.call.Digits?.slice(0, 1);
    if (digit === '9' || digit === '8') {
      const lang = digit === '9' ? 'en' : 'zh';
      return menu(s.response, lang, url('menu', { lang }), [prompts[lang].greeting]);
    }
    if (digit === '0') return toPerson(s, 'caller chose a person at the menu');
    if (digit === '4') {
      say(gather(s.response, s.lang, url('ticket', { lang: s.lang }), { dtmfOnly: true, finishOnKey: '#' }), s.lang, prompts[s.lang].askTicketNumber);
      return;
    }
    if (digit === '1' || digit === '2' || digit === '3') {
      const choice = MENU[digit];
      return runTurn(s, 1, prompts[s.lang].menuChoiceText[choice], { dtmf: digit, menuChoice: choice });
    }
    const speech = heard(s.call);
    if (speech && !digit) return runTurn(s, 1, speech, { confidence: s.call.Confidence ?? null, input: 'speech' });
    await reprompt(s, (lead, attempt) => menu(s.response, s.lang, url('menu', { lang: s.lang, attempt }), lead));
  });

  step('/twilio/voice/ticket', async (s) => {
    const digits = (s.call.Digits ?? '').replace(/\D/g, '');
    const year = deps.calendar.localDate(deps.clock()).slice(0, 4);
    const number = digits.length === 10 ? `SR-${digits.slice(0, 4)}-${digits.slice(4)}` : digits.length === 6 ? `SR-${year}-${digits}` : null;
    if (number) {
      return runTurn(s, 1, `${prompts[s.lang].menuChoiceText.status} ${number}`, { dtmf: digits, menuChoice: 'status', ticketNumber: number });
    }
    await reprompt(s, (lead, attempt) => {
      const node = gather(s.response, s.lang, url('ticket', { lang: s.lang, attempt }), { dtmfOnly: true, finishOnKey: '#' });
      for (const line of [prompts[s.lang].badTicketNumber, ...lead.slice(1)]) say(node, s.lang, line);
      say(node, s.lang, prompts[s.lang].askTicketNumber);
    });
  });

  step('/twilio/voice/turn', async (s) => {
    const speech = heard(s.call);
    const digits = s.call.Digits?.replace(/[#*]/g, '');
    if (digits === '0' && !speech) return toPerson(s, 'caller pressed 0 during the dialog');
    if (speech || digits) return runTurn(s, s.query.n, speech ?? digits ?? '', speech ? { confidence: s.call.Confidence ?? null, input: 'speech' } : { dtmf: digits, input: 'dtmf' });
    if (s.query.closing) {
      say(s.response, s.lang, prompts[s.lang].goodbye);
      s.response.hangup();
      return;
    }
    const last = await deps.db.message.findFirst({
      where: { direction: 'outbound', conversation: { channel: 'voice', threadKey: s.call.CallSid } },
      orderBy: { seq: 'desc' },
    });
    await reprompt(s, (lead, attempt) => {
      const node = gather(s.response, s.lang, url('turn', { lang: s.lang, n: s.query.n, attempt }));
      for (const line of [...lead, ...(last ? [last.text] : [])]) say(node, s.lang, line);
    });
  });

  step('/twilio/voice/dial-result', async (s) => {
    const { DialCallStatus } = DialResultSchema.parse(s.params);
    if (DialCallStatus === 'completed' || DialCallStatus === 'answered') {
      // Answered at the first ring: a person took the call, so the log says so.
      const staff = deps.env.STAFF_PHONE_NUMBER;
      if (s.query.then === 'menu' && staff) await recordCallHandoff(deps.db, s.call.CallSid, { reason: 'answered before the menu', staffNumber: staff }, { now: deps.clock(), events: deps.events });
      s.response.hangup();
      return;
    }
    if (s.query.then === 'menu') {
      return menu(s.response, s.lang, url('menu', { lang: s.lang }), [prompts[s.lang].staffBusy]);
    }
    leaveVoicemail(s, 'no_answer', [prompts[s.lang].nobodyAvailable]);
  });

  step('/twilio/voice/voicemail', async (s) => {
    const recording = RecordingSchema.parse(s.params);
    const { ticket } = await recordVoicemail(
      deps.db,
      {
        callSid: s.call.CallSid,
        from: s.call.From,
        recordingUrl: recording.RecordingUrl,
        recordingSid: recording.RecordingSid,
        durationSec: recording.RecordingDuration,
        reason: s.query.reason,
        language: s.lang === 'en' ? 'en' : 'zh-Hant',
      },
      { now: deps.clock(), events: deps.events, policy: deps.policy, calendar: deps.calendar },
    );
    say(s.response, s.lang, prompts[s.lang].voicemailSaved(spokenTicketNumber(ticket.number), callbackHours));
    s.response.hangup();
  });

  server.post(
    '/twilio/voice/transcription',
    route(async (req, res) => {
      const t = TranscriptionSchema.parse(verifiedTwilioParams(req, deps.env));
      await recordTranscription(deps.db, { callSid: t.CallSid, text: t.TranscriptionText, status: t.TranscriptionStatus }, { now: deps.clock() });
      res.status(204);
      res.end();
    }),
  );

  server.post(
    '/twilio/voice/status',
    route(async (req, res) => {
      const status = CallStatusSchema.parse(verifiedTwilioParams(req, deps.env));
      await recordCallStatus(deps.db, { callSid: status.CallSid, status: status.CallStatus, durationSec: status.CallDuration }, { now: deps.clock() });
      res.status(204);
      res.end();
    }),
  );
}
