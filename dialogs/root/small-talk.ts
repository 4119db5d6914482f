import type { Understanding } from '../../src/understanding/understanding-schema.js';

/**
 * Chat with no service in it: the weather, jokes, "are you a bot?", "ur bot sux". The understanding reads
 * some of it as a question (see the report to the classifier's owner); a question the knowledge base cannot
 * answer would otherwise become an inquiry ticket ("I will pass your question to a colleague"), which helps
 * nobody. Only short messages without a product, number or fault in them count.
 */
const BANTER =
  /\b(?:weather|lol|lmao|rofl|haha+|hehe+|how are you|how r u|how'?s it going|how is (?:it going|your day)|what'?s up|wh?at'?s new|sup|are (?:you|u) (?:a |an )?(?:bot|robot|human|real|ai|machine|person)|r u (?:a )?(?:bot|robot|human|real)|who (?:are|r) (?:you|u)|what'?s your name|tell me a joke|a joke|i'?m bored|so bored|good bot|nice bot|love you)\b|😂|🤣|😄|😆|天氣|天气|哈哈|呵呵|嘻嘻|你好嗎|你好吗|你好唔好|吃飯了嗎|吃饭了吗|吃飽沒|吃饱没|食咗飯未|你是機器人|你是机器人|你是真人|你是不是真人|你係咪機械人|你叫什麼名字|你叫什么名字|講個笑話|讲个笑话|說個笑話|说个笑话|好無聊|好无聊|好悶|好闷/i;
const RUDE =
  /\b(?:sux|sucks?|stupid|dumb|useless|idiot(?:ic)?|trash|garbage|rubbish|pathetic|shut up|wtf|hate (?:you|this|u)|worst bot)\b|爛透|烂透|好爛|好烂|很爛|很烂|太爛|太烂|笨蛋|好笨|很笨|蠢|垃圾|廢物|废物|白癡|白痴|智障|閉嘴|闭嘴|沒用的|没用的|好廢|好废|柒/i;

/** "Are you a real person?": asked plainly, it gets a plain answer (an assistant, and how to reach a person). */
const ASKS_IF_BOT =
  /\b(?:are|r) (?:you|u) (?:a |an )?(?:bot|robot|human|real|ai|machine|person|chatbot)|\b(?:is this|am i (?:talking|chatting|speaking) (?:to|with)) (?:a |an )?(?:bot|robot|human|real|machine|person|chatbot)|(?:你|妳|您|你們|你们|你哋)(?:是|係|系)(?:不是|唔係|咪|否)?(?:真人|機器人|机器人|機械人|机械人|人工智能)|(?:真人|機器人|机器人|機械人)(?:嗎|吗|嚟|定係|還是|还是)|是不是真人|係咪真人/i;

export function asksIfBot(text: string): boolean {
  return ASKS_IF_BOT.test(text);
}

/** At most this long: a longer message says more than a remark. */
const SHORT_WORDS = 12;
const SHORT_CJK = 20;

export type SmallTalk = 'banter' | 'rude';

/** Remarks about the bot itself: "ur bot sux" is never a complaint about the service. */
const ABOUT_THE_BOT = /\b(?:bot|robot|chatbot|ai)\b|機器人|机器人|機械人|机械人/i;

/**
 * `u` decides first: a confident fault or complaint is handled as one ("your technician was rude and useless"
 * is a complaint, not a rude remark), unless the remark is about the bot.
 */
export function smallTalkOf(text: string, u: Understanding): SmallTalk | undefined {
  if (u.category !== 'inquiry' && !u.needsClarification && !ABOUT_THE_BOT.test(text)) return undefined;
  const e = u.entities;
  if (e.productModel || e.serial || e.ticketRef || e.externalRef || e.phone || e.email) return undefined;
  const cjk = (text.match(/[\u3400-\u9fff]/g) ?? []).length;
  const words = text.replace(/[\u3400-\u9fff]/g, ' ').trim().split(/\s+/).filter(Boolean).length;
  if (cjk > SHORT_CJK || words > SHORT_WORDS) return undefined;
  if (RUDE.test(text)) return 'rude';
  if (BANTER.test(text)) return 'banter';
  return undefined;
}
