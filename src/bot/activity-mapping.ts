import { ActionTypes, ActivityTypes, type Activity, type ConversationReference } from 'botbuilder';
import { isLanguage, type ChannelKind, type Language } from '../messages/channel-kind.js';
import type { InboundMessage } from '../messages/inbound-message.js';
import { OutboundMessage } from '../messages/outbound-message.js';

/** Where a turn happens, in botbuilder's terms: our conversation row is the conversation, our customer the user. */
export type TurnAddress = { channel: ChannelKind; conversationId: string; customerId: string; to: string; conversationKey: string };

export function conversationReference(address: TurnAddress): Partial<ConversationReference> {
  return {
    channelId: address.channel,
    serviceUrl: 'aftercare://local',
    conversation: { id: address.conversationId, isGroup: false, conversationType: 'personal', name: address.conversationKey },
    user: { id: address.customerId, name: address.to },
    bot: { id: 'aftercare', name: 'aftercare' },
  };
}

/** An inbound message as the message activity the bot sees. */
export function toActivity(message: InboundMessage, address: TurnAddress, locale: Language): Partial<Activity> {
  return {
    type: ActivityTypes.Message,
    id: message.externalId,
    channelId: address.channel,
    serviceUrl: 'aftercare://local',
    timestamp: message.receivedAt,
    from: { id: address.customerId, name: message.fromName ?? message.from },
    recipient: { id: 'aftercare', name: 'aftercare' },
    conversation: { id: address.conversationId, isGroup: false, conversationType: 'personal', name: address.conversationKey },
    text: message.text,
    locale,
    channelData: { subject: message.subject, meta: message.meta, attachments: message.attachments.length },
  };
}

/**
 * A reply activity as the channel-neutral message: suggested actions become `choices`, `channelData`
 * becomes `meta` (e.g. `expectInput` for voice), the locale the language.
 */
export function toOutboundMessage(activity: Partial<Activity>, address: TurnAddress, purpose = 'reply'): OutboundMessage {
  const choices = (activity.suggestedActions?.actions ?? [])
    .filter((a) => a.type === ActionTypes.ImBack || a.type === ActionTypes.PostBack || a.type === ActionTypes.MessageBack)
    .map((a) => a.title ?? String(a.value));
  const meta = (activity.channelData ?? {}) as Record<string, unknown>;
  const language = isLanguage(activity.locale) ? activity.locale : undefined;
  return OutboundMessage.parse({
    channel: address.channel,
    to: address.to,
    conversationKey: address.conversationKey,
    text: activity.text ?? '',
    choices: choices.length > 0 ? choices : undefined,
    language,
    purpose,
    meta,
  });
}

/** A stored reply (Message row) back as an outbound message, for a retried webhook. */
export function storedReply(row: { text: string; raw: unknown }, address: Omit<TurnAddress, 'conversationId' | 'customerId'>, language?: Language): OutboundMessage {
  const raw = (row.raw ?? {}) as { choices?: string[]; meta?: Record<string, unknown> };
  return OutboundMessage.parse({
    channel: address.channel,
    to: address.to,
    conversationKey: address.conversationKey,
    text: row.text,
    choices: raw.choices && raw.choices.length > 0 ? raw.choices : undefined,
    language,
    meta: raw.meta ?? {},
  });
}
