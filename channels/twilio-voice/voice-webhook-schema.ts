import { z } from 'zod';
import { twilioSid } from '../twilio-shared/twilio-webhook.js';

/** Fields common to every voice webhook. `From` may be "anonymous" or a client id, so it is not forced to E.164 here. */
export const VoiceRequestSchema = z.object({
  CallSid: twilioSid(['CA']),
  From: z.string({ error: 'required' }).trim().min(1, { error: 'required' }).max(64),
  To: z.string().trim().max(64).optional(),
  CallStatus: z.string().max(30).default('in-progress'),
  Digits: z.string().regex(/^[0-9*#]{0,32}$/, { error: 'expected keypad digits' }).optional(),
  SpeechResult: z.string().max(2000).optional(),
  Confidence: z.coerce.number().min(0).max(1).optional(),
});
export type VoiceRequest = z.infer<typeof VoiceRequestSchema>;

/** Our own state carried in the action URLs Twilio calls next (signed along with the URL). */
export const VoiceStepQuery = z.object({
  lang: z.enum(['zh', 'en']).optional(),
  attempt: z.coerce.number().int().min(1).max(10).default(1),
  n: z.coerce.number().int().min(1).max(500).default(1),
  reason: z.enum(['after_hours', 'no_answer', 'no_staff']).default('after_hours'),
  /** The bot's last turn did not ask anything: silence now ends the call instead of re-prompting. */
  closing: z.enum(['1']).optional(),
  /** The staff phone rang before the menu: an unanswered ring leads to the menu, not voicemail. */
  then: z.enum(['menu']).optional(),
});
export type VoiceStepQuery = z.infer<typeof VoiceStepQuery>;

export const RecordingSchema = z.object({
  RecordingUrl: z.url({ protocol: /^https?$/ }).optional(),
  RecordingSid: twilioSid(['RE']).optional(),
  RecordingDuration: z.coerce.number().int().min(0).optional(),
});

export const TranscriptionSchema = z.object({
  CallSid: twilioSid(['CA']),
  TranscriptionText: z.string().max(20_000).default(''),
  TranscriptionStatus: z.string().max(30).default('completed'),
});

export const CallStatusSchema = z.object({
  CallSid: twilioSid(['CA']),
  CallStatus: z.string().min(1).max(30),
  CallDuration: z.coerce.number().int().min(0).optional(),
});

export const DialResultSchema = z.object({
  DialCallStatus: z.string().max(30).default('no-answer'),
});

/** The automated check-in call's state in the URLs Twilio calls (signed along with the URL). */
export const CheckInQuery = z.object({
  followUp: z.uuid({ error: 'expected the follow-up id' }),
  lang: z.enum(['zh', 'en']).default('zh'),
  attempt: z.coerce.number().int().min(1).max(10).default(1),
});
export type CheckInQuery = z.infer<typeof CheckInQuery>;
