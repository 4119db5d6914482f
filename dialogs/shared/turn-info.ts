import type { TurnContext } from 'botbuilder';
import type { ChannelKind, Language } from '../../src/messages/channel-kind.js';
import type { Understanding } from '../../src/understanding/understanding-schema.js';

/** What the turn pipeline knows before any dialog runs; understanding runs once and rides here. */
export type TurnInfo = {
  now: Date;
  /** The business time zone: dates the customer gives and times we promise are read in it. */
  timeZone: string;
  language: Language;
  channel: ChannelKind;
  /** Understanding of this message; absent on proactive turns. */
  understanding?: Understanding;
  customer: { id: string; name: string | null; company: string | null; phone: string | null; email: string | null };
  conversation: { id: string; ticketId: string | null };
  /** The stored inbound message of this turn; absent on proactive turns. */
  inboundMessageId?: string;
  /** An earlier ticket this message refers to without belonging to it (the channel decided, e.g. e-mail threading). */
  linkedTicketId?: string;
  /** Whether visit times or a quote wait for the customer's answer; undefined: not known, ask the services. */
  awaitsVisitAnswer?: boolean;
};

const KEY = Symbol('aftercareTurnInfo');

export function setTurnInfo(context: TurnContext, info: TurnInfo): void {
  context.turnState.set(KEY, info);
}

export function turnInfo(context: TurnContext): TurnInfo {
  const info = context.turnState.get(KEY) as TurnInfo | undefined;
  if (!info) throw new Error('turnInfo: the turn pipeline did not set the turn information');
  return info;
}

/**
 * Whether this turn's channel proves who the customer is. A phone that texts or calls, or an address that
 * e-mails, is that customer; a web-chat visitor is whoever they say they are. An address typed in a chat still
 * joins the records (one customer on every channel, see recordContact in src/customers), but does not prove
 * the visitor owns them: for a chat visitor the bot shows and reuses only what this conversation holds.
 */
export function channelProvesIdentity(info: TurnInfo): boolean {
  return info.channel !== 'chat';
}
