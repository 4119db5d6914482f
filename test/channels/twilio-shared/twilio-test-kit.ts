import { randomBytes } from 'node:crypto';
import twilio from 'twilio';
import type { Turn } from '../../../channels/channel-adapter.js';
import type { TwilioSmsAdapter } from '../../../channels/twilio-sms/twilio-sms-adapter.js';
import type { TwilioVoiceLine } from '../../../channels/twilio-voice/twilio-voice-line.js';
import { findOrOpenConversation } from '../../../src/conversations/conversation-service.js';
import { recordInbound, recordOutbound, repliesTo } from '../../../src/conversations/message-service.js';
import { contactKindOf, identifyCustomer } from '../../../src/customers/customer-service.js';
import type { Db } from '../../../src/db/db.js';
import type { InboundMessage } from '../../../src/messages/inbound-message.js';
import { OutboundMessage, type OutboundMessageInput } from '../../../src/messages/outbound-message.js';
import type { TestApp } from '../../support/test-app.js';

export const AUTH_TOKEN = 'f3c1d2e4a5b6978812345678abcdef01';
export const ACCOUNT_SID = `AC${'1'.repeat(32)}`;
/** The public URL Twilio is configured with; the test posts to 127.0.0.1 as a reverse proxy would. */
export const PUBLIC_BASE_URL = 'https://support.example.test';
export const twilioEnv = { TWILIO_AUTH_TOKEN: AUTH_TOKEN, PUBLIC_BASE_URL };

export const sid = (prefix: string) => `${prefix}${randomBytes(16).toString('hex')}`;

let phoneCounter = 0;
/** A fresh Taiwanese mobile number per call. */
export function aPhone(): string {
  phoneCounter += 1;
  return `+8869${String(20_000_000 + process.pid * 101 + phoneCounter * 7919 + Math.floor(Math.random() * 500)).slice(-8)}`;
}

export type PostOptions = {
  /** The URL to sign; defaults to PUBLIC_BASE_URL + path. */
  signedUrl?: string;
  token?: string;
  /** Overrides the computed signature; null sends none. */
  signature?: string | null;
  headers?: Record<string, string>;
};

/** POSTs a form like Twilio does, signed with twilio's own helper. */
export async function postTwilio(baseUrl: string, path: string, params: Record<string, string>, options: PostOptions = {}) {
  const signedUrl = options.signedUrl ?? `${PUBLIC_BASE_URL}${path}`;
  const signature = options.signature === undefined ? twilio.getExpectedTwilioSignature(options.token ?? AUTH_TOKEN, signedUrl, params) : options.signature;
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(signature !== null ? { 'x-twilio-signature': signature } : {}),
      ...options.headers,
    },
    body: new URLSearchParams(params).toString(),
  });
  return { status: response.status, body: await response.text(), contentType: response.headers.get('content-type') };
}

/** Texts of the `<Message>`s (or `<Say>`s) in a TwiML answer. */
export function twimlTexts(xml: string, tag: 'Message' | 'Say'): string[] {
  const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  return [...xml.matchAll(new RegExp(`<${tag}[^>]*>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => decode(m[1] ?? ''));
}

/** An SMS webhook body as Twilio sends it. */
export function smsParams(from: string, body: string, extra: Record<string, string> = {}): Record<string, string> & { MessageSid: string; From: string } {
  return { MessageSid: sid('SM'), AccountSid: ACCOUNT_SID, From: from, To: '+886277001234', Body: body, NumMedia: '0', ...extra };
}

/** A voice webhook body as Twilio sends it during a call. */
export function callParams(callSid: string, from: string, extra: Record<string, string> = {}): Record<string, string> {
  return { CallSid: callSid, AccountSid: ACCOUNT_SID, From: from, To: '+886277001234', CallStatus: 'in-progress', ...extra };
}

/**
 * A dialog stand-in with the real turn's contract (idempotent on channel + externalId, replies stored with
 * the inbound message), answering from a script: for the route tests before the dialog engine is involved.
 */
export function scriptedTurn(db: Db, answer: (message: InboundMessage) => OutboundMessageInput[]): Turn & { seen: InboundMessage[] } {
  const seen: InboundMessage[] = [];
  const turn = async (message: InboundMessage) => {
    const { customer } = await identifyCustomer(db, { kind: contactKindOf[message.channel], address: message.from });
    const conversation = await findOrOpenConversation(db, { channel: message.channel, threadKey: message.conversationKey, customerId: customer.id });
    const recorded = await recordInbound(db, { message, conversationId: conversation.id, customerId: customer.id });
    if (recorded.duplicate) {
      const stored = await repliesTo(db, recorded.message.id);
      return { duplicate: true, replies: stored.map((m) => OutboundMessage.parse({ channel: m.channel, to: message.from, text: m.text })) };
    }
    seen.push(message);
    const replies = answer(message).map((r) => OutboundMessage.parse(r));
    for (const reply of replies) {
      await recordOutbound(db, { reply, conversationId: conversation.id, customerId: customer.id, inReplyToId: recorded.message.id, author: 'bot', at: message.receivedAt });
    }
    // Marked processed as the real turn does, so the sweeper leaves it alone.
    await db.message.update({ where: { id: recorded.message.id }, data: { processedAt: message.receivedAt } });
    return { duplicate: false, replies };
  };
  return Object.assign(turn, { seen });
}

export const smsAdapterOf = (t: TestApp) => t.app.channels.get('sms') as TwilioSmsAdapter;
export const voiceLineOf = (t: TestApp) => t.app.channels.get('voice') as TwilioVoiceLine;
