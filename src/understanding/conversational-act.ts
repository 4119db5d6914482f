import type { Scored } from './classifier.js';
import type { CueName } from './cues.js';
import type { ConversationalAct } from './understanding-schema.js';

/**
 * What a short message does in the conversation, before any service category: a greeting, thanks or a
 * goodbye, yes or no, skip / don't know, asking for a person, or small talk. Such messages must never
 * open a ticket.
 *
 * A message is an act only when it is made entirely of act phrases and fillers ("ok thx", "好的 謝謝",
 * "冇嘢啦 thank you", "hi, 我要真人"): a single word of content ("hi there, my printer is broken",
 * "維修要收費嗎") makes it null, so content always wins. When several acts appear, the one that matters
 * most to the dialog wins (see PRIORITY): "ok thx" is thanks, "no, thanks" is thanks, "thanks, bye" is
 * thanks (a closing either way), "hi, can I talk to a person" is human.
 *
 * Phrases are written lower case in Traditional and Simplified, Cantonese and English; the text is
 * NFKC-folded and lower-cased first, so full-width forms and capitals match too.
 */
const PHRASES: Record<ConversationalAct | 'filler', readonly string[]> = {
  human: [
    // English: "agent", "a human please", "can I talk to a real person", "connect me to an agent"
    String.raw`(?:(?:i|we)(?: want| wanna| need| would like|'d like) (?:to )?(?:speak|talk|chat) (?:to|with) |(?:can|could|may) (?:i|we) (?:please )?(?:speak|talk|chat) (?:to|with) |(?:let me |i want to |pls |please )?(?:speak|talk|chat) (?:to|with) |(?:please )?(?:connect|transfer|put) (?:me )?(?:through )?(?:to|with) |(?:i|we)(?: want| need| would like|'d like) |give me |get me )?(?:a |an |some |the |your )?(?:real |live |actual |human )?(?:person|human|agent|operator|representative|rep|staff|staff member|someone real|somebody real|customer service|customer service agent|customer service rep|customer support|support agent|human agent|live agent|live chat|somebody|someone)`,
    // Chinese: 人工 / 轉人工 / 我要真人 / 可唔可以搵個真人 / 我要找客服人員 / 幫我轉接客服
    String.raw`(?:我|我哋|我们|我們)?(?:要|想|想要|需要|希望)?(?:可唔可以|可不可以|可以|可否|能否|能不能|請|请|麻煩|麻烦|幫我|帮我|同我|給我|给我|俾我|畀我)?(?:再)?(?:找|搵|揾|轉|转|轉接|转接|接|聯絡|联络|联系|聯繫|同|跟|和)?(?:個|个|一個|一个|位|一位|番個|返個)?(?:真人|人工|人工客服|人工服務|人工服务|客服人員|客服人员|客服專員|客服专员|客服小姐|客服|職員|职员|專人|专人|真人客服|真人服務|真人服务|工作人員|工作人员|負責人|负责人)(?:同我|跟我|和我|幫我|帮我)?(?:講|讲|傾|倾|說|说|談|谈|聊|對話|对话|服務|服务|處理|处理|跟進|跟进)?(?:得唔得|可以嗎|可以吗|好嗎|好吗|吖|啦|呀|啊)?`,
    String.raw`轉人工|转人工|真人|人工`,
  ],
  skip: [
    'skip', 'skip it', 'skip this', 'skip that', 'pass', 'none', 'n/a', 'na', 'nil', 'nothing', 'no idea', 'idk', 'dunno', 'not sure',
    'unsure', 'unknown', 'next', 'whatever', 'not applicable', 'no clue', 'no number', 'no model', 'no serial',
    String.raw`(?:i )?(?:don't|dont|do not|didn't|did not) (?:really )?(?:know|remember|have (?:it|one|that|the number|a number)|recall)`,
    String.raw`(?:i )?(?:can't|cant|cannot|can not) (?:remember|recall|find (?:it|the number))`,
    String.raw`(?:i )?(?:forgot|forget|have no idea|am not sure|'m not sure|m not sure)`,
    '略過', '略过', '跳過', '跳过', '跳', '不知道', '唔知', '唔知道', '不清楚', '唔清楚', '不記得', '不记得', '唔記得', '唔记得',
    '記不得', '记不得', '記唔起', '记唔起', '忘了', '忘記了', '忘记了', '忘記', '忘记', '唔記得咗', '唔记得咗', '不曉得', '不晓得',
    '不確定', '不确定', '唔肯定', '不太清楚', '不太確定', '不太确定', '沒有資料', '没有资料', '無', '无', '找不到', '搵唔到', '下一個', '下一个', '下一步', '不適用', '不适用',
  ],
  goodbye: [
    'bye', 'bye bye', 'byebye', 'bye-bye', 'goodbye', 'good bye', 'see you', 'see ya', 'see you later', 'cya', 'take care',
    'have a nice day', 'have a good day', 'have a good one', 'good night', 'gn', 'later', 'talk later', 'talk to you later', 'ttyl',
    'catch you later', 'bye for now', 'signing off', 'gotta go', 'got to go',
    '再見', '再见', '拜拜', '掰掰', '掰', '拜', '88', '再會', '再会', 'byebye啦', '886', '下次見', '下次见', '回頭見', '回头见', '晚安', '先走了', '走先', '得閒再傾', '得闲再倾',
  ],
  thanks: [
    'thanks', 'thank', 'thank you', 'thankyou', 'thank u', 'thx', 'thks', 'tks', 'tnx', 'thnx', 'thanx', 'ty', 'tq', 'tyvm',
    'many thanks', 'thanks a lot', 'thanks so much', 'thank you so much', 'thank you very much', 'much appreciated',
    'appreciate it', 'appreciated', 'cheers', 'thanks again', 'great thanks', 'ok thanks',
    "that's all", 'that is all', 'nothing else', 'nothing more', 'no more', 'no more questions', 'no further questions',
    'all good', "i'm good", 'im good', "we're good", 'all set', "that's everything", 'no other questions', 'nope that is all',
    '謝謝', '谢谢', '謝謝你', '谢谢你', '謝謝您', '谢谢您', '謝啦', '谢啦', '謝', '谢', '多謝', '多谢', '多謝晒', '多谢晒', '唔該', '唔该',
    '唔該晒', '唔该晒', '感謝', '感谢', '感恩', '3q', '辛苦了', '辛苦晒', '麻煩晒', '麻烦晒', '麻煩你了', '麻烦你了',
    '沒有了', '没有了', '沒了', '没了', '沒事了', '没事了', '冇嘢啦', '冇嘢', '冇事', '冇啦', '冇喇', '無事', '无事', '無嘢', '无嘢',
    '沒有其他', '没有其他', '沒有其他問題', '没有其他问题', '沒別的', '没别的', '就這樣', '就这样',
    '暫時沒有', '暂时没有', '暫時冇', '暂时冇', '暫時唔使', '暂时唔使', '沒有問題了', '没有问题了', '冇問題喇', '搞定了', '搞掂',
  ],
  deny: [
    'n', 'no', 'nope', 'nah', 'no no', 'not really', 'negative', 'wrong', 'incorrect', 'no need', "don't", 'do not', 'not now',
    'no way', 'not that', 'neither', "that's wrong", 'that is wrong', 'not correct',
    '不', '不是', '不是的', '否', '不對', '不对', '不要', '不用', '不用了', '不需要', '唔係', '唔系', '唔使', '唔駛', '唔要', '唔好',
    '不好', '沒有', '没有', '冇', '錯', '错', '錯了', '错了', '唔啱', '唔對', '唔对', '不必', '免了', '算了',
    '不修了', '不用修了', '不修', '不整了', '唔整喇', '唔整了', '唔修喇', '不用來了', '不用来了', '唔使嚟喇', '唔使嚟', '不用派人了', '不用派人',
    'never mind', 'nevermind', 'forget it', 'no need anymore', 'not needed anymore', "don't bother", 'dont bother',
  ],
  affirm: [
    'y', 'yes', 'yeah', 'yea', 'yep', 'yup', 'ya', 'yah', 'ok', 'okay', 'okey', 'okie', 'okok', 'k', 'kk', 'sure', 'sure thing',
    'of course', 'correct', 'right', "that's right", 'that is right', "that's correct", 'exactly', 'alright', 'all right', 'fine',
    'got it', 'gotcha', 'noted', 'understood', 'i see', 'i understand', 'sounds good', 'great', 'good', 'perfect', 'cool',
    'no problem', 'no prob', 'np', 'confirm', 'confirmed', 'go ahead', 'please do', 'do it', 'yes please', 'yes pls', 'agreed',
    'absolutely', 'definitely', 'indeed', 'will do', 'right on', 'roger', 'book it', 'go for it', "let's do it", 'lets do it', 'works for me',
    'that works', 'that works for me', 'that would be great', "that'd be great", 'deal', 'yes that works', 'fine by me', 'ok go', 'yes it is', 'it is', 'yes correct', "that's it", "that's the one",
    '就係咁', '就系咁', '就係佢', '就是這樣', '就是这样', '就是那台', '就是它',
    '是', '是的', '是啊', '是呀', '對', '对', '對的', '对的', '對啊', '对啊', '對呀', '对呀', '好', '好的', '好啊', '好呀', '好喔', '好哦',
    '好吧', '好嘅', '好嘢', '沒錯', '没错', '冇錯', '冇错', '可以', '行', '係', '系', '係呀', '系呀', '係啊', '係囉', '啱', '啱呀', '啱嘅',
    '明白', '明白了', '知道', '知道了', '收到', '了解', '瞭解', '確認', '确认', '沒問題', '没问题', '冇問題', '冇问题', '得', '得啦',
    '可以的', '當然', '当然', '有', '有的', '有呀', '有啊', '有喔', '行的', '好咧', '無所謂', '无所谓', '嗯', '嗯嗯', '恩', '恩恩', '噢', '喔', '哦', 'ok的', '好滴', '行啊', '同意', '正確', '正确', '無問題', '无问题',
  ],
  smalltalk: [
    'how are you', 'how r u', 'how are u', "how's it going", 'hows it going', "what's up", 'whats up', 'sup', 'who are you',
    'what are you', 'are you a bot', 'are you a robot', 'are you human', 'are you real', 'are you a real person', 'is this a bot',
    'is this a robot', 'are you ai', 'are you an ai', 'you are a bot', "you're a bot", 'good bot', 'nice', 'lol', 'haha', 'hahaha',
    'what is your name', "what's your name", 'nice weather', 'how is your day', 'how was your day', 'i love you', 'you are great',
    "you're great", 'you are funny', 'are you there', 'hehe', 'test', 'testing',
    '你是誰', '你是谁', '你係邊個', '你系边个', '你是機器人嗎', '你是机器人吗', '你是機器人', '你是机器人', '係咪機械人', '係咪機器人',
    '你係咪機械人', '你係咪機器人', '你是真人嗎', '你是真人吗', '你係咪真人', '你好嗎', '你好吗', '你好嘛', '食咗飯未', '食左飯未',
    '吃飯了沒', '吃饭了没', '吃飯了嗎', '吃饭了吗', '你叫什麼名字', '你叫什么名字', '你叫咩名', '哈哈', '哈哈哈', '呵呵', '嘻嘻',
    '你好聰明', '你好聪明', '好厲害', '好厉害', '天氣很好', '天气很好', '今日天氣好好', '測試', '测试', '你在嗎', '你在吗',
  ],
  greeting: [
    'hi', 'hello', 'hey', 'hiya', 'hallo', 'yo', 'howdy', 'greetings', 'good morning', 'good afternoon', 'good evening', 'morning',
    'afternoon', 'evening', 'hi there', 'hello there', 'hey there', 'hi all', 'hello team', 'hi team', 'dear team', 'anyone there',
    'is anyone there', 'anybody there', 'hello?', 'anyone around', 'is anybody there', 'is someone there', 'anyone here',
    'anyone home', 'can anyone hear me', 'can you hear me', "g'day", 'gday', 'is anybody there', 'is anyone there',
    '你好', '您好', '妳好', '哈囉', '哈啰', '哈佬', '哈嘍', '哈喽', '嗨', '早安', '早晨', '早上好', '午安', '下午好', '晚上好', '喂', '在嗎',
    '在吗', '有人嗎', '有人吗', '有冇人', '有人在嗎', '有人在吗', '有人在聽嗎', '有人在听吗', '聽得到嗎', '听得到吗', '聽唔聽到',
    '有冇人喺度', '有人喺度嗎', '有人在不在', '在不在', '在線嗎', '在线吗', '在線嗎', '有人沒得', '有人没得', '有人冇', '有沒有人', '有没有人', '大家好', '你們好', '你们好', '哈囉你好', 'hello你好',
  ],
  // Words that colour an act but carry no content: particles, politeness, intensifiers.
  filler: [
    '啦', '呀', '啊', '吖', '喔', '哦', '噢', '囉', '咯', '嘞', '喇', '了', '先', '吧', '哈', '喎', '㗎', '嘛', '呢', '晒', '哇', '唷', '耶', '的',
    'la', 'lah', 'lor', 'ah', 'oh', 'po', 'is', 'um', 'ooh', 'so much', 'a lot', 'very much', 'again', 'sorry', 'please', 'pls', 'plz', 'then',
    'sir', 'madam', 'dear', 'mate', 'guys', 'team', 'folks', 'all', 'just', 'for now', 'for now then', 'anyway', 'and', 'but', 'so',
    'well', 'um', 'uh', 'hmm', 'erm', 'very', 'really', 'too', 'also', 'then', 'x', 'xx', 'xo', 'again', 'bro', 'dude',
    '你', '您', '妳', 'you', 'u',
    '麻煩', '麻烦', '請', '请', '非常', '好多', '太', '真係', '真是', '真的', '真', '咁', '那', '那就', '就', '都', '也', '再', '先生', '小姐',
  ],
};

/** "thanks, bye" is a goodbye (both close the conversation; the written corpus labels it so); "no, thanks" is thanks. */
const PRIORITY: readonly ConversationalAct[] = ['human', 'skip', 'goodbye', 'thanks', 'deny', 'affirm', 'smalltalk', 'greeting'];

/** Emoji that say something on their own; other emoji and emoticons are decoration. */
const EMOJI_WORDS: readonly [RegExp, string][] = [
  [/[👍👌✅🆗🙆✔☑]/gu, ' ok '],
  [/[🙏💐]/gu, ' thanks '],
  [/[👋]/gu, ' hi '],
];

const EMOJI_ANY = new RegExp(EMOJI_WORDS.map(([re]) => re.source).join('|'), 'u');

const LATIN = /[a-z0-9']/;

/**
 * `starts`: the characters an act's phrases begin with, when every phrase is plain words (no pattern) and none begins
 * with half of a surrogate pair; a match at i must then begin with t[i], so the others need not be tried there.
 */
type Matcher = { act: ConversationalAct | 'filler'; re: RegExp; starts: ReadonlySet<string> | null };
const MATCHERS: Matcher[] = (Object.keys(PHRASES) as (ConversationalAct | 'filler')[]).map((act) => {
  const alts = PHRASES[act].map((p) => (p.includes('(?:') ? p : p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  // Longest alternatives first, so "thank you" beats "thank" and "bye bye" beats "bye".
  alts.sort((a, b) => b.length - a.length);
  const plain = PHRASES[act].every((p) => p.length > 0 && !p.includes('(?:') && !/^[\ud800-\udfff]/.test(p));
  return { act, re: new RegExp(`(?:${alts.join('|')})`, 'uy'), starts: plain ? new Set(PHRASES[act].map((p) => p[0]!)) : null };
});

/** Longest phrase starting at `i` that ends on a word boundary for Latin text; null when none. */
function longestAt(t: string, i: number): { act: ConversationalAct | 'filler'; end: number } | null {
  let best: { act: ConversationalAct | 'filler'; end: number } | null = null;
  for (const { act, re, starts } of MATCHERS) {
    if (starts && !starts.has(t[i]!)) continue;
    re.lastIndex = i;
    const m = re.exec(t);
    if (!m || !m[0].length) continue;
    const end = i + m[0].length;
    if (LATIN.test(t[end - 1]!) && end < t.length && LATIN.test(t[end]!)) continue; // "hi" inside "his"
    if (!best || end > best.end) best = { act, end };
  }
  return best;
}

/** decideAct folds the same message for the lexicon and again for the act-phrase look: the last answer is kept. */
let lastFolded: { text: string; folded: string } | undefined;

/** Folds case and width, turns meaningful emoji into words and every other symbol into a space. */
function fold(text: string): string {
  if (lastFolded?.text === text) return lastFolded.folded;
  const folded = foldText(text);
  lastFolded = { text, folded };
  return folded;
}

function foldText(text: string): string {
  let t = text.normalize('NFKC').toLowerCase();
  if (EMOJI_ANY.test(t)) for (const [re, word] of EMOJI_WORDS) t = t.replace(re, word);
  // Each step below runs only when the text has what it rewrites; most short messages need only the second.
  if (t.includes('’') || t.includes('‘') || t.includes('`')) t = t.replace(/[’‘`]/g, "'");
  t = t.replace(/[^\p{L}\p{N}'/\- ]+/gu, ' ');
  if (t.includes("'") || t.includes('-') || t.includes('/')) t = t.replace(/(?<![a-z])'+|'+(?![a-z])|(?<![\p{L}\p{N}])[-/]+|[-/]+(?![\p{L}\p{N}])/gu, ' ');
  // Only spaces are left as white space (every other kind became one above): one space in a row needs no change.
  if (t.includes('  ')) t = t.replace(/\s+/g, ' ');
  return t.trim();
}

export function conversationalAct(text: string): ConversationalAct | null {
  if (text.length > 120) return null; // an act is a short message; a long one carries content
  const t = fold(text);
  if (!t) return null;
  const found = new Set<ConversationalAct>();
  let i = 0;
  while (i < t.length) {
    if (t[i] === ' ') {
      i++;
      continue;
    }
    const hit = longestAt(t, i);
    if (!hit) return null; // a word that is not an act phrase: the message has content
    if (hit.act !== 'filler') found.add(hit.act);
    i = hit.end;
  }
  return PRIORITY.find((act) => found.has(act)) ?? null;
}

/**
 * Whether some act phrase starts a word anywhere in the text: the act model only refines a message that says
 * yes, no, "don't know" … somewhere ("對，是2號那台"); a bare name ("王小明") or a digit is an answer, not an act.
 */
function hasActPhrase(text: string): boolean {
  const t = fold(text);
  for (let i = 0; i < t.length; i++) {
    if (i > 0 && LATIN.test(t[i - 1]!) && LATIN.test(t[i]!)) continue; // only at the start of a Latin word
    for (const { act, re, starts } of MATCHERS) {
      if (act === 'filler' || (starts && !starts.has(t[i]!))) continue;
      re.lastIndex = i;
      const m = re.exec(t);
      const end = m ? i + m[0].length : 0;
      if (m && m[0].length && !(LATIN.test(t[end - 1]!) && end < t.length && LATIN.test(t[end]!))) return true;
    }
  }
  return false;
}

/**
 * Praise for a service already done ("thanks, your technician was great yesterday", "師傅很專業 謝謝") closes
 * like a thanks: it mentions the technician or the repair, which would otherwise count as service content and
 * made it a complaint ticket. A contrast ("nice guy but he left a mess"), a fault word, a complaint or a
 * question keeps it content.
 */
const PRAISE = /\b(?:great|good|excellent|fantastic|brilliant|amazing|awesome|superb|outstanding|top[- ]notch|first[- ]class|lovely|wonderful|perfect|spot on)\b(?! (?:question|point))|\bwell done\b|\b(?:very|so|really|super|extremely|incredibly) (?:helpful|professional|patient|polite|friendly|nice|kind|quick|fast|efficient|thorough|knowledgeable|courteous|punctual)\b|\bkudos\b|\bimpressed\b|\bappreciate (?:the|your|his|her)\b|專業|专业|細心|细心|耐心|認真|认真|親切|亲切|有禮貌|有礼貌|好有禮貌|很好|真好|很棒|好棒|超棒|一流|讚|赞|滿意|满意|效率(?:很|好|超)?高|準時|准时|好快|很快就|手腳快|手脚快|勁|犀利|好人/i;
const CONTRAST = /建议|建議|優化|优化|改善|改進|改进|\bsuggest|\bfeedback\b|\bimprove|\bnot\b|n't\b|\bno good\b|不夠|不够|不好|唔好|\b(?:but|however|although|though|except|unfortunately|still)\b|不過|不过|但是|但|可是|可惜|只是|就是有|唯一|美中不足|不專業|不专业|唔專業|唔专业|不滿|不满|不太|唔係好|不是很|不算/i;
const PRAISE_BLOCKERS: readonly CueName[] = ['dissatisfied', 'faultWords', 'question', 'urgent', 'safety', 'production', 'medical', 'legal', 'repeat'];

/** "It works again" — said with thanks, the customer is closing: "POS working fine now, thanks", "冰箱好了 謝謝". */
const RESOLVED = /\b(?:fixed|sorted|repaired|resolved|working (?:fine|again|now|well|properly|perfectly)|works (?:fine|again|now|perfectly)|(?:is|are|'s) (?:ok|okay|fine|good|working) now|all good now|back to normal|going again|running again|up and running)\b|好了|好啦|好咗|好ㄌ|修好|整好|弄好|搞好|搞掂|搞定|恢復|恢复|正常了|正常運作|正常运作|可以用了|能用了|可以正常|ok了|ok晒|okay晒|沒問題了|没问题了|解決了|解决了/i;
const THANKS_WORD = /thank|\bthx\b|\btks\b|\bty\b|\bcheers\b|\bta\b|appreciat|謝|谢|唔該|唔该|感恩|辛苦|好評|好评|🙏/i;
/** A closing is at most a short e-mail: greeting, a few sentences, a signature. */
const CLOSING_MAX_CHARS = 320;

function isPraise(text: string, cues: ReadonlySet<CueName>): boolean {
  if (text.length > CLOSING_MAX_CHARS || PRAISE_BLOCKERS.some((c) => cues.has(c)) || CONTRAST.test(text)) return false;
  return PRAISE.test(text) || (RESOLVED.test(text) && THANKS_WORD.test(text));
}

/**
 * Small talk with words the lexicon cannot list: a test message, a remark about the weather or a festival, a
 * jibe at the bot ("ur so dumb", "你好笨喔"). Only without any service cue and without naming an appliance.
 */
const SMALL_TALK = /^\W*(?:(?:test(?:ing)?|測試|测试)[\s\d.!,。！，]*)+$|\b(?:this is (?:only |just )?a test|test (?:message|mail|e-?mail)|(?:please|pls|plz) ignore)\b|請勿回覆|请勿回复|不用管|\b(?:you(?:'re| are)?|ur|u r|this bot)\b.{0,12}\b(?:dumb|stupid|useless|idiot|suck|sucks|sux|lame|annoying)\b|\b(?:dumb|stupid|useless) bot\b|你(?:好|很|真|太)?(?:笨|蠢|傻)|(?:破|烂|爛)(?:系统|系統|机器人|機器人)|智障|念經|念经|\bweather\b|\b(?:so |bloody |really )?(?:hot|cold) (?:today|out there|here)\b|下雪|天氣|天气|食咗飯未|吃饭没|吃飯沒|吃饭了没|吃飯了沒|哪儿人|哪裡人|邊度人|(?:你|妳|您|你們|你们|你哋)(?:是|係|系)?(?:不是|唔係|咪|否)?(?:一個|一个|個|个)?(?:機器人|机器人|機械人|机械人|人工智能|\bai\b|\bbot\b)|真人\s*(?:還是|还是|定係|定系|或者?|or)\s*(?:機器人|机器人|機械人|机械人|\bai\b|\bbot\b)|(?:機器人|机器人|機械人|机械人|\bbot\b)\s*(?:還是|还是|定係|定系|或者?|or)\s*真人|聊聊天|陪我聊|陪我傾|同我傾偈|陪我说说话|陪我說說話|\b(?:chat with me|keep me company|i'?m bored)\b|好無聊|好无聊|\bhappy new year\b|\bmerry christmas\b|新年快樂|新年快乐|聖誕快樂|圣诞快乐|中秋快樂|中秋快乐|\bhaha+\b|哈哈/i;
const APPLIANCE = /\b(?:air ?con|ac|a\/c|fridge|freezer|washer|washing|dryer|dishwasher|heater|boiler|printer|machine|unit|oven|hood|purifier|pos|chiller|cooler|compressor|pump)\b|冷氣|冷气|空調|空调|冰箱|雪櫃|雪柜|洗衣機|洗衣机|熱水|热水|機器(?!人)|机器(?!人)|印表機|打印机|油煙機|油烟机|烟机|淨水|净水|設備|设备|爐|炉/i;

function isSmallTalk(text: string, cues: ReadonlySet<CueName>): boolean {
  if (text.length > MODEL_MAX_CHARS || SERVICE_CUES.some((c) => cues.has(c)) || APPLIANCE.test(text)) return false;
  return SMALL_TALK.test(text);
}

/** Cues of service content: with any of these the message is about the service, whatever else it says. */
const SERVICE_CUES: readonly CueName[] = ['faultWords', 'dissatisfied', 'safety', 'urgent', 'repairRequest', 'production', 'medical', 'legal', 'repeat', 'manyUsers'];
/** Symptoms the fault cue does not list: "冷氣滴水 型號不知道" reports a fault and says it does not know the model. */
const SYMPTOM = /滴水|不冷|不製冷|不制冷|不涼|不凉|不熱|不热|不轉|不转|不排水|不脫水|不脱水|跳閘|跳闸|異響|异响|噪音|很吵|好嘈|不出冰|不出水|唔凍|唔暖|唔轉|\b(?:not (?:cooling|heating|draining|spinning)|won'?t (?:start|turn on|drain|spin|cool|heat)|doesn'?t (?:start|cool|heat|drain|spin))\b/i;
/** The act model must be this sure: below it, short content-free junk ("the machine") came out as goodbye. */
const MODEL_MIN_P = 0.85;
const MODEL_MAX_CHARS = 160;
/** A greeting followed only by who is writing: "您好 我是鼓樓店的劉藥師", "Morning, Marcus from Lakeshore here". */
const SELF_INTRODUCTION = /^\s*([^,，。.!！\s]+(?:\s(?:there|all|team))?)[\s,，!！~]+(?:我是|我係|我系|這邊是|这边是|我這邊是|this is |i'm |i am |my name is |it's |[A-Z][a-z]+ (?:from|at|here)\b)[^，,。.!！?？\n]{0,40}$/i;

/**
 * The act of a message: a message made only of act phrases gets its act from the lexicon (above); a short
 * message that answers the dialog with a little more ("對，是2號收銀台那台", "No, not Hamilton, the Rotorua
 * store", "序號不知道 貼紙都花掉了") gets it from the act model, unless it carries service cues (a fault,
 * a complaint, a repair request, urgency), so "hi there, my printer is broken" stays a service message.
 */
export function decideAct(text: string, scores: Scored | (() => Scored), cues: ReadonlySet<CueName>): { act: ConversationalAct; p: number } | null {
  const lexical = conversationalAct(text);
  if (lexical) return { act: lexical, p: LEXICAL_P };
  const serviceCue = SERVICE_CUES.some((c) => cues.has(c));
  if (!serviceCue && SELF_INTRODUCTION.test(text) && conversationalAct(SELF_INTRODUCTION.exec(text)![1]!) === 'greeting') return { act: 'greeting', p: LEXICAL_P };
  // Small talk first: "今天天氣很好" praises the weather, not the service.
  if (isSmallTalk(text, cues)) return { act: 'smalltalk', p: LEXICAL_P };
  if (isPraise(text, cues)) return { act: 'thanks', p: LEXICAL_P };
  // Service content, a long text or no act phrase at all rule the model out: checked first, so the act model's
  // scores are only worked out for the few messages it can decide.
  if (serviceCue || text.length > MODEL_MAX_CHARS || SYMPTOM.test(text)) return null;
  const top = (typeof scores === 'function' ? scores() : scores)[0];
  if (!top || top.label === 'none' || top.p < MODEL_MIN_P || !hasActPhrase(text)) return null;
  // A greeting with more text is a greeting plus content ("您好 … 冰箱溫度一直升高"), and a question is content
  // unless it asks for a person or says it does not know: the model only adds acts that answer the dialog.
  if (top.label === 'greeting' || (cues.has('question') && top.label !== 'human' && top.label !== 'skip')) return null;
  return { act: top.label as ConversationalAct, p: top.p };
}

/** How often a whole-message lexicon match is the labelled act on the written corpus (measured: 1236 of 1418 agree overall, lexicon hits nearly always). */
const LEXICAL_P = 0.97;
