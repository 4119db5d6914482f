/** The customer asks for a person rather than the bot. Runs on cleaned, not normalised, text. */
const ENGLISH: readonly RegExp[] = [
  /\b(?:speak|talk|chat|connect|transfer|put me through)\b.{0,24}\b(?:agent|human|person|operator|representative|staff member|someone real)\b/i,
  /\b(?:real|live|actual) (?:person|human|agent)\b/i,
  /^\s*(?:an? )?(?:agent|human|operator|representative)(?: please| pls)?\s*[.!?]*\s*$/i,
  /\bhuman agent\b/i,
  // "I want to speak to a manager now", "get me your supervisor": someone in charge is a person too ("my manager" is the customer's own).
  /\b(?:speak|talk|chat|connect|transfer|put me through|get me|give me)\b(?:(?!\b(?:my|our)\b).){0,16}\b(?:manager|supervisor|someone in charge|person in charge|boss)\b/i,
];
/** Each needs a Han character (人, 客, 員 …): text without one is spared them, as English text is spared the ones above. */
const CHINESE: readonly RegExp[] = [
  /转人工|轉人工|人工客服|人工服務|人工服务|找人工|要人工|接人工|真人/,
  /^\s*人工\s*[。!！]?\s*$/,
  // 我要找客服人員, 可唔可以搵個真人, 幫我轉接客服: a verb of reaching plus a person, not a complaint about staff
  /(?:找|搵|揾|轉接|转接|接通|轉|转)\s*(?:個|个|一個|一个|位|一位)?\s*(?:客服人員|客服人员|客服專員|客服专员|客服小姐|職員|职员|專人|专人|工作人員|工作人员)/,
  /^\s*(?:我要|我想|我想要|請|请|麻煩|麻烦)?\s*(?:客服人員|客服人员|客服專員|客服专员|專人|专人)\s*[。!！]?\s*$/,
  // 我要找你們經理, 叫你們主管出來: someone in charge asked for now ("我找了你們經理三次" tells what happened, so 找 must touch it)
  /(?:找|搵|揾|叫|轉接|转接|接通|轉|转)\s*(?:你們|你们|你哋|貴公司|贵公司)?\s*(?:的)?\s*(?:經理|经理|主管|負責人|负责人|老闆|老板|店長|店长)/,
];

const LATIN_LETTER = /[a-z]/i;
const HAN = /[\u3400-\u9fff]/;

export function isHumanRequest(text: string): boolean {
  return (LATIN_LETTER.test(text) && ENGLISH.some((re) => re.test(text))) || (HAN.test(text) && CHINESE.some((re) => re.test(text)));
}

