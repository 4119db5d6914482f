import type { Language } from '../../src/messages/channel-kind.js';

export type SurveyQuestion = 'attitude' | 'skill' | 'punctuality' | 'itemsCompleted' | 'overall' | 'suggestion';

export type SurveyTexts = {
  intro: (ticketNumber?: string) => string;
  questions: Record<SurveyQuestion, string>;
  scale: string;
  retry: string;
  thanks: string;
  sorry: string;
  /** The customer quit before the end: what they answered is kept. */
  stopped: string;
  /** The customer quit after a low score (the ticket is reopened and a supervisor told). */
  stoppedUnhappy: string;
  /** A new request instead of a score: the survey stops there and the request is taken up. */
  movedOn: string;
};

export const surveyTexts: Record<Language, SurveyTexts> = {
  en: {
    intro: (n) => `Hello, thank you for using our service${n ? ` (ticket ${n})` : ''}. Could you spare a minute for six short questions?`,
    questions: {
      attitude: 'How would you rate our service attitude?',
      skill: 'How would you rate the technical skill of our engineer?',
      punctuality: 'How would you rate our punctuality?',
      itemsCompleted: 'How completely was the work you asked for done?',
      overall: 'Overall, how satisfied are you?',
      suggestion: 'Do you have any suggestion for us? (You can say "skip".)',
    },
    scale: ' Please answer 1 (very poor) to 5 (excellent).',
    retry: 'Sorry, please answer with a number from 1 to 5, or say "skip".',
    thanks: 'Thank you very much for your feedback. Goodbye.',
    sorry: 'We are sorry we did not meet your expectations. A supervisor will contact you and we will follow up on your service. Thank you for your feedback. Goodbye.',
    stopped: 'All right, we will stop the survey here and keep the answers you gave. Thank you for your time. Goodbye.',
    stoppedUnhappy:
      'All right, we will stop the survey here and keep the answers you gave. We are sorry we did not meet your expectations; a supervisor will contact you. Thank you for your feedback. Goodbye.',
    movedOn: 'Thank you for your answers so far; we will stop the survey here and help you with this.',
  },
  'zh-Hant': {
    intro: (n) => `您好，感謝您使用我們的服務${n ? `（工單 ${n}）` : ''}。想耽誤您一分鐘，回答六個簡短的問題。`,
    questions: {
      attitude: '請問您對我們的服務態度滿意嗎？',
      skill: '請問您對工程師的技術水準滿意嗎？',
      punctuality: '請問您對我們的準時程度滿意嗎？',
      itemsCompleted: '請問您對服務項目的完成程度滿意嗎？',
      overall: '整體而言，您對這次服務的滿意度是？',
      suggestion: '請問您對我們有什麼建議嗎？（可回覆「略過」。）',
    },
    scale: '請以 1（非常不滿意）到 5（非常滿意）回答。',
    retry: '不好意思，請以 1 到 5 的數字回答，或回覆「略過」。',
    thanks: '非常感謝您寶貴的意見，再見。',
    sorry: '很抱歉這次服務未能讓您滿意，主管將會與您聯絡，並持續追蹤您的服務。感謝您寶貴的意見，再見。',
    stopped: '好的，問卷就到這裡，您已回答的內容我們都會保留。感謝您撥冗回覆，再見。',
    stoppedUnhappy: '好的，問卷就到這裡，您已回答的內容我們都會保留。很抱歉這次服務未能讓您滿意，主管將會與您聯絡。感謝您寶貴的意見，再見。',
    movedOn: '感謝您到目前為止的回答，問卷就到這裡，我們先協助您處理這件事。',
  },
  'zh-Hans': {
    intro: (n) => `您好，感谢您使用我们的服务${n ? `（工单 ${n}）` : ''}。想占用您一分钟，回答六个简短的问题。`,
    questions: {
      attitude: '请问您对我们的服务态度满意吗？',
      skill: '请问您对工程师的技术水平满意吗？',
      punctuality: '请问您对我们的准时程度满意吗？',
      itemsCompleted: '请问您对服务项目的完成程度满意吗？',
      overall: '总体而言，您对这次服务的满意度是？',
      suggestion: '请问您对我们有什么建议吗？（可回复“跳过”。）',
    },
    scale: '请以 1（非常不满意）到 5（非常满意）回答。',
    retry: '不好意思，请以 1 到 5 的数字回答，或回复“跳过”。',
    thanks: '非常感谢您宝贵的意见，再见。',
    sorry: '很抱歉这次服务未能让您满意，主管将会与您联系，并持续跟进您的服务。感谢您宝贵的意见，再见。',
    stopped: '好的，问卷就到这里，您已回答的内容我们都会保留。感谢您抽空回复，再见。',
    stoppedUnhappy: '好的，问卷就到这里，您已回答的内容我们都会保留。很抱歉这次服务未能让您满意，主管将会与您联系。感谢您宝贵的意见，再见。',
    movedOn: '感谢您到目前为止的回答，问卷就到这里，我们先协助您处理这件事。',
  },
};
