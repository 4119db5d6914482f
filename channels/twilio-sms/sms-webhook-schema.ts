import { z } from 'zod';
import { TwilioPhone, twilioSid, type TwilioParams } from '../twilio-shared/twilio-webhook.js';

/** Twilio never posts more: inbound concatenated SMS stop at 1600 characters, MMS at 10 media. */
export const MAX_SMS_BODY = 1600;
export const MAX_MMS_MEDIA = 10;

export const InboundSmsSchema = z
  .object({
    MessageSid: twilioSid(['SM', 'MM']),
    AccountSid: twilioSid(['AC']).optional(),
    /** Set when the number belongs to a Messaging Service pool; `To` is then any number of the pool. */
    MessagingServiceSid: twilioSid(['MG']).optional(),
    From: TwilioPhone,
    To: TwilioPhone,
    Body: z.string().max(MAX_SMS_BODY, { error: `longer than the ${MAX_SMS_BODY} characters Twilio delivers` }).default(''),
    NumMedia: z.coerce.number().int().min(0).max(MAX_MMS_MEDIA).default(0),
  })
  .refine((m) => m.Body.trim() !== '' || m.NumMedia > 0, { path: ['Body'], error: 'empty message: no text and no media' });
export type InboundSms = z.infer<typeof InboundSmsSchema>;

const MediaSchema = z.object({ url: z.url({ protocol: /^https?$/, error: 'expected an http(s) media URL' }), contentType: z.string().max(200).optional() });

/** `MediaUrl0`…`MediaUrlN-1` with their content types, as attachment references (the bytes stay at Twilio). */
export function mmsAttachments(params: TwilioParams, count: number) {
  const fileExt = (type?: string) => type?.split('/')[1]?.split(/[;+]/)[0] ?? 'bin';
  return Array.from({ length: count }, (_, i) => {
    const media = MediaSchema.parse({ url: params[`MediaUrl${i}`], contentType: params[`MediaContentType${i}`] || undefined });
    return { url: media.url, contentType: media.contentType, filename: `mms-${i + 1}.${fileExt(media.contentType)}`, size: 0 };
  });
}

/** Twilio's message states, in the order they can happen; the last four are final. */
export const TwilioMessageStatus = z.enum([
  'accepted',
  'scheduled',
  'queued',
  'sending',
  'sent',
  'receiving',
  'received',
  'delivered',
  'read',
  'undelivered',
  'failed',
  'canceled',
  'partially_delivered',
]);
export type TwilioMessageStatus = z.infer<typeof TwilioMessageStatus>;

export const SmsStatusSchema = z.object({
  MessageSid: twilioSid(['SM', 'MM']),
  MessageStatus: TwilioMessageStatus,
  ErrorCode: z.string().max(20).optional(),
  ErrorMessage: z.string().max(500).optional(),
});
export type SmsStatus = z.infer<typeof SmsStatusSchema>;
