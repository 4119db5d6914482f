import type { Server } from 'restify';
import twilio from 'twilio';
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
import { linkMediaToTicket } from './sms-media-link.js';
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
export function smsTwiml(texts: readonly string[]): twilio.twiml.MessagingResponse {
  const response = new twilio.twiml.MessagingResponse();
  for (const text of texts) for (const part of splitSms(text)) response.message(part);
  return response;
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
      if (result.deferred) req.logger.warn({ messageSid: sms.MessageSid, budgetMs: budget }, 'dialog slower than the webhook budget; the message is stored and the reply goes out through the outbox');
      // Photos sent during a slow turn are linked by the next one (linkMediaToTicket looks back a day).
      else if (!result.duplicate) await linkMediaToTicket(deps.db, message.from);
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
