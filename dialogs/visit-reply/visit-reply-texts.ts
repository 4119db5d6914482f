import type { Language } from '../../src/messages/channel-kind.js';

/** What the bot says when the customer answers visit times or a quote we sent them. */
export type VisitReplyTexts = {
  confirmed(number: string, time: string): string;
  noTimeFits(number: string): string;
  which(number: string, list: string): string;
  notSure(number: string): string;
  quoteAccepted(number: string): string;
  quoteRefused(number: string): string;
};

export const visitReplyTexts: Record<Language, VisitReplyTexts> = {
  'zh-Hant': {
    confirmed: (n, t) => `好的，已為您確認工程師於 ${t} 到府（服務單 ${n}）。如需更改時間，請直接回覆此訊息。`,
    noTimeFits: (n) => `了解，以上時間都不方便。我們的同事會再與您聯絡，安排其他時間（服務單 ${n}）。`,
    which: (n, list) => `請問您選的是哪一個時間（服務單 ${n}）？請回覆編號：\n${list}`,
    notSure: (n) => `不好意思，我沒能確認您選的時間。我們的同事會再與您聯絡（服務單 ${n}）。`,
    quoteAccepted: (n) => `感謝您同意報價（服務單 ${n}），工程師將依約開始維修。`,
    quoteRefused: (n) => `了解，您不接受這次的報價（服務單 ${n}）。我們的同事會再與您聯絡，說明其他選擇。`,
  },
  'zh-Hans': {
    confirmed: (n, t) => `好的，已为您确认工程师于 ${t} 上门（服务单 ${n}）。如需更改时间，请直接回复此消息。`,
    noTimeFits: (n) => `了解，以上时间都不方便。我们的同事会再与您联系，安排其他时间（服务单 ${n}）。`,
    which: (n, list) => `请问您选的是哪一个时间（服务单 ${n}）？请回复编号：\n${list}`,
    notSure: (n) => `不好意思，我没能确认您选的时间。我们的同事会再与您联系（服务单 ${n}）。`,
    quoteAccepted: (n) => `感谢您同意报价（服务单 ${n}），工程师将按约开始维修。`,
    quoteRefused: (n) => `了解，您不接受这次的报价（服务单 ${n}）。我们的同事会再与您联系，说明其他选择。`,
  },
  en: {
    confirmed: (n, t) => `Thank you: the engineer's visit is confirmed for ${t} (service request ${n}). Reply to this message if you need to change it.`,
    noTimeFits: (n) => `Understood, none of those times suits you. A colleague will contact you to arrange another time (service request ${n}).`,
    which: (n, list) => `Which of these times do you mean (service request ${n})? Please reply with its number:\n${list}`,
    notSure: (n) => `Sorry, I could not tell which time you chose. A colleague will contact you (service request ${n}).`,
    quoteAccepted: (n) => `Thank you for accepting the quote (service request ${n}); the engineer will go ahead with the repair.`,
    quoteRefused: (n) => `Understood, you do not accept this quote (service request ${n}). A colleague will contact you about the other options.`,
  },
};
