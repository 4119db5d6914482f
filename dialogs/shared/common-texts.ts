import type { TurnContext } from 'botbuilder';
import type { Language } from '../../src/messages/channel-kind.js';
import { turnInfo } from './turn-info.js';

/**
 * Menu entries every channel can offer. The labels carry no number: SMS, voice and e-mail number the choices
 * themselves (1–5), and that number is what menuChoiceOf accepts; 0 still reaches a person (the keypad habit).
 */
export type MenuChoice = 'fault' | 'question' | 'complaint' | 'status' | 'agent';

const en = {
  greeting: 'Hello, thank you for contacting our after-sales service.',
  menuQuestion: 'How may I help you? You can report a fault, ask a question, make a complaint or check a ticket.',
  menu: ['Report a fault', 'Ask a question', 'Make a complaint', 'Ticket status', 'Speak to a person'],
  clarify: 'I am sorry, I did not quite understand. Could you tell me which of these you need?',
  help: 'You can describe a fault, ask about warranty, opening hours or fees, check a ticket with its number (SR-2026-000123), or make a complaint. Say "cancel" to start over or "agent" to reach a person.',
  /** SMS: never name a carrier keyword (CANCEL, STOP, END, QUIT …): a customer following the advice would unsubscribe. */
  helpSms: 'You can describe a fault, ask about warranty, opening hours or fees, check a ticket with its number (SR-2026-000123), or make a complaint. Reply MENU to start over or AGENT to reach a person.',
  helpResume: 'Let us continue where we were.',
  cancelled: 'No problem, I have cancelled that. How else may I help you?',
  error: 'I am sorry, something went wrong on our side. Please try again in a moment, or say "agent" to reach a person.',
  goodbye: 'Thank you, goodbye.',
  youAreWelcome: 'You are welcome! If you need anything else, just send a message. Goodbye.',
  farewell: 'Thank you for contacting us. Goodbye!',
  smalltalk: 'I am the after-sales service assistant, and always glad to chat.',
  botIdentity: 'I am an automated assistant: I can take a fault report, answer common questions and check a ticket. Say "agent" at any time and a colleague will take over.',
  anythingElse: 'Is there anything else I can help you with?',
  contactNoted: (contact: string) => `Thank you, I have noted ${contact}. How may I help you?`,
  givenUpSolved: 'Glad to hear it is sorted! I have not opened a ticket. If you need us again, just send a message.',
  givenUpStopped: 'All right, I have stopped there and not opened a ticket. If you need us later, just send a message.',
  rude: 'I am sorry I have not been more helpful. Tell me what you need and I will do my best, or choose to speak to a person.',
  rudeInReport: 'I am sorry if this is taking long; only a few more questions, or say "agent" to reach a person.',
};

type CommonTexts = typeof en;

const zhHant: CommonTexts = {
  greeting: '您好，感謝您聯絡我們的售後服務。',
  menuQuestion: '請問有什麼可以為您服務的？您可以報修、詢問、投訴或查詢工單。',
  menu: ['報修故障', '一般詢問', '我要投訴', '查詢工單', '轉接專人'],
  clarify: '不好意思，我沒有完全理解您的意思。請問您需要下列哪一項服務？',
  help: '您可以描述設備的故障、詢問保固、營業時間或服務費用、提供工單編號（例如 SR-2026-000123）查詢進度，或提出投訴。輸入「取消」可重新開始，輸入「人工」可轉接專人。',
  helpSms: '您可以描述設備的故障、詢問保固、營業時間或服務費用、提供工單編號（例如 SR-2026-000123）查詢進度，或提出投訴。回覆「選單」可重新開始，回覆「人工」可轉接專人。',
  helpResume: '我們繼續剛才的步驟。',
  cancelled: '好的，已為您取消。請問還有什麼可以為您服務的？',
  error: '非常抱歉，系統暫時發生問題。請您稍後再試，或輸入「人工」由專人為您服務。',
  goodbye: '感謝您，再見。',
  youAreWelcome: '不客氣！如果還有其他需要，隨時傳訊息給我。再見！',
  farewell: '感謝您的聯絡，再見！',
  smalltalk: '我是售後服務小幫手，很高興和您聊天！',
  botIdentity: '我是自動回覆的服務小幫手，可以幫您報修、回答常見問題和查詢工單；隨時輸入「人工」就會由專人接手。',
  anythingElse: '請問還有其他需要為您服務的地方嗎？',
  contactNoted: (contact: string) => `謝謝，已記下您的聯絡方式 ${contact}。請問有什麼可以為您服務的？`,
  givenUpSolved: '很高興問題已經解決了！這次沒有為您建立工單。之後如有需要，隨時傳訊息給我們。',
  givenUpStopped: '好的，已停止報修，沒有為您建立工單。之後如有需要，隨時傳訊息給我們。',
  rude: '很抱歉沒能幫上您的忙。請告訴我您需要什麼，我會盡力協助，也可以選擇轉接專人。',
  rudeInReport: '抱歉讓您久等了，只剩幾個問題；也可以輸入「人工」轉接專人。',
};

const zhHans: CommonTexts = {
  greeting: '您好，感谢您联系我们的售后服务。',
  menuQuestion: '请问有什么可以为您服务的？您可以报修、咨询、投诉或查询工单。',
  menu: ['报修故障', '一般咨询', '我要投诉', '查询工单', '转接人工'],
  clarify: '不好意思，我没有完全理解您的意思。请问您需要以下哪一项服务？',
  help: '您可以描述设备的故障、咨询保修、营业时间或服务费用、提供工单编号（例如 SR-2026-000123）查询进度，或提出投诉。输入“取消”可重新开始，输入“人工”可转接人工客服。',
  helpSms: '您可以描述设备的故障、咨询保修、营业时间或服务费用、提供工单编号（例如 SR-2026-000123）查询进度，或提出投诉。回复“菜单”可重新开始，回复“人工”可转接人工客服。',
  helpResume: '我们继续刚才的步骤。',
  cancelled: '好的，已为您取消。请问还有什么可以为您服务的？',
  error: '非常抱歉，系统暂时出现问题。请您稍后再试，或输入“人工”由人工客服为您服务。',
  goodbye: '感谢您，再见。',
  youAreWelcome: '不客气！如果还有其他需要，随时发消息给我。再见！',
  farewell: '感谢您的联系，再见！',
  smalltalk: '我是售后服务小助手，很高兴和您聊天！',
  botIdentity: '我是自动回复的服务小助手，可以帮您报修、解答常见问题和查询工单；随时输入“人工”就会由人工客服接手。',
  anythingElse: '请问还有其他需要为您服务的地方吗？',
  contactNoted: (contact: string) => `谢谢，已记下您的联系方式 ${contact}。请问有什么可以为您服务的？`,
  givenUpSolved: '很高兴问题已经解决了！这次没有为您创建工单。之后如有需要，随时发消息给我们。',
  givenUpStopped: '好的，已停止报修，没有为您创建工单。之后如有需要，随时发消息给我们。',
  rude: '很抱歉没能帮上您的忙。请告诉我您需要什么，我会尽力协助，也可以选择转接人工。',
  rudeInReport: '抱歉让您久等了，只剩几个问题；也可以输入“人工”转接人工客服。',
};

export const commonTexts: Record<Language, CommonTexts> = { en, 'zh-Hant': zhHant, 'zh-Hans': zhHans };

/** The texts of the turn's language; on SMS the help names only words that are safe to send there. */
export function common(context: TurnContext): CommonTexts {
  const { language, channel } = turnInfo(context);
  const texts = commonTexts[language];
  return channel === 'sms' ? { ...texts, help: texts.helpSms } : texts;
}

/** Menu choices with the words that pick them in any language. */
export const menuChoices: { value: MenuChoice; labels: string[] }[] = [
  { value: 'fault', labels: ['fault', 'report a fault', 'repair', '報修', '报修', '故障', '報修故障', '报修故障', '維修', '维修'] },
  { value: 'question', labels: ['question', 'ask a question', 'inquiry', '詢問', '咨询', '諮詢', '一般詢問', '一般咨询', '問題', '问题'] },
  { value: 'complaint', labels: ['complaint', 'make a complaint', 'complain', '投訴', '投诉', '我要投訴', '我要投诉'] },
  { value: 'status', labels: ['status', 'ticket status', 'check a ticket', '查詢工單', '查询工单', '工單', '工单', '進度', '进度'] },
  { value: 'agent', labels: ['agent', 'person', 'human', 'speak to a person', '人工', '真人', '專人', '转接人工', '轉接專人'] },
];
/** "I would like to file a complaint": a request for the complaint entry in a whole sentence (the model reads such a bare request as a question). */
const COMPLAINT_REQUEST =
  /^(?:(?:hi|hello),?\s+)?(?:i(?:'d| would)? like to|i want to|i wanna|i need to|can i|how (?:do|can) i)\s+(?:(?:make|file|lodge|raise|submit|register)\s+a\s+(?:formal\s+)?complaint|complain)(?:,?\s+please)?$/;
// The numbers shown: 1–5 follow the order above (5 is a person), as each channel numbers the menu; 0 is a person too.
// "2 Ask a question" or "2." counts by its number.
export function menuChoiceOf(text: string): MenuChoice | undefined {
  const t = text.trim().replace(/[.。]$/, '').toLowerCase();
  const digit = /^([0-5])(?:[.)]?\s+\S.*)?$/.exec(t)?.[1];
  if (digit === '0') return 'agent';
  if (digit) return menuChoices[Number(digit) - 1]!.value;
  // A whole label picks its entry however long it is ("report a fault", "ask a question").
  const whole = menuChoices.find((c) => c.labels.some((l) => t === l.toLowerCase()))?.value ?? (COMPLAINT_REQUEST.test(t) ? 'complaint' : undefined);
  if (whole || t.length > 12) return whole;
  // A label inside a longer message ("我要報修") picks it; a question that mentions one ("維修要收費嗎？") does not.
  const near = (l: string) => l.length >= 2 && t.includes(l) && t.length <= l.length + 2 && !/[?？嗎吗呢]/.test(t);
  return menuChoices.find((c) => c.labels.some((l) => near(l.toLowerCase())))?.value;
}
