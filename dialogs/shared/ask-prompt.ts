import { TextPrompt, type DialogContext, type DialogTurnResult, type PromptValidatorContext } from 'botbuilder-dialogs';
import { conversationalAct } from '../../src/understanding/conversational-act.js';
import { isPlausibleName, isSkip, parseChoice, parseContact, parseEmail, parsePartialDate, parsePhone, parseRating, parseTicketReference, yesNo } from './answers.js';
import type { Language } from '../../src/messages/channel-kind.js';
import type { ConversationalAct } from '../../src/understanding/understanding-schema.js';
import { correctionOf } from './corrections.js';
import { wayGiven } from './gives-way.js';
import { reply } from './say.js';
import { addressInAnswer, detailsForOtherFields, nameInAnswer, statedName, type OtherField } from './stated-details.js';
import { turnInfo } from './turn-info.js';

export const ASK_PROMPT = 'ask';

/** What kind of answer a question wants; stored with the prompt, so plain data only. */
export type AnswerSpec = {
  kind: 'text' | 'name' | 'phone' | 'email' | 'contact' | 'date' | 'rating' | 'yesno' | 'choice' | 'ticket';
  optional?: boolean;
  /** For `choice`: each value with the words that pick it. */
  choices?: { value: string; labels: string[] }[];
  /** Failed answers before giving up (the step then decides: hand off, or move on). */
  maxAttempts: number;
  /** For dates: a purchase date lies behind us (the default), a visit time ahead. */
  when?: 'past' | 'future';
  /** For phone numbers: what else the customer wrote (an address, the first message) tells the country. */
  context?: string;
  /** A correction of an earlier answer ("sorry, the number is …") is let through to the step, which applies it. */
  corrections?: boolean;
  /** Empty questions of the same form: an answer that fills one of them instead (an address at the date question) is let through to the step, which keeps it and asks again. */
  elsewhere?: OtherField[];
  /** "I don't know" skips the question at once; a new request instead of the answer ends it as `request` (gives-way.ts). */
  givesWay?: boolean;
};

export type Answer = { status: 'ok'; value: unknown } | { status: 'skipped' } | { status: 'invalid' };
/** For a question that gives way (`givesWay`): `request` is a new request sent instead of the answer. */
export type AnswerOrRequest = Answer | { status: 'request' };

/** Conversational acts that are never the value of a name or a free-text field ("thanks" is not a name). */
const NOT_A_VALUE = new Set<ConversationalAct>(['thanks', 'goodbye', 'greeting', 'affirm', 'smalltalk', 'human']);
/** "ok" or "hi" to "May I have your name?" acknowledges the question: ask it again rather than leave the name empty. */
const ACKNOWLEDGES = new Set<ConversationalAct>(['affirm', 'greeting', 'smalltalk']);
/** "Model? no idea", "型號？不知道": the customer repeats the question before the answer. */
const ECHOED_QUESTION = /^[^?？:：,，\d]{1,16}[?？:：,，]\s*/;

/**
 * `act` is what the understanding made of the whole message: "I don't know" and "No" to a question that
 * may be skipped leave it empty; "thanks" is not a name.
 */
export function interpretAnswer(spec: AnswerSpec, text: string, now: Date, timeZone: string, act: ConversationalAct | null = null, language?: Language): Answer {
  const phoneContext = { language, text: spec.context };
  const t = text.trim();
  // "No. 8, Zhongzheng Rd" starts like a "no" but carries a number: it is an answer, not a refusal.
  if (spec.optional && (isSkip(t) || act === 'skip' || (act === 'deny' && !/\d/.test(t)))) return { status: 'skipped' };
  const answer = t.replace(ECHOED_QUESTION, '');
  if (spec.optional && answer !== t && (isSkip(answer) || conversationalAct(answer) === 'skip')) return { status: 'skipped' };
  // Only a message made of act phrases alone: "Quick and friendly, thanks" is a suggestion that also thanks.
  if ((spec.kind === 'text' || spec.kind === 'name') && act && NOT_A_VALUE.has(act) && conversationalAct(t) !== null) {
    return spec.optional && !(spec.kind === 'name' && ACKNOWLEDGES.has(act)) ? { status: 'skipped' } : { status: 'invalid' };
  }
  const wrap = (p: { ok: boolean; value?: unknown }): Answer => (p.ok ? { status: 'ok', value: p.value } : { status: 'invalid' });
  switch (spec.kind) {
    case 'text':
      return t.length > 0 ? { status: 'ok', value: t.slice(0, 4000) } : { status: 'invalid' };
    case 'name': {
      // "我叫 Ken Wong，電話 9123 4567…", "张伟 13800138000 北京…": a name said plainly counts, whatever follows it.
      const stated = statedName(t);
      if (stated) return { status: 'ok', value: stated };
      // An address is not a name either (it may belong to the site-address question: see `elsewhere`).
      return isPlausibleName(t) && !addressInAnswer(t) ? { status: 'ok', value: nameInAnswer(t) } : { status: 'invalid' };
    }
    case 'phone':
      return wrap(parsePhone(t, phoneContext));
    case 'email':
      return wrap(parseEmail(t));
    case 'contact':
      return wrap(parseContact(t, phoneContext));
    case 'date':
      return wrap(parsePartialDate(t, now, timeZone, spec.when));
    case 'rating':
      return wrap(parseRating(t));
    case 'yesno': {
      const v = yesNo(t);
      return v === undefined ? { status: 'invalid' } : { status: 'ok', value: v };
    }
    case 'choice':
      return wrap(parseChoice(t, spec.choices ?? []));
    case 'ticket': {
      const number = parseTicketReference(t);
      return number ? { status: 'ok', value: number } : { status: 'invalid' };
    }
  }
}

/**
 * One prompt for every free-text question. A wrong answer gets the polite re-ask; after `maxAttempts`
 * wrong answers the prompt ends anyway and the calling step sees `invalid` from `answerOf`.
 */
export class AskPrompt extends TextPrompt {
  constructor() {
    super(ASK_PROMPT, async (prompt: PromptValidatorContext<string>) => {
      const spec = (prompt.options.validations ?? { kind: 'text', maxAttempts: 3 }) as AnswerSpec;
      const info = turnInfo(prompt.context);
      const text = prompt.recognized.value ?? '';
      if (spec.corrections && correctionOf(text, info.understanding?.entities, info)) return true;
      const answer = interpretAnswer(spec, text, info.now, info.timeZone, info.understanding?.act ?? null, info.language);
      if (answer.status !== 'invalid') return true;
      if (spec.givesWay && wayGiven(text, info.understanding)) return true;
      if (spec.elsewhere?.length && Object.keys(detailsForOtherFields(text, info.understanding?.entities.productModel, spec.elsewhere)).length) return true;
      return prompt.attemptCount >= spec.maxAttempts;
    });
  }
}

/** Asks a question: `retry` is the polite re-ask after a wrong answer. */
export function ask(dc: DialogContext, question: string, retry: string, spec: AnswerSpec, choices?: readonly string[]): Promise<DialogTurnResult> {
  return dc.prompt(ASK_PROMPT, {
    prompt: reply(dc.context, question, { choices, expectInput: true }),
    retryPrompt: reply(dc.context, retry, { choices, expectInput: true }),
    validations: spec,
  });
}

/** The answer to the question a step asked, interpreted the same way the prompt validated it. */
export function answerOf(dc: DialogContext, text: unknown, spec: AnswerSpec): Answer {
  const info = turnInfo(dc.context);
  return interpretAnswer(spec, typeof text === 'string' ? text : '', info.now, info.timeZone, info.understanding?.act ?? null, info.language);
}

/** answerOf for a question that gives way: "I don't know" is `skipped`, a new request is `request`. */
export function answerOrRequestOf(dc: DialogContext, text: unknown, spec: AnswerSpec): AnswerOrRequest {
  const answer = answerOf(dc, text, spec);
  if (answer.status !== 'invalid' || !spec.givesWay) return answer;
  const way = wayGiven(typeof text === 'string' ? text : '', turnInfo(dc.context).understanding);
  return way === 'unknown' ? { status: 'skipped' } : way === 'request' ? { status: 'request' } : answer;
}
