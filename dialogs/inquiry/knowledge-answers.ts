import type { Activity, TurnContext } from 'botbuilder';
import type { ChannelKind, Language } from '../../src/messages/channel-kind.js';
import { reply } from '../shared/say.js';
import { turnInfo } from '../shared/turn-info.js';
import type { KnowledgeBase, KnowledgeTopic } from './knowledge-base.js';
import { answerLimit } from './questions.js';

const moreThanAnswered: Record<Language, string> = {
  en: 'You asked a few more things: please send them again one at a time and I will answer each.',
  'zh-Hant': '您還問了其他問題，請再逐一傳給我，我會一一回答。',
  'zh-Hans': '您还问了其他问题，请再逐一发给我，我会一一回答。',
};

/**
 * One reply per answered topic, each logged with its topic (`meta.kbTopic`), so reports count every question
 * answered. At most `answerLimit(channel)`; when more were asked the customer is told so rather than left guessing.
 * `closing` (e.g. "anything else?") is added to the last answer.
 */
export function knowledgeReplies(
  topics: readonly KnowledgeTopic[],
  kb: KnowledgeBase,
  language: Language,
  channel: ChannelKind,
  toActivity: (text: string, meta: Record<string, unknown>) => Partial<Activity>,
  closing?: string,
): Partial<Activity>[] {
  const limit = answerLimit(channel);
  const shown = topics.slice(0, limit);
  const join = (...parts: string[]) => parts.filter(Boolean).join(language === 'en' ? ' ' : '');
  return shown.map((topic, i) => {
    const last = i === shown.length - 1;
    const text = join(kb.answer(topic, language), last && topics.length > limit ? moreThanAnswered[language] : '', last && closing ? closing : '');
    return toActivity(text, { kbTopic: topic.id, answeredBy: 'knowledge-base' });
  });
}

/** Says the answers of `topics` in this turn's language (see knowledgeReplies). */
export async function sayKnowledgeAnswers(context: TurnContext, topics: readonly KnowledgeTopic[], kb: KnowledgeBase, closing?: string): Promise<void> {
  const { language, channel } = turnInfo(context);
  const activities = knowledgeReplies(topics, kb, language, channel, (text, meta) => reply(context, text, { meta, expectInput: true }), closing);
  if (activities.length > 0) await context.sendActivities(activities);
}
