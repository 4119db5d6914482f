import { CUES } from './cues.js';
import { GREETING_LEAD } from './prepare.js';
import { normalise } from './normalise.js';

/** A greeting addressed to someone ("老師傅您好～", "客服你好") and a polite opener ("想請教一下，"). */
const ADDRESSED_GREETING = /^\s*(?:老師傅|老师傅|師傅|师傅|老闆|老板|客服|小姐|先生|各位)?(?:您好|你好|妳好)[\s,，!！.。~～、:：]*/u;
const POLITE_OPENER = /^\s*(?:想請教一下|想请教一下|請教一下|请教一下|打擾了|打扰了|不好意思)[\s,，!！.。~～、:：]*/u;

/**
 * Who is writing, as the first clause: 我們是飲料店「茶覺」，/ 我们是苏州的一家注塑厂，/ "this is Angela Ho from
 * Harbour View Dental Clinic." / "I run a small bakery and". English needs a name or a business after the words,
 * so "I am having trouble with my fridge" stays.
 */
const SELF_INTRO_ZH = /^\s*(?:我們是|我们是|我是|本店是|本公司是|我這邊是|我这边是|這裡是|这里是)[^，,。.!！?？\n]{1,30}[，,。!！]\s*/u;
const SELF_INTRO_EN =
  /^\s*(?:(?:[Tt]his is|[Mm]y name is|I'm|I am) [A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3}(?: (?:from|of|at|with) [^,.;!\n]{1,60})?|(?:I|[Ww]e) (?:run|manage) (?:a|an|the|our|my) [^,.;!\n]{1,40}?|[Ww]e(?:'re| are) (?:a|an|the) [^,.;!\n]{1,40}?|I(?:'m| am) writing (?:on behalf of|from) [^,.;!\n]{1,60})(?:[,.;!]\s+| and (?=our|my|the|we|it)\s*)/;

function withoutSelfIntro(text: string): string {
  const intro = SELF_INTRO_ZH.exec(text) ?? SELF_INTRO_EN.exec(text);
  // "我是昨天報修的，冷氣還是不冷": a clause about the fault or the repair is the report, not who is writing.
  if (!intro || CUES.faultWords.test(normalise(intro[0])) || CUES.repairRequest.test(normalise(intro[0]))) return text;
  return text.slice(intro[0].length);
}

/**
 * The report as a reader wants it first: without a leading greeting, polite opener or self-introduction (the
 * greeting is what the category model drops too, see GREETING_LEAD in prepare.ts). For the SMS summary's short
 * description and the ticket title; the ticket's problem keeps every word. A message that is nothing else is kept.
 */
export function reportText(text: string): string {
  let t = text;
  for (let before = ''; before !== t; ) {
    before = t;
    t = t.replace(GREETING_LEAD, '').replace(ADDRESSED_GREETING, '').replace(POLITE_OPENER, '');
    t = withoutSelfIntro(t);
  }
  t = t.trim();
  if (!/[\p{L}\p{N}]/u.test(t)) return text;
  return t === text.trim() ? text : t.charAt(0).toUpperCase() + t.slice(1);
}
