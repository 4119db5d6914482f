import { TextPrompt, type PromptValidatorContext } from 'botbuilder-dialogs';
import { yesNo } from '../shared/answers.js';

export const FOLLOW_UP_ANSWER_PROMPT = 'follow-up.answer';

/** "No problem" and its kin read as "all fine", before the leading "no" could say otherwise. */
const NO_PROBLEM = /\b(?:no|not any|without) (?:problems?|issues?|complaints?)\b|沒問題|没问题|沒有問題|没有问题|沒事|没事/i;
const TROUBLE =
  /\b(?:broken|broke|not (?:working|work|fine|ok|okay|good)|(?:doesn'?t|does not|didn'?t|won'?t|can'?t|cannot) (?:work|print|start|turn on)|fail(?:s|ed|ing)?|faulty|error|problems?|issues?|jams?|jammed|stopped)\b|壞|坏|故障|不能|無法|无法|問題|问题|不正常|異常|异常|卡紙|卡纸|還是不|还是不/i;
const FINE = /\b(?:fine|good|great|well|works|working|perfect|all set|no complaints)\b|正常|很好|不錯|不错|好用|滿意|满意|都好|一切/i;

/**
 * The customer's answer to "is it working well?", read more loosely than a bare yes/no: the whole text
 * ("yes", "否"), else its first word ("yes, all fine", "no, it's broken again"), else what it says
 * ("it still jams" → false, "works great" → true). Undefined when it says neither.
 */
export function readFollowUpAnswer(text: string): boolean | undefined {
  const t = text.trim();
  const whole = yesNo(t);
  if (whole !== undefined) return whole;
  if (NO_PROBLEM.test(t)) return true;
  const first = t.split(/[\s,，.。!！;；:：、]+/).find(Boolean);
  const leading = first ? yesNo(first) : undefined;
  if (leading !== undefined) return leading;
  if (TROUBLE.test(t)) return false;
  if (FINE.test(t)) return true;
  return undefined;
}

/** The prompt behind the follow-up question: re-asks until `readFollowUpAnswer` understands, `maxAttempts` times. */
export class FollowUpAnswerPrompt extends TextPrompt {
  constructor(maxAttempts: number) {
    super(FOLLOW_UP_ANSWER_PROMPT, async (prompt: PromptValidatorContext<string>) => {
      if (readFollowUpAnswer(prompt.recognized.value ?? '') !== undefined) return true;
      return prompt.attemptCount >= maxAttempts;
    });
  }
}
