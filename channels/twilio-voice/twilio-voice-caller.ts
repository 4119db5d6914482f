import type { Env } from '../../src/config/env.js';
import type { CheckInCaller } from '../../src/follow-ups/check-in-call.js';
import { TwilioApiError, twilioRefusal } from '../twilio-shared/twilio-api-error.js';
import { createTwilioClient } from '../twilio-shared/twilio-client.js';
import { voiceUrl } from './voice-twiml.js';

/** Twilio refused the call or could not be reached. */
export class TwilioCallError extends TwilioApiError {
  readonly code = 'voice.call_failed';
}

type CallerEnv = Pick<Env, 'TWILIO_ACCOUNT_SID' | 'TWILIO_AUTH_TOKEN' | 'TWILIO_FROM_NUMBER' | 'TWILIO_VOICE_FROM_NUMBER' | 'TWILIO_API_BASE_URL' | 'PUBLIC_BASE_URL'>;

/** Seconds the customer's phone rings before Twilio gives up (about six rings). */
const RING_SECONDS = 30;

/**
 * Automated check-in calls through Twilio's REST API (Calls create): Twilio rings the customer and, once
 * they pick up, fetches the menu from our /twilio/voice/check-in route; the end of the call is reported to
 * /twilio/voice/check-in/status. Undefined (staff make the call) unless the account, a caller ID and the
 * public URL Twilio can reach us on are configured.
 */
export function createCheckInCaller(env: CallerEnv): CheckInCaller | undefined {
  const from = env.TWILIO_VOICE_FROM_NUMBER ?? env.TWILIO_FROM_NUMBER;
  if (!env.TWILIO_ACCOUNT_SID || !env.TWILIO_AUTH_TOKEN || !from || !env.PUBLIC_BASE_URL) return undefined;
  const client = createTwilioClient({ accountSid: env.TWILIO_ACCOUNT_SID, authToken: env.TWILIO_AUTH_TOKEN, apiBaseUrl: env.TWILIO_API_BASE_URL });
  const base = env.PUBLIC_BASE_URL;
  return {
    async placeCall({ followUpId, to, language }) {
      const lang = language === 'en' ? 'en' : 'zh';
      try {
        const call = await client.calls.create({
          to,
          from,
          url: voiceUrl(base, 'check-in', { followUp: followUpId, lang }),
          method: 'POST',
          statusCallback: voiceUrl(base, 'check-in/status', { followUp: followUpId }),
          statusCallbackMethod: 'POST',
          statusCallbackEvent: ['completed'],
          timeout: RING_SECONDS,
        });
        return { callSid: call.sid };
      } catch (err) {
        throw new TwilioCallError(...twilioRefusal('the call', err));
      }
    },
  };
}
