import { ActionTypes, ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import { turnInfo } from './turn-info.js';

export type SayOptions = {
  /** Answers the customer can pick; each adapter renders them (buttons, numbered list, DTMF menu). */
  choices?: readonly string[];
  /** A question: the voice channel keeps gathering speech after it. */
  expectInput?: boolean;
  /** Extra per-channel hints (e.g. `handoff: true`, `kbTopic`). */
  meta?: Record<string, unknown>;
};

/** A reply activity in the turn's language, channel-neutral. */
export function reply(context: TurnContext, text: string, options: SayOptions = {}): Partial<Activity> {
  const { language } = turnInfo(context);
  const activity: Partial<Activity> = {
    type: ActivityTypes.Message,
    text,
    locale: language,
    channelData: { ...(options.meta ?? {}), ...(options.expectInput ? { expectInput: true } : {}) },
  };
  if (options.choices && options.choices.length > 0) {
    activity.suggestedActions = { to: [], actions: options.choices.map((c) => ({ type: ActionTypes.ImBack, title: c, value: c })) };
  }
  return activity;
}

export async function say(context: TurnContext, text: string, options: SayOptions = {}): Promise<void> {
  await context.sendActivity(reply(context, text, options));
}

/** Sentences as one reply: spaced in English, run together in Chinese (full-width punctuation ends each). */
export function sentences(context: TurnContext, ...parts: string[]): string {
  return parts.filter(Boolean).join(turnInfo(context).language === 'en' ? ' ' : '');
}
