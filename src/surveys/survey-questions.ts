import { isLanguage, type Language } from '../messages/channel-kind.js';

export type SurveyLanguage = Language;

/** The five 1–5 scores a survey asks for, in order, then the free-text suggestion. */
export const SURVEY_SCORES = ['attitude', 'skill', 'punctuality', 'itemsCompleted', 'overall'] as const;
export type SurveyScore = (typeof SURVEY_SCORES)[number];

const INTRO: Record<SurveyLanguage, (ticket: string) => string> = {
  'zh-Hant': (t) => `您好，感謝您使用我們的售後服務（工單 ${t}）。想請您花一分鐘評價這次服務。`,
  'zh-Hans': (t) => `您好，感谢您使用我们的售后服务（工单 ${t}）。想请您花一分钟评价这次服务。`,
  en: (t) => `Hello, thank you for using our after-sales service (ticket ${t}). Could you spare a minute to rate it?`,
};

const FIRST_QUESTION: Record<SurveyLanguage, string> = {
  'zh-Hant': '服務態度您給幾分？請回覆 1 到 5（5 = 非常滿意）。',
  'zh-Hans': '服务态度您给几分？请回复 1 到 5（5 = 非常满意）。',
  en: 'How would you rate our service attitude? Reply 1 to 5 (5 = very satisfied).',
};

const SUBJECT: Record<SurveyLanguage, (ticket: string) => string> = {
  'zh-Hant': (t) => `服務滿意度調查（${t}）`,
  'zh-Hans': (t) => `服务满意度调查（${t}）`,
  en: (t) => `How did we do? (${t})`,
};

export function surveyLanguage(language: string | null | undefined): SurveyLanguage {
  return isLanguage(language) ? language : 'zh-Hant';
}

/** The opening message of a survey when no dialog runs it: the introduction and the first question. */
export function firstSurveyMessage(language: SurveyLanguage, ticketNumber: string): { text: string; subject: string; choices: string[] } {
  return {
    text: `${INTRO[language](ticketNumber)}\n${FIRST_QUESTION[language]}`,
    subject: SUBJECT[language](ticketNumber),
    choices: ['1', '2', '3', '4', '5'],
  };
}
