import type { SurveyLanguage } from '../surveys/survey-questions.js';

export type FollowUpKind = 'repair_checkin' | 'installation_call' | 'quarterly_contact';

const TEXT: Record<FollowUpKind, Record<SurveyLanguage, (ref: string) => string>> = {
  repair_checkin: {
    'zh-Hant': (t) => `您好，您送修的設備已於日前歸還（工單 ${t}）。請問使用情況正常嗎？如有任何問題，直接回覆此訊息即可。`,
    'zh-Hans': (t) => `您好，您送修的设备已于日前归还（工单 ${t}）。请问使用情况正常吗？如有任何问题，直接回复此消息即可。`,
    en: (t) => `Hello, your repaired unit was returned a few days ago (ticket ${t}). Is everything working well? Just reply to this message if not.`,
  },
  installation_call: {
    'zh-Hant': () => '您好，感謝您選用我們的產品。新設備安裝後使用情況如何？如需協助，直接回覆此訊息即可。',
    'zh-Hans': () => '您好，感谢您选用我们的产品。新设备安装后使用情况如何？如需协助，直接回复此消息即可。',
    en: () => 'Hello, thank you for choosing our products. How is your new installation working? Just reply if you need any help.',
  },
  quarterly_contact: {
    'zh-Hant': () => '您好，我們是售後服務中心，定期關心您的設備使用情況。如有任何需要，直接回覆此訊息即可。',
    'zh-Hans': () => '您好，我们是售后服务中心，定期关心您的设备使用情况。如有任何需要，直接回复此消息即可。',
    en: () => 'Hello from the after-sales service desk: we are checking in on your equipment. Just reply if there is anything we can do.',
  },
};

const SUBJECT: Record<SurveyLanguage, string> = { 'zh-Hant': '售後服務關懷', 'zh-Hans': '售后服务关怀', en: 'Checking in from after-sales service' };

/** The message a follow-up sends on a messaging channel; `ref` is the ticket number when there is one. */
export function followUpMessage(kind: FollowUpKind, language: SurveyLanguage, ref: string): { text: string; subject: string } {
  return { text: TEXT[kind][language](ref), subject: SUBJECT[language] };
}

/** What staff are asked to do when a follow-up is a call. */
export const FOLLOW_UP_CALL_TITLE: Record<FollowUpKind, string> = {
  repair_checkin: 'Check-in call after a repaired unit was returned',
  installation_call: 'First call after a new installation',
  quarterly_contact: 'Regular customer contact (quarterly)',
};
