import type { Language } from '../../../src/messages/channel-kind.js';

/** Intake driven alone (DialogTestClient, fake commands): customer lines and the reply each must contain. */
export const inquiryIntakeCases: { language: Language; lines: [string, string][] }[] = [
  {
    language: 'en',
    lines: [
      ['I need a copy of my invoice', 'May I have your name'],
      ['Amy', 'Is everything correct?'],
      ['yes', 'Your ticket number is SR-2026-000001. A service engineer will contact you by Wed 25 Nov 12:00.'],
    ],
  },
  {
    language: 'zh-Hant',
    lines: [
      ['我需要發票副本', '請問您貴姓大名？'],
      ['林小姐', '請您確認以上資料是否正確？'],
      ['對', '您的工單編號是 SR-2026-000001。服務工程師將於 11月25日（週三）12:00 前與您聯絡。'],
    ],
  },
  {
    language: 'zh-Hans',
    lines: [
      ['我需要发票副本', '请问您贵姓？'],
      ['林女士', '请您确认以上信息是否正确？'],
      ['好的', '您的工单编号是 SR-2026-000001。服务工程师将在 11月25日（周三）12:00 前与您联系。'],
    ],
  },
];
