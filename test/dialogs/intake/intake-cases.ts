import { TICKET, type TranscriptCase } from '../transcript.js';

/** A full fault report in each language: only missing fields are asked, the model comes from the message. */
export const faultReports: (TranscriptCase & { language: string })[] = [
  {
    name: 'English',
    language: 'en',
    steps: [
      { send: 'My HP LaserJet M404 printer is broken, it jams on every page', expect: ['sorry to hear', 'May I have your name'] },
      { send: 'Alice Chen', expect: ['company or project'] },
      { send: 'Acme Trading', expect: ['serial number'] },
      { send: 'skip', expect: ['When did you buy it'] },
      { send: '2025-06-01', expect: ['site address'] },
      { send: '8 Songgao Rd, Taipei City', expect: ['Model: HP LaserJet M404', 'Purchase date: 2025-06-01', 'Serial number: not given', 'Is everything correct?'] },
      { send: 'yes', expect: [TICKET, 'Thank you, Alice Chen', 'will contact you by Wed 25 Nov 12:00'] },
    ],
  },
  {
    name: 'Traditional Chinese',
    language: 'zh-Hant',
    steps: [
      { send: '您好，我們的印表機壞了，一直卡紙，型號 Canon G3010', expect: ['很抱歉造成您的不便', '請問您貴姓大名？'] },
      { send: '王小明', expect: ['公司或哪個專案'] },
      { send: '略過', expect: ['序號'] },
      { send: '略過', expect: ['購買'] },
      { send: '2024年3月5日', expect: ['地址'] },
      { send: '台北市信義區松高路1號', expect: ['型號: Canon G3010', '購買日期: 2024-03-05', '請您確認以上資料是否正確？'] },
      { send: '是', expect: [TICKET, '謝謝您，王小明', '11月25日（週三）12:00 前與您聯絡'] },
    ],
  },
  {
    name: 'Simplified Chinese',
    language: 'zh-Hans',
    steps: [
      { send: '我的打印机坏了，一直卡纸，请派人来看看', expect: ['很抱歉给您带来不便', '请问您贵姓？'] },
      { send: '李华', expect: ['公司或哪个项目'] },
      { send: '跳过', expect: ['产品型号'] },
      { send: 'Brother HL-L2350', expect: ['序列号'] },
      { send: '跳过', expect: ['购买'] },
      { send: '跳过', expect: ['地址'] },
      { send: '上海市浦东新区世纪大道1号', expect: ['请您确认以上信息是否正确？'] },
      { send: '是的', expect: [TICKET, '谢谢您，李华', '11月25日（周三）12:00 前与您联系'] },
    ],
  },
];
