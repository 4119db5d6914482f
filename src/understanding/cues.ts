/**
 * Lexicon cues over normalised text (Simplified, lower case, Cantonese mapped to Mandarin; see normalise.ts).
 * They become extra model features (`cue:<name>`) and drive the urgency rules.
 */
export const CUES = {
  safety: /smoke|burning smell|smell(?:s)? (?:of )?burning|sparks?\b|\bfire\b|gas (?:leak|smell)|smell of gas|electric shock|shock(?:ed)?\b|trapped|stuck in the (?:lift|elevator)|injur|hurt\b|danger|unsafe|\bsafe\b|(?<!bio)safety(?! cabinet)|interlock|emergency stop|evacuat|refrigerant leak|burst|冒烟|烧焦|焦味|燶味|火花|(?<![不没唔冇])着火|(?<![不没唔冇])起火|漏电|触电|电到|困人|被困|困了|(?:燃气|煤气)(?![灶炉热费表单])|危险|安全(?!柜)|受伤|疏散|撤离|一氧化碳|失控|撞刀|急停|爆了/,
  production: /production (?:line )?(?:is |has )?(?:down|stopped|stop|halted)|line (?:is )?down|production has stopped|plant (?:is )?(?:down|stopped)|whole (?:line|plant|shift)|standstill|can't ship|cannot ship|停产|停线|产线.{0,6}停|生产线.{0,6}停|生产.{0,6}停|停工|全厂|出不了货|出不到货|production line|整条(?:生产|包装|装配)?线.{0,8}停|全线停/,
  manyUsers: /\ball (?:users|staff|stores|branches|sites|terminals|units|our)\b|\d+\s*(?:users|people|staff|agents|employees)\b|~\s*\d+|\bnobody (?:can|in)\b|no one can|every (?:department|store|branch|site)|whole (?:company|office|call cent|floor|building|team|site)|\ball \d+|所有人|全公司|全部门|全厂|全部.{0,6}(?:门店|分店|都)|多个门店|\d+\s*(?:个|家|间|位)(?:门店|分店|厂区|用户|使用者|同事)|用户受影响|users affected/,
  // "very patient" praises a technician; it is not a hospital.
  medical: /(?<!(?:very|so|really|more|be|was|were|is|are|been|extremely|super|quite) )\bpatients?\b|hospital|clinic|\bward\b|medical|病人|患者|医院|诊所|病房|医疗/,
  legal: /lawyer|legal|\bsue\b|court|solicitor|regulator|permit|council|damages|liable|breach|claim (?:for |the )?(?:costs|losses|compensation)|recover (?:that|the|our) cost|律师|法律|法庭|起诉|追诉|追讨|追偿|求偿|索赔|诉讼|消委会|环保局|卫生局|主管机关|处分|处罚|罚款|申报|损失/,
  repeat: /(?:repaired|fixed|serviced|visit|engineer|technician|came|replaced).{0,60}\b(?:again|still)\b|\bagain after\b|(?:third|fourth|fifth|\b[3-9](?:rd|th)) (?:time|visit|repair|call|attempt)|\b(?:three|four|five|[3-9]) (?:times|visits|tickets|calls|engineers)\b|same (?:fault|problem|error) (?:again|returned|came back)|(?:修好|修过|维修过|维修后|修完|来过|换了|更换|送修|整完|整好|修了).{0,30}(?:又|再次|还是|仍然|依然)|第[三四五六3-6]次|(?:修|维修|报修|上门|来|派人|叫人|整|换|坏|故障|出问题)(?:了|过)?[三四五六七八十3-9]次|[三四五六七八十3-9]次(?:维修|修|上门|报修|派人|来修)|[三四五六3-6]张单|复发|又坏/,
  urgent: /(?<!not |no |non-)urgent|\basap\b|immediately|emergency|right away|紧急|(?<!不|没有)急|尽快|马上|立即|立刻|即刻|火速|着急/,
  low: /no rush|not urgent|whenever (?:convenient|you can)|just (?:asking|curious|checking|wondering|planning|feedback|thought)|planning ahead|no problems? (?:so far|yet)|suggestion|feedback|not a big deal|不急|慢慢|顺便|顺手|方便的时候|得闲|只是问问|问下先|先问问|建议|意见|参考|不是什么大问题|不是大问题|不影响/,
  dissatisfied: /unacceptable|disappoint|refund|compensat|escalat|manager|complain|rude|terrible|ridiculous|worst|disgrace|furious|fed up|frustrat|joke|not good enough|poor service|unprofessional|apolog|money back|cancel (?:the |our )?contract|terminate|投诉|退款|退钱|赔偿|补偿|太差|很差|好差|差劲|失望|离谱|经理|主管|态度|不满|生气|嬲|不负责|交代|说法|忍无可忍|什么服务|退货|凭什么|凭啥|what's going on|what is going on|\bhow come\b|overcharg|double charg|charged (?:us|me) twice|(?:won't|will not|not) (?:be )?pay(?:ing)?\b|不会付|不付款|多收|乱收|没人理|没有人理|不理|没人回|没有人回|没人跟进|\bnobody (?:called|replied|responded|got back|came)|\bno one (?:called|replied|responded|got back|came)/,
  question: /\?|？|\b(?:how|what|when|where|which|does|is there|can i|could you tell|do you)\b|请问|想问|是否|吗|多少|几时|什么时候|怎么|如何|哪里|有没有|能不能|可不可以/,
  /** "Is that normal?": a question about a symptom, not yet a fault report. */
  isNormal: /\b(?:is|are) (?:that|this|it|they|these) (?:normal|ok|okay|expected|safe)\b|\bnormal\?|是否正常|正常吗|正不正常|正常的吗|正常吧|要紧吗|有问题吗/,
  faultWords: /not working|doesn't work|does not work|(?:does|do|did) nothing|nothing happens|no response|not responding|unresponsive|(?:doesn't|does not|won't) respond|won't|broken|faulty|error|alarm|jam|leak|stopped|fails?\b|failed|dead|no power|坏|故障|报错|不能|不了|不到|停机|漏|异响|卡|没反应|用不了/,
  repairRequest: /send (?:a |an |someone|the)|technician|engineer|repair|fix|on-site|visit|派人|维修|修理|上门|师傅|工程师|报修/,
} as const;

export type CueName = keyof typeof CUES;
const NAMES = Object.keys(CUES) as CueName[];

export function matchCues(normalised: string): Set<CueName> {
  const found = new Set<CueName>();
  for (const name of NAMES) if (CUES[name].test(normalised)) found.add(name);
  return found;
}
