import type { Language } from '../../src/messages/channel-kind.js';
import type { StaffReplyTime } from '../../src/handoff/staff-reply-time.js';
import { formatTime } from '../shared/format-time.js';

type HandoffTexts = {
  connecting: (when: string) => string;
  withTicket: (n: string, when: string) => string;
  /** A report cut short by asking for a person: what was collected is kept under a ticket. */
  keptReport: (n: string, when: string) => string;
  /** A question about the ticket, noted on it for staff. */
  question: (n: string, when: string) => string;
  /** Every further message while the customer waits for a person. */
  waiting: (when: string) => string;
  /** "謝謝" or "ok" while waiting: nothing for staff to read, so a warm line rather than "your message is with our team". */
  waitingThanks: (when: string) => string;
  waitingOk: (when: string) => string;
  /** Details sent while waiting, added to the ticket (or corrected on it): said back, so the customer need not repeat them to the person. */
  noted: (details: string) => string;
  correctedOnTicket: (details: string) => string;
  /** After a question answered from the knowledge base while waiting: the person is still coming. */
  waitingAnswered: (when: string) => string;
  openNow: (by: string) => string;
  closed: (opensAt: string, by: string) => string;
  /** Closed, but the on-call people were paged about this ticket just now. */
  closedOnCall: (opensAt: string, by: string) => string;
};

const texts: Record<Language, HandoffTexts> = {
  en: {
    connecting: (when) => `I am passing you to a colleague. ${when} Thank you for your patience.`,
    withTicket: (n, when) => `Your ticket number is ${n}. I am passing you to a colleague. ${when} Thank you for your patience.`,
    keptReport: (n, when) => `I have kept what you told me under ticket number ${n}, so you will not need to repeat it. I am passing you to a colleague. ${when}`,
    question: (n, when) => `I have added your question to ticket ${n} for our colleagues, who will answer it here. ${when}`,
    waiting: (when) => `Thank you, your message is with our team. ${when}`,
    waitingThanks: (when) => `You are welcome! ${when}`,
    waitingOk: (when) => `All right. ${when}`,
    noted: (details) => `I have added this to your ticket: ${details}.`,
    correctedOnTicket: (details) => `I have corrected your ticket: ${details}.`,
    waitingAnswered: (when) => `You are still in line for a colleague. ${when}`,
    openNow: (by) => `A colleague will reply here shortly, by ${by} at the latest.`,
    closed: (opensAt, by) => `We are closed now: a colleague will reply here after we open at ${opensAt}, by ${by} at the latest.`,
    closedOnCall: (opensAt, by) => `We are closed now, so I have alerted our on-call colleague, who will contact you as soon as possible. In any case a colleague will reply here after we open at ${opensAt}, by ${by} at the latest.`,
  },
  'zh-Hant': {
    connecting: (when) => `我將為您轉接專人服務。${when}感謝您的耐心等候。`,
    withTicket: (n, when) => `您的工單編號是 ${n}。我將為您轉接專人服務。${when}感謝您的耐心等候。`,
    keptReport: (n, when) => `您提供的資料已保存在工單 ${n}，不需要再說一次。我將為您轉接專人服務。${when}`,
    question: (n, when) => `已將您的問題記在工單 ${n}，由同仁在此回覆您。${when}`,
    waiting: (when) => `已收到您的訊息，並已轉給專人。${when}`,
    waitingThanks: (when) => `不客氣！${when}`,
    waitingOk: (when) => `好的，${when}`,
    noted: (details) => `已將以下資料加入您的工單：${details}。`,
    correctedOnTicket: (details) => `已為您更正工單：${details}。`,
    waitingAnswered: (when) => `您仍在等候專人服務，${when}`,
    openNow: (by) => `同仁會儘快在此回覆您，最晚於 ${by} 前。`,
    closed: (opensAt, by) => `目前為非營業時間，同仁將於 ${opensAt} 上班後在此回覆您，最晚於 ${by} 前。`,
    closedOnCall: (opensAt, by) => `目前為非營業時間，我已立即通知值班同仁，會儘快與您聯絡；同仁也會在 ${opensAt} 上班後在此回覆您，最晚於 ${by} 前。`,
  },
  'zh-Hans': {
    connecting: (when) => `我将为您转接人工客服。${when}感谢您的耐心等待。`,
    withTicket: (n, when) => `您的工单编号是 ${n}。我将为您转接人工客服。${when}感谢您的耐心等待。`,
    keptReport: (n, when) => `您提供的信息已保存在工单 ${n}，不需要再说一遍。我将为您转接人工客服。${when}`,
    question: (n, when) => `已将您的问题记在工单 ${n}，由同事在此回复您。${when}`,
    waiting: (when) => `已收到您的消息，并已转给人工客服。${when}`,
    waitingThanks: (when) => `不客气！${when}`,
    waitingOk: (when) => `好的，${when}`,
    noted: (details) => `已将以下信息加入您的工单：${details}。`,
    correctedOnTicket: (details) => `已为您更正工单：${details}。`,
    waitingAnswered: (when) => `您仍在等候人工客服，${when}`,
    openNow: (by) => `同事会尽快在此回复您，最晚在 ${by} 前。`,
    closed: (opensAt, by) => `现在是非营业时间，同事将在 ${opensAt} 上班后在此回复您，最晚在 ${by} 前。`,
    closedOnCall: (opensAt, by) => `现在是非营业时间，我已立即通知值班同事，会尽快与您联系；同事也会在 ${opensAt} 上班后在此回复您，最晚在 ${by} 前。`,
  },
};

export function handoffTexts(language: Language): HandoffTexts {
  return texts[language];
}

/** "A colleague will reply shortly, by 12:00" or, outside business hours, when we open. */
export function whenStaffReply(language: Language, time: StaffReplyTime, timeZone: string): string {
  const t = texts[language];
  const by = formatTime(time.by, language, timeZone);
  if (time.openNow) return t.openNow(by);
  const opensAt = formatTime(time.opensAt, language, timeZone);
  return time.onCallAlerted ? t.closedOnCall(opensAt, by) : t.closed(opensAt, by);
}
