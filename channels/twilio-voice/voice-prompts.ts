/** What the line says, in Mandarin (Taiwan) and English. Short sentences: they are heard, not read. */
export type VoiceLanguage = 'zh' | 'en';

export const voices = {
  zh: { say: { language: 'zh-TW', voice: 'Google.cmn-TW-Standard-A' }, gather: 'cmn-Hant-TW' },
  en: { say: { language: 'en-US', voice: 'Polly.Joanna' }, gather: 'en-US' },
} as const;

export const prompts = {
  zh: {
    greeting: '您好，這裡是售後服務專線。',
    menu: '轉接專人請按0。報修請按1，產品諮詢請按2，投訴請按3，查詢服務單進度請按4。您也可以直接說出您的問題。',
    otherLanguage: 'For English, press 9. To speak to a person, press 0.',
    notUnderstood: '抱歉，我沒有聽清楚。',
    offerPerson: '如需轉接專人，請按0。',
    askTicketNumber: '請輸入服務單號碼的數字，也就是年份四位數加上六位數序號，最後按井字鍵。',
    badTicketNumber: '這個號碼不完整。',
    connecting: '正在為您轉接專人，請稍候。',
    ringingStaff: '您好，這裡是售後服務專線，正在為您轉接專人，請稍候。',
    staffBusy: '同仁目前都在忙線中，請使用語音選單，我們一樣會為您處理。',
    nobodyAvailable: '很抱歉，目前沒有人員可以接聽。',
    afterHours: '您好，這裡是售後服務專線。現在是非營業時間。',
    leaveMessage: (hours: number) => `請在嗶聲後留下您的姓名、電話和問題，按井字鍵結束。我們會在${hours}小時內回電。`,
    voicemailSaved: (ticket: string, hours: number) => `謝謝您的留言。您的服務單號碼是 ${ticket}。我們會在${hours}小時內回電給您。再見。`,
    noCallerId: '我們無法辨識您的來電號碼，將為您轉接專人。',
    anythingElse: '還有其他需要協助的地方嗎？',
    goodbye: '謝謝您的來電，再見。',
    menuChoiceText: { fault: '我要報修', question: '我有產品問題想詢問', complaint: '我要投訴', status: '查詢服務單進度' },
    checkIn: {
      menu: '您好，這裡是售後服務中心的定期關懷電話。設備一切正常，請按1。有問題需要協助，請按2。轉接專人，請按0。',
      fine: '很高興您的設備一切正常。感謝您，再見。',
      callBack: '好的，我們的同事會在下一個工作日內回電給您。感謝您，再見。',
      noAnswer: '我們稍後會再與您聯絡。再見。',
    },
  },
  en: {
    greeting: 'Hello, this is the after-sales service line.',
    menu: 'To speak to a person, press 0. To report a fault, press 1. For a question about a product, press 2. To make a complaint, press 3. For the status of a service ticket, press 4. You can also tell us your problem in a few words.',
    otherLanguage: '中文服務請按8，轉接專人請按0。',
    notUnderstood: "Sorry, I didn't catch that.",
    offerPerson: 'To speak to a person, press 0.',
    askTicketNumber: 'Please key in the digits of your ticket number: the four-digit year and the six-digit number, then press the pound key.',
    badTicketNumber: 'That number is incomplete.',
    connecting: 'Connecting you to a colleague. Please hold.',
    ringingStaff: 'Hello, this is the after-sales service line. Connecting you to a colleague. Please hold.',
    staffBusy: 'All our colleagues are busy right now. The menu will help you just as well.',
    nobodyAvailable: 'Sorry, nobody is available to take your call right now.',
    afterHours: 'Hello, this is the after-sales service line. We are closed right now.',
    leaveMessage: (hours: number) => `Please leave your name, number and problem after the tone, then press the pound key. We will call you back within ${hours} hours.`,
    voicemailSaved: (ticket: string, hours: number) => `Thank you for your message. Your ticket number is ${ticket}. We will call you back within ${hours} hours. Goodbye.`,
    noCallerId: 'We cannot see your phone number, so we will connect you to a colleague.',
    anythingElse: 'Is there anything else we can help with?',
    goodbye: 'Thank you for calling. Goodbye.',
    menuChoiceText: { fault: 'I want to report a fault', question: 'I have a question about a product', complaint: 'I want to make a complaint', status: 'Status of my service ticket' },
    checkIn: {
      menu: 'Hello, this is the after-sales service desk with our regular check-in call. If all your equipment is working well, press 1. If you have a problem, press 2. To speak to a person, press 0.',
      fine: 'We are glad everything is working well. Thank you, and goodbye.',
      callBack: 'Thank you. A colleague will call you back by the end of the next working day. Goodbye.',
      noAnswer: 'We will be in touch again later. Goodbye.',
    },
  },
} as const;

/** Ticket numbers are read character by character: "SR-2026-000123" → "S R, 2 0 2 6, 0 0 0 1 2 3". */
export function spokenTicketNumber(number: string): string {
  return number
    .split('-')
    .map((part) => part.split('').join(' '))
    .join(', ');
}
