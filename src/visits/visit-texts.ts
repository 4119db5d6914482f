import { DateTime } from 'luxon';
import type { Language } from '../messages/channel-kind.js';

/** What the customer reads about their visit, in their language. */
const LOCALE: Record<Language, string> = { 'zh-Hant': 'zh-TW', 'zh-Hans': 'zh-CN', en: 'en-GB' };

export function formatVisitTime(at: Date, language: Language, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).setLocale(LOCALE[language]).toLocaleString({ weekday: 'short', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}

export function proposalText(language: Language, number: string, times: string[]): string {
  const list = times.map((t, i) => `${i + 1}. ${t}`).join('\n');
  switch (language) {
    case 'zh-Hant':
      return `服務單 ${number}：工程師可於以下時間到府維修，請回覆編號選擇（都不方便請回覆「都不行」）：\n${list}`;
    case 'zh-Hans':
      return `服务单 ${number}：工程师可于以下时间上门维修，请回复编号选择（都不方便请回复“都不行”）：\n${list}`;
    case 'en':
      return `Service request ${number}: our engineer can visit at one of these times. Reply with the number you prefer, or "none" if none suits you:\n${list}`;
  }
}

export function confirmedText(language: Language, number: string, time: string): string {
  switch (language) {
    case 'zh-Hant':
      return `服務單 ${number}：已確認工程師於 ${time} 到府。`;
    case 'zh-Hans':
      return `服务单 ${number}：已确认工程师于 ${time} 上门。`;
    case 'en':
      return `Service request ${number}: the engineer's visit is confirmed for ${time}.`;
  }
}

export function quoteText(language: Language, number: string, amount: string): string {
  switch (language) {
    case 'zh-Hant':
      return `服務單 ${number}：您的設備已過保固期，本次維修報價為 ${amount}。請回覆「同意」後我們即開始維修。`;
    case 'zh-Hans':
      return `服务单 ${number}：您的设备已过保修期，本次维修报价为 ${amount}。请回复“同意”后我们即开始维修。`;
    case 'en':
      return `Service request ${number}: your equipment is out of warranty. The repair quote is ${amount}. Reply "yes" to accept and we will start the work.`;
  }
}

export function formatAmount(amount: number, currency: string, language: Language): string {
  return new Intl.NumberFormat(LOCALE[language], { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
}
