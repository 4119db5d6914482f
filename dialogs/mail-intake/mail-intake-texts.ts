import type { TicketCategory } from '../../src/generated/prisma/enums.js';
import type { Language } from '../../src/messages/channel-kind.js';
import type { TicketDetailField } from '../../src/tickets/ticket-details.js';

/** Wording of the e-mail intake: a letter, not a chat, so complete sentences and one list to answer. */
export type MailIntakeTexts = {
  salutation: (name: string | undefined) => string;
  opened: (number: string) => string;
  inquiryOpened: (number: string) => string;
  promise: Record<'first_response' | 'email_reply' | 'callback' | 'on_site_arrival', (time: string) => string>;
  understood: string;
  category: Record<TicketCategory, string>;
  labels: Record<TicketDetailField | 'type' | 'problem', string>;
  askHeading: string;
  ask: Record<TicketDetailField, string>;
  keepNumber: (number: string) => string;
  signoff: string;
  kbMore: string;
  detailsAdded: (number: string) => string;
  stillMissing: string;
  messageAdded: (number: string) => string;
  welcome: string;
  describe: string;
};

const en: MailIntakeTexts = {
  salutation: (name) => (name ? `Dear ${name},` : 'Hello,'),
  opened: (number) => `Thank you for your e-mail. We have opened service ticket ${number} for you.`,
  inquiryOpened: (number) => `Thank you for your e-mail. We have passed your question to a colleague as ticket ${number}.`,
  promise: {
    first_response: (time) => `We will get back to you by ${time}.`,
    email_reply: (time) => `We will answer by e-mail by ${time}.`,
    callback: (time) => `We will call you back by ${time}.`,
    on_site_arrival: (time) => `An engineer will be on site by ${time}.`,
  },
  understood: 'What we understood:',
  category: { fault: 'Fault report', inquiry: 'Question', complaint: 'Complaint' },
  labels: {
    type: 'Type',
    problem: 'Problem',
    contactName: 'Name',
    contactPhone: 'Phone',
    productModel: 'Product',
    serial: 'Serial number',
    purchaseDate: 'Purchase date',
    siteAddress: 'Site address',
  },
  askHeading: 'To help us, please reply to this e-mail with the following, one line each (for example "1. 2024-03-15"); write "skip" for anything you do not know:',
  ask: {
    contactName: 'Your name',
    contactPhone: 'A phone number we can call',
    productModel: 'Product model (for example HP LaserJet M404)',
    serial: 'Serial number (on the label at the back)',
    purchaseDate: 'Purchase date (for example 2024-03-15)',
    siteAddress: 'Address where the equipment is, including the city',
  },
  keepNumber: (number) => `Please keep [${number}] in the subject when you write to us about this.`,
  signoff: 'After-sales service',
  kbMore: 'If this does not answer your question, just reply to this e-mail and a colleague will take it up.',
  detailsAdded: (number) => `Thank you. We have added these details to ticket ${number}:`,
  stillMissing: 'If you can, please also send:',
  messageAdded: (number) => `Thank you. We have added your message to ticket ${number}; a colleague will read it and reply.`,
  welcome: 'You are welcome. If there is anything else, just reply to this e-mail.',
  describe: 'Thank you for your e-mail. Please tell us what happened (the product model and what it does), and we will open a service ticket right away.',
};

const zhHant: MailIntakeTexts = {
  salutation: (name) => (name ? `${name} 您好：` : '您好：'),
  opened: (number) => `感謝您的來信，我們已為您建立服務單 ${number}。`,
  inquiryOpened: (number) => `感謝您的來信，您的問題已轉交同仁處理，服務單號碼為 ${number}。`,
  promise: {
    first_response: (time) => `我們將於 ${time} 前與您聯絡。`,
    email_reply: (time) => `我們將於 ${time} 前以電子郵件回覆您。`,
    callback: (time) => `我們將於 ${time} 前回電給您。`,
    on_site_arrival: (time) => `工程師將於 ${time} 前到場服務。`,
  },
  understood: '我們了解的內容：',
  category: { fault: '故障報修', inquiry: '一般詢問', complaint: '投訴' },
  labels: {
    type: '類別',
    problem: '問題',
    contactName: '姓名',
    contactPhone: '電話',
    productModel: '產品型號',
    serial: '序號',
    purchaseDate: '購買日期',
    siteAddress: '設備地址',
  },
  askHeading: '為了盡快協助您，請直接回覆此郵件並提供以下資料，每項一行（例如「1. 2024-03-15」）；不清楚的項目請寫「略過」：',
  ask: {
    contactName: '您的姓名',
    contactPhone: '可以聯絡您的電話',
    productModel: '產品型號（例如 HP LaserJet M404）',
    serial: '機身序號（通常在機器背面的標籤上）',
    purchaseDate: '購買日期（例如 2024-03-15）',
    siteAddress: '設備所在地址（請包含縣市）',
  },
  keepNumber: (number) => `日後來信請在主旨保留 [${number}]。`,
  signoff: '售後服務中心',
  kbMore: '若以上未能解答您的問題，請直接回覆此郵件，將由同仁為您處理。',
  detailsAdded: (number) => `謝謝您，以下資料已加入服務單 ${number}：`,
  stillMissing: '若方便，請再提供：',
  messageAdded: (number) => `謝謝您，您的訊息已加入服務單 ${number}，同仁將會閱讀並回覆您。`,
  welcome: '不客氣。若還有其他需要，請直接回覆此郵件。',
  describe: '感謝您的來信。請告訴我們發生了什麼狀況（產品型號與問題），我們會立即為您建立服務單。',
};

const zhHans: MailIntakeTexts = {
  salutation: (name) => (name ? `${name} 您好：` : '您好：'),
  opened: (number) => `感谢您的来信，我们已为您创建服务单 ${number}。`,
  inquiryOpened: (number) => `感谢您的来信，您的问题已转交同事处理，服务单号为 ${number}。`,
  promise: {
    first_response: (time) => `我们将在 ${time} 前与您联系。`,
    email_reply: (time) => `我们将在 ${time} 前通过电子邮件回复您。`,
    callback: (time) => `我们将在 ${time} 前给您回电。`,
    on_site_arrival: (time) => `工程师将在 ${time} 前上门服务。`,
  },
  understood: '我们了解的内容：',
  category: { fault: '故障报修', inquiry: '一般咨询', complaint: '投诉' },
  labels: {
    type: '类别',
    problem: '问题',
    contactName: '姓名',
    contactPhone: '电话',
    productModel: '产品型号',
    serial: '序列号',
    purchaseDate: '购买日期',
    siteAddress: '设备地址',
  },
  askHeading: '为了尽快协助您，请直接回复此邮件并提供以下信息，每项一行（例如“1. 2024-03-15”）；不清楚的项目请写“跳过”：',
  ask: {
    contactName: '您的姓名',
    contactPhone: '可以联系您的电话',
    productModel: '产品型号（例如 HP LaserJet M404）',
    serial: '机身序列号（通常在机器背面的标签上）',
    purchaseDate: '购买日期（例如 2024-03-15）',
    siteAddress: '设备所在地址（请包含省市）',
  },
  keepNumber: (number) => `以后来信请在主题中保留 [${number}]。`,
  signoff: '售后服务中心',
  kbMore: '如果以上未能解答您的问题，请直接回复此邮件，将由同事为您处理。',
  detailsAdded: (number) => `谢谢您，以下信息已加入服务单 ${number}：`,
  stillMissing: '如方便，请再提供：',
  messageAdded: (number) => `谢谢您，您的消息已加入服务单 ${number}，同事将会阅读并回复您。`,
  welcome: '不客气。如还有其他需要，请直接回复此邮件。',
  describe: '感谢您的来信。请告诉我们发生了什么情况（产品型号和问题），我们会立即为您创建服务单。',
};

export const mailIntakeTexts: Record<Language, MailIntakeTexts> = { en, 'zh-Hant': zhHant, 'zh-Hans': zhHans };
