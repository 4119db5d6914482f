import type { Server } from 'restify';
import { z } from 'zod';
import { BotUnavailableError, type Turn, type TurnResult } from '../channel-adapter.js';
import type { Env } from '../../src/config/env.js';
import type { Db } from '../../src/db/db.js';
import type { EventBus } from '../../src/events/event-bus.js';
import { route } from '../../src/http/server.js';
import type { JobQueue } from '../../src/jobs/job-queue.js';
import type { Logger } from '../../src/logger.js';
import type { InboundMessage } from '../../src/messages/inbound-message.js';
import { sendTwiml } from '../twilio-shared/twiml-response.js';
import { verifiedTwilioParams } from '../twilio-shared/twilio-webhook.js';
import { recordSmsDeliveryStatus } from './sms-delivery-status.js';
import { answerSmsKeyword } from './sms-keyword-reply.js';
import { splitSms } from './sms-segments.js';
import { smsTextOf } from './sms-text.js';
import { InboundSmsSchema, mmsAttachments, SmsStatusSchema } from './sms-webhook-schema.js';

export type TwilioSmsDeps = {
  env: Env;
  db: Db;
  clock: () => Date;
  events: EventBus;
  jobs: Pick<JobQueue, 'send'>;
  logger: Logger;
  /** The dialog engine's turn; until it is set, messages other than STOP/START/HELP answer 503. */
  turn: () => Turn | undefined;
};

/** The TwiML answer: each reply split into SMS-sized `<Message>`s (see splitSms). */
export function smsTwiml(texts: readonly string[]): string {
  const parts = texts.flatMap((text) => splitSms(text));
  if (!parts.length) return `${XML_DECLARATION}<Response/>`;
  return `${XML_DECLARATION}<Response>${parts.map((part) => `<Message>${xmlText(part)}</Message>`).join('')}</Response>`;
}

/*
 * Written by hand, byte for byte what twilio's MessagingResponse (xmlbuilder) wrote: building it through
 * xmlbuilder was a twentieth of the webhook's CPU. Text that XML 1.0 cannot carry (most control characters,
 * lone surrogates, U+FFFE/U+FFFF) is refused as xmlbuilder refused it.
 */
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#xD;' };
// eslint-disable-next-line no-control-regex -- these are exactly the characters XML 1.0 forbids
const NOT_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function xmlText(text: string): string {
  const bad = NOT_IN_XML.exec(text);
  if (bad) throw new Error(`Invalid character in string: ${text} at index ${bad.index}`);
  return text.replace(/[&<>\r]/g, (ch) => XML_ESCAPES[ch]!);
}

/** POST /twilio/sms (incoming SMS/MMS) and POST /twilio/sms/status (delivery reports for what we sent). */
export function mountTwilioSms(server: Server, deps: TwilioSmsDeps): void {
  /**
   * How long the webhook waits for the dialog before answering with empty TwiML and sending the replies
   * through the REST API instead (outbox + `message.send`). Twilio gives up on a webhook after 15 s.
   */
  const budget = deps.env.TWILIO_SMS_REPLY_BUDGET_MS;

  server.post(
    '/twilio/sms',
    route(async (req, res) => {
      const params = verifiedTwilioParams(req, deps.env);
      const sms = InboundSmsSchema.parse(params);
      const message: InboundMessage = {
        channel: 'sms',
        externalId: sms.MessageSid,
        from: sms.From,
        conversationKey: sms.From,
        text: sms.Body,
        attachments: mmsAttachments(params, sms.NumMedia),
        receivedAt: deps.clock(),
        meta: { to: sms.To, messagingServiceSid: sms.MessagingServiceSid ?? null, numMedia: sms.NumMedia },
        raw: params,
      };

      const keyword = await answerSmsKeyword(deps.db, message, { now: deps.clock(), events: deps.events });
      if (keyword) {
        sendTwiml(res, smsTwiml(keyword.replies));
        return;
      }

      const run = deps.turn();
      if (!run) throw new BotUnavailableError();
      const result = await answerWithinBudget(run, message, budget);
      // MMS photos are linked to the conversation's ticket by the turn itself (src/bot/turn-sql.ts, finishTurn).
      if (result.deferred) req.logger.warn({ messageSid: sms.MessageSid, budgetMs: budget }, 'dialog slower than the webhook budget; the message is stored and the reply goes out through the outbox');
      sendTwiml(res, smsTwiml(result.replies.filter((r) => r.channel === 'sms').map(smsTextOf)));
    }),
  );

  server.post(
    '/twilio/sms/status',
    route(async (req, res) => {
      const params = verifiedTwilioParams(req, deps.env);
      const status = SmsStatusSchema.parse(params);
      const outboundId = z.uuid().optional().parse(req.query?.outboundId);
      const update = await recordSmsDeliveryStatus(deps.db, { ...status, outboundId }, deps.clock());
      if (!update.outboundId) req.logger.info({ messageSid: status.MessageSid }, 'status for a message we did not queue (a TwiML reply); ignored');
      res.status(204);
      res.end();
    }),
  );
}

/**
 * Store first, then think: the turn commits the message before the dialog runs, and only then does the
 * budget start. A dialog that takes longer comes back `deferred` (empty TwiML now; the turn finishes
 * later, from the queue or the sweeper should this process die, and its replies go out through the outbox).
 */
function answerWithinBudget(run: Turn, message: InboundMessage, budgetMs: number): Promise<TurnResult> {
  return run(message, { replyWithinMs: budgetMs });
}
