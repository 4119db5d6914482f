import type { Language } from '../../src/messages/channel-kind.js';

export type IntakeField = 'name' | 'company' | 'contact' | 'productModel' | 'serial' | 'purchaseDate' | 'problem' | 'siteAddress';

type FieldTexts = { ask: string; retry: string; label: string };

export type IntakeTexts = {
  fields: Record<IntakeField, FieldTexts>;
  skipHint: string;
  intro: { fault: string; inquiry: string; complaint: string; urgent: string };
  confirm: string;
  confirmRetry: string;
  whichField: string;
  whichFieldRetry: string;
  skipped: string;
  opened: (name: string | undefined, number: string) => string;
  firstResponse: (time: string) => string;
  onSite: (time: string) => string;
  emailReply: (time: string) => string;
  callback: (time: string) => string;
  closing: string;
  /** A correction was applied: what the values are now ("Model RAS-50NK"). */
  corrected: (values: string) => string;
  listSeparator: string;
};

const en: IntakeTexts = {
  fields: {
    name: { ask: 'May I have your name, please?', retry: 'Sorry, I did not catch that. Could you tell me your name, for example Chen Mei?', label: 'Name' },
    company: { ask: 'Which company or project is this for?', retry: 'Could you tell me the company or project name, for example Acme Trading?', label: 'Company/project' },
    contact: { ask: 'What phone number or e-mail address can we reach you at?', retry: 'Sorry, that does not look like a valid phone number or e-mail address. Could you send it again, for example 0912 345 678 or name@example.com?', label: 'Contact' },
    productModel: { ask: 'Which product model is it?', retry: 'Could you tell me the product model, for example HP LaserJet M404?', label: 'Model' },
    serial: { ask: 'Do you know the serial number? It is usually on a label on the back.', retry: 'Could you send the serial number again, for example X5QK012345?', label: 'Serial number' },
    purchaseDate: { ask: 'When did you buy it? A date such as 2024-03-15 helps us check the warranty.', retry: 'Sorry, I could not read that date. Could you send it like 2024-03-15, March 2024 or "last year"? It cannot be in the future.', label: 'Purchase date' },
    problem: { ask: 'Could you briefly describe the problem?', retry: 'Could you describe the problem in a few words, for example "the printer jams on every page"?', label: 'Problem' },
    siteAddress: { ask: 'Where is the equipment? Please give the site address, including the city.', retry: 'Could you send the site address again, including the city, for example 8 Songgao Rd, Taipei City?', label: 'Site address' },
  },
  skipHint: ' (You can say "skip".)',
  intro: {
    fault: 'I am sorry to hear about the problem. I will open a service ticket for you.',
    inquiry: 'I will pass your question to a colleague, so let me open a ticket for you.',
    complaint: 'I will record your complaint.',
    urgent: 'I understand this is urgent. I will open a ticket right away and bring in a colleague.',
  },
  confirm: 'Please check the details. Is everything correct?',
  confirmRetry: 'Please answer yes or no: is everything correct?',
  whichField: 'Which detail would you like to change?',
  whichFieldRetry: 'Please choose the detail to change.',
  skipped: 'not given',
  opened: (name, number) => `Thank you${name ? `, ${name}` : ''}. Your ticket number is ${number}.`,
  firstResponse: (time) => `A service engineer will contact you by ${time}.`,
  onSite: (time) => `An engineer will be on site by ${time}.`,
  emailReply: (time) => `We will reply by e-mail by ${time}.`,
  callback: (time) => `We will call you back by ${time}.`,
  closing: 'You can check the ticket at any time by sending its number.',
  corrected: (values) => `Thank you, I have corrected it: ${values}.`,
  listSeparator: ', ',
};

const zhHant: IntakeTexts = {
  fields: {
    name: { ask: '請問您貴姓大名？', retry: '不好意思，我沒有聽清楚，請問您的大名是？例如：陳美玲。', label: '姓名' },
    company: { ask: '請問是哪一間公司或哪個專案？', retry: '請您提供公司或專案名稱，例如：大安貿易。', label: '公司/專案' },
    contact: { ask: '請問我們可以用哪個電話或電子郵件聯絡您？', retry: '不好意思，這看起來不是有效的電話或電子郵件，請您再提供一次，例如 0912 345 678 或 name@example.com。', label: '聯絡方式' },
    productModel: { ask: '請問產品型號是？', retry: '請您提供產品型號，例如 HP LaserJet M404。', label: '型號' },
    serial: { ask: '請問您知道機身序號嗎？通常在機器背面的標籤上。', retry: '請您再提供一次序號，例如 X5QK012345。', label: '序號' },
    purchaseDate: { ask: '請問您是什麼時候購買的？提供日期（例如 2024-03-15）可協助我們確認保固。', retry: '不好意思，我無法辨識這個日期，請您以 2024-03-15、2024年3月或「去年」這樣的方式提供，且不能是未來的日期。', label: '購買日期' },
    problem: { ask: '請您簡單描述一下發生的問題。', retry: '請您用幾句話描述問題，例如「印表機每一頁都卡紙」。', label: '問題描述' },
    siteAddress: { ask: '請問設備所在的地址是？請包含縣市。', retry: '請您再提供一次設備地址，並包含縣市，例如：台北市信義區松高路1號。', label: '設備地址' },
  },
  skipHint: '（可回覆「略過」。）',
  intro: {
    fault: '很抱歉造成您的不便，我來為您建立維修工單。',
    inquiry: '我會將您的問題轉給同仁處理，先為您建立一張工單。',
    complaint: '我來為您記錄這次的投訴。',
    urgent: '了解情況緊急，我立即為您建立工單並請同仁協助。',
  },
  confirm: '請您確認以上資料是否正確？',
  confirmRetry: '請回覆「是」或「否」：以上資料是否正確？',
  whichField: '請問您要修改哪一項資料？',
  whichFieldRetry: '請選擇要修改的項目。',
  skipped: '未提供',
  opened: (name, number) => `謝謝您${name ? `，${name}` : ''}。您的工單編號是 ${number}。`,
  firstResponse: (time) => `服務工程師將於 ${time} 前與您聯絡。`,
  onSite: (time) => `工程師將於 ${time} 前到場服務。`,
  emailReply: (time) => `我們將於 ${time} 前以電子郵件回覆您。`,
  callback: (time) => `我們將於 ${time} 前回電給您。`,
  closing: '您隨時可以傳送工單編號查詢進度。',
  corrected: (values) => `好的，已為您更正：${values}。`,
  listSeparator: '、',
};

const zhHans: IntakeTexts = {
  fields: {
    name: { ask: '请问您贵姓？', retry: '不好意思，我没有听清楚，请问您的姓名是？例如：陈美玲。', label: '姓名' },
    company: { ask: '请问是哪一家公司或哪个项目？', retry: '请您提供公司或项目名称，例如：大安贸易。', label: '公司/项目' },
    contact: { ask: '请问我们可以通过哪个电话或电子邮件联系您？', retry: '不好意思，这看起来不是有效的电话或电子邮件，请您再提供一次，例如 13912345678 或 name@example.com。', label: '联系方式' },
    productModel: { ask: '请问产品型号是？', retry: '请您提供产品型号，例如 HP LaserJet M404。', label: '型号' },
    serial: { ask: '请问您知道机身序列号吗？通常在机器背面的标签上。', retry: '请您再提供一次序列号，例如 X5QK012345。', label: '序列号' },
    purchaseDate: { ask: '请问您是什么时候购买的？提供日期（例如 2024-03-15）可帮助我们确认保修。', retry: '不好意思，我无法识别这个日期，请您按 2024-03-15、2024年3月或“去年”这样的方式提供，且不能是将来的日期。', label: '购买日期' },
    problem: { ask: '请您简单描述一下遇到的问题。', retry: '请您用几句话描述问题，例如“打印机每一页都卡纸”。', label: '问题描述' },
    siteAddress: { ask: '请问设备所在的地址是？请包含省市。', retry: '请您再提供一次设备地址，并包含省市，例如：上海市浦东新区世纪大道1号。', label: '设备地址' },
  },
  skipHint: '（可回复“跳过”。）',
  intro: {
    fault: '很抱歉给您带来不便，我来为您创建维修工单。',
    inquiry: '我会将您的问题转给同事处理，先为您创建一张工单。',
    complaint: '我来为您记录这次的投诉。',
    urgent: '了解情况紧急，我立即为您创建工单并请同事协助。',
  },
  confirm: '请您确认以上信息是否正确？',
  confirmRetry: '请回复“是”或“否”：以上信息是否正确？',
  whichField: '请问您要修改哪一项信息？',
  whichFieldRetry: '请选择要修改的项目。',
  skipped: '未提供',
  opened: (name, number) => `谢谢您${name ? `，${name}` : ''}。您的工单编号是 ${number}。`,
  firstResponse: (time) => `服务工程师将在 ${time} 前与您联系。`,
  onSite: (time) => `工程师将在 ${time} 前上门服务。`,
  emailReply: (time) => `我们将在 ${time} 前通过电子邮件回复您。`,
  callback: (time) => `我们将在 ${time} 前给您回电。`,
  closing: '您随时可以发送工单编号查询进度。',
  corrected: (values) => `好的，已为您更正：${values}。`,
  listSeparator: '、',
};

export const intakeTexts: Record<Language, IntakeTexts> = { en, 'zh-Hant': zhHant, 'zh-Hans': zhHans };
