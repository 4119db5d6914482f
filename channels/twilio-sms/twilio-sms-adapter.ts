import type { Server } from 'restify';
import type twilio from 'twilio';
import type { ChannelAdapter, Turn } from '../channel-adapter.js';
import type { Env } from '../../src/config/env.js';
import type { Db } from '../../src/db/db.js';
import { AppError } from '../../src/errors/app-error.js';
import { findCustomerByContact } from '../../src/customers/customer-service.js';
import { maySendSms } from '../../src/customers/opt-out-service.js';
import type { Logger } from '../../src/logger.js';
import type { OutboundMessage } from '../../src/messages/outbound-message.js';
import { MAX_SMS_BODY } from './sms-webhook-schema.js';
import { splitSms, smsSegmentCount } from './sms-segments.js';
import { smsTextOf } from './sms-text.js';
import { mountTwilioSms, type TwilioSmsDeps } from './twilio-sms-routes.js';
import { TwilioApiError, twilioRefusal } from '../twilio-shared/twilio-api-error.js';

/** The customer said STOP (or no surveys): a proactive message to them is refused, not retried. */
export class RecipientOptedOutError extends AppError {
  readonly code = 'sms.opted_out';
}

/** Twilio refused the message or could not be reached. */
export class TwilioSendError extends TwilioApiError {
  readonly code = 'sms.send_failed';
}

type SmsEnv = Pick<Env, 'TWILIO_ACCOUNT_SID' | 'TWILIO_AUTH_TOKEN' | 'TWILIO_FROM_NUMBER' | 'TWILIO_MESSAGING_SERVICE_SID' | 'TWILIO_API_BASE_URL' | 'PUBLIC_BASE_URL'>;

/**
 * Proactive and deferred SMS through Twilio's REST API, used by the `message.send` job. Configured when the
 * account SID, auth token and a sender (number or Messaging Service) are set; otherwise rows stay in the outbox.
 *
 * One outbound row is one Twilio message while it fits Twilio's 1600 characters (Twilio concatenates the
 * segments), so its delivery status maps onto the row exactly; only longer texts are split, at sentence ends.
 * The opt-out check lives here, at the last step before the carrier: whatever queued the message (survey,
 * follow-up, staff reply), a number that said STOP gets no proactive SMS and no survey.
 */
export class TwilioSmsAdapter implements ChannelAdapter {
  readonly kind = 'sms' as const;
  readonly configured: boolean;
  private client: twilio.Twilio | undefined;
  private turn: Turn | undefined;

  constructor(private readonly deps: { env: SmsEnv; db: Db; logger: Logger }) {
    const { env } = deps;
    this.configured = Boolean(env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN && (env.TWILIO_FROM_NUMBER || env.TWILIO_MESSAGING_SERVICE_SID));
  }

  /** The dialog engine's turn; until it is set, incoming SMS other than STOP/START/HELP answer 503. */
  useTurn(turn: Turn): void {
    this.turn = turn;
  }

  /** POST /twilio/sms and /twilio/sms/status (the webhooks need the full env: auth token, public URL). */
  mount(server: Server, deps: Omit<TwilioSmsDeps, 'turn' | 'db' | 'logger'>): void {
    mountTwilioSms(server, { ...deps, db: this.deps.db, logger: this.deps.logger, turn: () => this.turn });
  }

  private async twilioClient(): Promise<twilio.Twilio> {
    const { env } = this.deps;
    if (!this.configured || !env.TWILIO_ACCOUNT_SID || !env.TWILIO_AUTH_TOKEN) throw new TwilioSendError('Twilio SMS is not configured', undefined, undefined);
    // Loaded on the first send: twilio's REST client (and its HTTP stack) is 13 MB an instance that only answers webhooks never needs.
    const { createTwilioClient } = await import('../twilio-shared/twilio-client.js');
    this.client ??= createTwilioClient({ accountSid: env.TWILIO_ACCOUNT_SID, authToken: env.TWILIO_AUTH_TOKEN, apiBaseUrl: env.TWILIO_API_BASE_URL });
    return this.client;
  }

  async send(message: OutboundMessage): Promise<{ providerMessageId: string }> {
    const client = await this.twilioClient();
    const customer = await findCustomerByContact(this.deps.db, 'phone', message.to);
    if (customer && !maySendSms(customer, message.purpose)) {
      throw new RecipientOptedOutError(`Not sent: ${message.to} opted out of ${customer.optOutSms ? 'SMS' : 'surveys'} (purpose ${message.purpose})`);
    }
    const text = smsTextOf(message);
    const parts = text.length <= MAX_SMS_BODY ? [text] : splitSms(text, Math.floor(MAX_SMS_BODY / 153));
    const outboundId = typeof message.meta.outboundId === 'string' ? message.meta.outboundId : undefined;
    const { env } = this.deps;
    const statusCallback = env.PUBLIC_BASE_URL
      ? `${env.PUBLIC_BASE_URL.replace(/\/+$/, '')}/twilio/sms/status${outboundId ? `?outboundId=${encodeURIComponent(outboundId)}` : ''}`
      : undefined;
    const sids: string[] = [];
    for (const body of parts) {
      try {
        const sent = await client.messages.create({
          to: message.to,
          body,
          ...(env.TWILIO_MESSAGING_SERVICE_SID ? { messagingServiceSid: env.TWILIO_MESSAGING_SERVICE_SID } : { from: env.TWILIO_FROM_NUMBER }),
          ...(statusCallback ? { statusCallback } : {}),
        });
        sids.push(sent.sid);
      } catch (err) {
        throw new TwilioSendError(...twilioRefusal('the message', err));
      }
    }
    this.deps.logger.info({ to: message.to, sids, segments: smsSegmentCount(text), purpose: message.purpose }, 'SMS sent through Twilio');
    return { providerMessageId: sids[0]! };
  }
}
