import type { SmsKeyword } from '../../src/customers/opt-out-service.js';
import { isLanguage, type Language } from '../../src/messages/channel-kind.js';
import { chineseScriptOf } from '../../src/messages/chinese-script.js';

const HAN = /\p{Script=Han}/u;

/**
 * The language of a keyword reply: a Chinese keyword answers in its own script (退訂 → 繁體, 退订 → 简体);
 * a Latin one (HELP) in the customer's known language, else English. Only the opt-out words are offered:
 * STOP / 退訂 / 退订 to stop, START / 訂閱 / 订阅 to resume. Never another carrier keyword (CANCEL, END,
 * QUIT…), which would unsubscribe whoever follows the advice.
 */
export function keywordLanguage(text: string, known: string | null | undefined): Language {
  const chinese = [...text].filter((ch) => HAN.test(ch));
  if (chinese.length) {
    const scripts = chinese.map(chineseScriptOf);
    if (scripts.includes('traditional')) return 'zh-Hant';
    if (scripts.includes('simplified')) return 'zh-Hans';
    return isLanguage(known) && known !== 'en' ? known : 'zh-Hant';
  }
  return isLanguage(known) ? known : 'en';
}

const texts: Record<Language, Record<SmsKeyword, string>> = {
  en: {
    help: 'This is the after-sales service line. Describe the problem (model, serial number, what happens) and we will open a service ticket. Reply STOP to stop messages, START to resume.',
    stop: 'You have unsubscribed and will get no more messages or surveys from us. Reply START to resume.',
    start: 'You will receive service messages again. Reply STOP to stop them.',
  },
  'zh-Hant': {
    help: '這是售後服務專線簡訊。請直接描述問題（型號、序號、狀況），我們會建立服務單。回覆「退訂」停止主動簡訊，回覆「訂閱」恢復。',
    stop: '您已退訂，之後不會再收到我們的主動簡訊或滿意度調查。回覆「訂閱」可恢復。',
    start: '您已恢復接收服務簡訊。回覆「退訂」可停止。',
  },
  'zh-Hans': {
    help: '这是售后服务专线短信。请直接描述问题（型号、序列号、情况），我们会创建服务单。回复“退订”停止主动短信，回复“订阅”恢复。',
    stop: '您已退订，之后不会再收到我们的主动短信或满意度调查。回复“订阅”可恢复。',
    start: '您已恢复接收服务短信。回复“退订”可停止。',
  },
};

/**
 * What we answer to a keyword, or null. Twilio answers the Latin STOP and START words itself on long codes
 * (and blocks our reply to a STOP), so we stay silent there; Chinese words and HELP are ours to answer.
 */
export function keywordReply(keyword: SmsKeyword, text: string, known: string | null | undefined): string | null {
  const latin = !HAN.test(text);
  if (latin && keyword !== 'help') return null;
  return texts[keywordLanguage(text, known)][keyword];
}
