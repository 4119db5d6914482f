import { describe, expect, it } from 'vitest';
import { reportText } from '../../src/understanding/report-text.js';

describe('the report without its greeting and self-introduction', () => {
  it.each([
    { language: 'zh-Hant', text: '您好，我們是飲料店「茶覺」，店裡的飲水機RO-880出水很慢，濾心上個月才換過。', starts: '店裡的飲水機RO-880出水很慢' },
    { language: 'zh-Hant', text: '老師傅您好～想請教一下，我們家有兩台你們的冷氣，主臥那台遙控器按了沒反應', starts: '我們家有兩台你們的冷氣' },
    { language: 'zh-Hans', text: '你好，我们是苏州的一家注塑厂，车间里那台工业冷水机今天早上开始报E4故障', starts: '车间里那台工业冷水机' },
    { language: 'en', text: 'Hi there, I run a small bakery and our display fridge compressor died after 14 months.', starts: 'Our display fridge compressor died' },
    { language: 'en', text: 'Hi, this is Angela Ho from Harbour View Dental Clinic. Our instant water heater shows error E5.', starts: 'Our instant water heater shows error E5' },
  ])('starts the $language report at the fault: "$starts"', ({ text, starts }) => {
    expect(reportText(text).startsWith(starts)).toBe(true);
  });

  it.each(['冷氣不冷了，只會吹風', 'I am having trouble with my fridge, it is warm inside', '我是昨天報修的，冷氣還是不冷'])('leaves a report that starts with the fault as it is: "%s"', (text) => {
    expect(reportText(text)).toBe(text);
  });

  it('keeps a message that is only a greeting', () => {
    expect(reportText('您好')).toBe('您好');
  });
});
