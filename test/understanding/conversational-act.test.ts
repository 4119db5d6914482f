import { describe, expect, it } from 'vitest';
import { conversationalAct } from '../../src/understanding/conversational-act.js';
import { understand } from '../../src/understanding/understand.js';
import type { ConversationalAct } from '../../src/understanding/understanding-schema.js';

/** Per act: English, Traditional, Simplified, Cantonese and code-mixed forms customers really send. */
const EXAMPLES: Record<ConversationalAct, readonly string[]> = {
  greeting: ['hi', 'Hello!', 'hey there', 'Good morning :)', '你好', '您好～', '哈囉', '早晨', '喂，有冇人呀', '哈啰', 'hi 你好', '👋', '喂 喂 有人在嗎', 'hello? anyone around?', '有人在听吗'],
  thanks: [
    'thanks', 'Thank you so much!!', 'ok thx', 'TY!', 'no thanks', "no, that's all thanks", 'nothing else, thank you', 'great thanks',
    '謝謝', '謝謝你！', '好的 謝謝', '沒有了，謝謝', '沒有了謝謝', '谢谢', '好的，谢谢', '没有了，谢谢', '收到，谢谢',
    '唔該晒', '多謝晒！', '冇嘢啦 thank you', '唔使喇 唔該', 'ok 唔該', '🙏',
  ],
  goodbye: ['bye', 'Bye bye!', 'goodbye', 'see you', 'have a nice day', '再見', '拜拜', '再见', '88', '得閒再傾', 'ok bye', 'thanks, bye', '好的 謝謝 再見', '掰', '謝謝你 拜拜', 'ok talk later', 'ttyl'],
  affirm: ['yes', 'Yes please', 'ok', 'OK 👍', '👍', 'got it', 'sure', 'sounds good', '是的', '好', '好的', '對', '可以', '对的', '没问题', '係呀', '嗯嗯', '明白', '收到', 'ok啦', '好呀 ok', 'ok book it', 'that works for me', '有啦 有啦', '有的'],
  deny: ['no', 'No.', 'nope', 'not really', '不是', '不用了', '不要', '不对', '唔係', '唔使', '冇', 'no 唔使'],
  skip: [
    'skip', 'Skip!', 'n/a', 'none', 'no idea', "I don't know", 'dont know', 'idk', 'not sure', "can't remember", 'pass',
    '略過', '跳過', '不知道', '不清楚', '不記得', '略过', '跳过', '不记得', '忘记了', '唔知', '唔知呀', '唔記得咗', 'sorry 唔知', '不知道 sorry',
  ],
  human: [
    'agent', 'human please', 'can I talk to a real person please', "I'd like to speak to an agent", 'connect me to a human', 'live agent',
    '人工', '轉人工', '我要真人', '我要找客服人員', '請幫我轉接客服人員', '转人工', '人工客服', '我要找客服人员',
    '可唔可以搵個真人', '我想搵個真人同我傾', '我要同真人講', 'hi, 我要真人', '真人 please',
  ],
  smalltalk: ['how are you?', 'who are you', 'are you a bot?', 'haha', '你是機器人嗎？', '你好嗎', '你是谁', '你是机器人吗', '你係咪機械人', '食咗飯未', '哈哈'],
};

/** Messages with service content: the content wins, whatever greeting or politeness surrounds it. */
const CONTENT: readonly string[] = [
  'hi there, my printer is broken',
  'Hello, is this the service centre for Daikin?',
  'ok, but the printer still leaks',
  'thanks, but the technician never came',
  'no, the error is still there',
  '維修要收費嗎？',
  '你好，我部冷氣機唔凍',
  '谢谢，另外想问保修多久',
  '我家的冷氣機不冷，一直滴水，型號 RAS-40NK',
  'I want to speak to a person about my broken printer',
  '我想投訴你哋客服',
  '你們客服態度很差',
  'I don\'t know why it keeps beeping',
  'yes the fridge is still warm',
  '',
  '   ',
];

describe('conversational acts', () => {
  for (const [act, texts] of Object.entries(EXAMPLES)) {
    it(`recognises ${act} in English, Chinese, Cantonese and mixed forms`, () => {
      for (const text of texts) expect({ text, act: conversationalAct(text) }).toEqual({ text, act });
    });
  }

  it('gives no act to a message that carries service content', () => {
    for (const text of CONTENT) expect({ text, act: conversationalAct(text) }).toEqual({ text, act: null });
  });

  it('ignores case, full-width forms and trailing punctuation or emoji', () => {
    expect(conversationalAct('ＴＨＡＮＫＳ！！！')).toBe('thanks');
    expect(conversationalAct('OK~~ 😊')).toBe('affirm');
    expect(conversationalAct('再見。')).toBe('goodbye');
  });

  it('treats a long message as content even when it is polite', () => {
    expect(conversationalAct(`thanks ${'very '.repeat(40)}much`)).toBeNull();
  });
});

describe('conversational acts in understand()', () => {
  it('reports the act beside the category', () => {
    expect(understand('ok thx', { channel: 'chat' }).act).toBe('thanks');
    expect(understand('您好 我是鼓樓店的劉藥師', { channel: 'chat' }).act).toBe('greeting');
    expect(understand('您好 我是鼓樓店的劉藥師，冰箱溫度一直升高', { channel: 'chat' }).act).toBeNull();
    expect(understand('hi there, my printer is broken', { channel: 'chat' }).act).toBeNull();
  });

  it('marks a request for customer service staff as a human request, not a complaint', () => {
    const u = understand('我要找客服人員', { channel: 'chat' });
    expect(u.act).toBe('human');
    expect(u.isHumanRequest).toBe(true);
  });

  it('keeps a fee question an inquiry with no act', () => {
    const u = understand('維修要收費嗎？', { channel: 'chat' });
    expect(u.act).toBeNull();
    expect(u.category).toBe('inquiry');
    expect(u.isHumanRequest).toBe(false);
  });

  it('does not read a complaint about customer service as a request for a person', () => {
    expect(understand('你們客服態度很差，我要投訴', { channel: 'chat' }).isHumanRequest).toBe(false);
  });

  it('takes praise for a finished service as thanks, not as a complaint or a new request', () => {
    for (const text of ['thanks, your technician was great yesterday', 'Your engineer was very patient and explained everything. Cheers!', '謝謝你們上次的維修，師傅很專業', '师傅很细心，空调修好了，谢谢', '個師傅好有禮貌 唔該晒']) {
      const u = understand(text, { channel: 'chat' });
      expect({ text, act: u.act, category: u.category }).toEqual({ text, act: 'thanks', category: 'inquiry' });
    }
  });

  it('keeps praise with a complaint, a fault or a question as content', () => {
    for (const text of ['nice guy but he left a mess in the kitchen', 'the technician was not very professional', '技術員很專業，不過收費太貴', 'great job, when is the next maintenance?', '师傅很专业 但是空调还是不冷']) {
      expect({ text, act: understand(text, { channel: 'chat' }).act }).toEqual({ text, act: null });
    }
  });

  it('takes "it works again, thanks" as a closing thanks', () => {
    for (const text of ['The dryer is working fine now, thanks for the quick help', '洗衣機已經恢復正常了，謝謝你們', '热水器弄好了 谢谢师傅', '部雪櫃搞掂咗 唔該晒']) {
      expect({ text, act: understand(text, { channel: 'sms' }).act }).toEqual({ text, act: 'thanks' });
    }
  });

  it('keeps a suggestion that ends with thanks a message for staff', () => {
    expect(understand('修好了，不過建議下次先打電話再上門，謝謝', { channel: 'chat' }).act).toBeNull();
    expect(understand('All fixed, thanks. One suggestion: send the invoice by e-mail next time', { channel: 'email' }).act).toBeNull();
  });

  it('takes test messages, weather chat and jibes at the bot as small talk', () => {
    for (const text of ['testing 1 2 3', 'this is just a test, please ignore', '今天天氣好冷喔', 'you are so useless lol', '你好笨', 'Merry Christmas everyone!', '測試 測試 123', '哈囉 今天天氣很好耶', '你們是機器人嗎', '今天心情不好，陪我聊聊天吧']) {
      expect({ text, act: understand(text, { channel: 'chat' }).act }).toEqual({ text, act: 'smalltalk' });
    }
  });

  it('does not take small talk that names an appliance or a fault for small talk', () => {
    for (const text of ['天氣好熱 冷氣不冷', 'so hot today and the aircon is dead', 'test print comes out blank']) {
      expect({ text, act: understand(text, { channel: 'chat' }).act }).toEqual({ text, act: null });
    }
  });

  it('reads a symptom with "I do not know the model" as a fault report, not a skipped answer', () => {
    for (const text of ['冷氣滴水 型號不知道', '洗衣机不脱水 型号不记得了', "dryer won't spin, no idea of the model"]) {
      const u = understand(text, { channel: 'sms' });
      expect({ text, act: u.act, category: u.category }).toEqual({ text, act: null, category: 'fault' });
    }
  });

  it('reads a thumbs-up on its own as a yes, though the message has no text', () => {
    const u = understand('👍', { channel: 'chat' });
    expect(u.isEmpty).toBe(true);
    expect(u.act).toBe('affirm');
  });
});
