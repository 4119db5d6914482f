import { conversationalAct } from '../../src/understanding/conversational-act.js';
import type { ChannelKind } from '../../src/messages/channel-kind.js';
import type { KnowledgeBase, KnowledgeTopic } from './knowledge-base.js';

/**
 * A message often says several things: "my fridge stopped cooling yesterday. how much will a repair visit cost btw?"
 * reports a fault and asks a question. This file cuts a message into clauses and finds the ones that ask
 * something the knowledge base answers, so each can be answered while the rest is handled as it should be.
 */

/** Words a customer puts before the real question ("wait", "btw", "等一下"): they carry nothing to answer. */
const LEAD = /^(?:(?:ok(?:ay)?|oh|ah|um+|hmm+|wait|hold on|one (?:sec|second|moment)|sorry|also|and|so|btw|by the way|actually|just|hi|hey|hello|quick question|one more (?:thing|question)|lol)[,.!:;\s-]+)+/i;
const FILLER =
  /^(?:ok(?:ay)?|oh|ah|um+|hmm+|wait|hold on|one (?:sec|second|moment)|sorry|also|and|so|btw|by the way|actually|hi|hey|hello|quick question|one more (?:thing|question)|等一下|等等|等陣|對了|对了|另外|還有|还有|順便|顺便|順便問一下|顺便问一下|順便問下|顺便问下|請問|请问|想問一下|想问一下|想問|想问|問一下|问一下|問下|问下|咦|啊|喔|哦|嗯|哈囉|哈啰|你好|您好|不好意思|唔該|唔该)\s*[,.!:;，。！：～~]*$/i;

const EN_QUESTION =
  /^(?:how|where|what|whats|when|which|who|why|can|could|do|does|did|is|are|will|would|should|may|tell me|let me know|i(?:'d| would) like to know|i want to know|i need to know|i(?:'m| am) wondering|wondering|do you know|any idea)\b/i;
const ZH_QUESTION =
  /[嗎吗呢咩未沒没]\s*[。.!！~～]*\s*$|多少|幾多|几多|幾點|几点|幾時|几时|多久|多長|多长|哪|邊度|边度|邊間|边间|什麼時候|什么时候|怎麼|怎么|如何|點樣|点样|點去|点去|有沒有|有没有|有冇|能不能|可不可以|可唔可以|是否|係咪|系咪|請問|请问|想問|想问|問一下|问一下/;

/** A clause that asks: a question mark, a closing 嗎/呢, a question word, or "tell me …". */
export function asks(clause: string): boolean {
  const c = clause.trim().replace(LEAD, '');
  return /[?？]/.test(c) || EN_QUESTION.test(c) || ZH_QUESTION.test(c);
}

/** "wait", "順便問一下", "thanks": a clause with nothing to answer or act on. */
export function isFiller(clause: string): boolean {
  const c = clause.trim();
  return c === '' || FILLER.test(c) || conversationalAct(c) !== null;
}

/** At most this many clauses are looked at: a long mail is not a list of questions. */
const MAX_CLAUSES = 12;

/**
 * Sentences, then comma-separated phrases, and "… and how much is …" in English; Chinese phrases are often
 * separated by spaces only ("洗碗機不會排水 型號DW-45 我是李大華"), so spaces split Chinese text too.
 */
export function clausesOf(text: string): string[] {
  const sentences = text.split(/(?<=[?？!！。;；\n])|(?<=\.)\s+|[,，、]\s*/);
  const clauses = sentences.flatMap((s) =>
    s
      .split(/\s+(?:and|also|plus|btw|by the way)\s+(?=(?:how|what|whats|where|when|which|who|why|do|does|is|are|can|could|will|would|should)\b)/i)
      .flatMap((part) => (/[\u3400-\u9fff]/.test(part) ? part.split(/\s+|(?=順便|顺便|另外|對了|对了|請問|请问|想問|想问)/) : [part])),
  );
  return clauses.map((c) => c.trim()).filter(Boolean).slice(0, MAX_CLAUSES);
}

/** How many knowledge-base answers one reply may carry: a phone screen or a spoken answer holds fewer. */
export function answerLimit(channel: ChannelKind): number {
  return channel === 'sms' || channel === 'voice' ? 2 : 3;
}

/**
 * The topics a message asks about, in the order asked, each once. `questionsOnly`: only clauses that ask
 * count, so "Address: 3F, 45 Heping W Rd" inside a fault report is not a question about our address.
 * Otherwise every clause counts, and the whole message is the fallback ("I need the manual for RF-450").
 */
export function topicsAsked(text: string, kb: KnowledgeBase, options: { questionsOnly?: boolean } = {}): KnowledgeTopic[] {
  const topics: KnowledgeTopic[] = [];
  for (const clause of clausesOf(text)) {
    if (options.questionsOnly && !asks(clause)) continue;
    const topic = kb.match(clause);
    if (topic && !topics.includes(topic)) topics.push(topic);
  }
  if (topics.length === 0 && !options.questionsOnly) {
    const whole = kb.match(text);
    if (whole) topics.push(whole);
  }
  return topics;
}

/**
 * A message that only asks ("wait, what's the warranty period?", "等一下，你们周末上班吗？"): every clause asks or
 * is filler, and the knowledge base answers at least one. Said in the middle of a report, it is answered and
 * the open question asked again; anything with more in it is left to the question that was asked.
 */
export function onlyAsks(text: string, kb: KnowledgeBase): KnowledgeTopic[] {
  const clauses = clausesOf(text);
  if (!clauses.some(asks) || !clauses.every((c) => asks(c) || isFiller(c))) return [];
  return topicsAsked(text, kb, { questionsOnly: true });
}
