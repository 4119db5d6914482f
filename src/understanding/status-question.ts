/**
 * Whether a message asks how a repair or ticket is getting on. Customers rarely say "status": they ask what is
 * happening, when the engineer comes or calls, how "my ticket" is doing (QA5: 「現在什么情况？工程师几点能到？」,
 * 「師傅大概幾點會打給我？」, "any update on my ticket?"). Both Chinese scripts are written out, so the raw text
 * is read; a question about our opening hours or a new fault does not match (no ticket, repair or engineer word).
 */
const WORDS = /\b(?:status|progress)\b|查詢工單|查询工单|工單狀態|工单状态|進度|进度/i;

const TICKET_EN = String.raw`(?:ticket|repair|job|case|request|service call|booking|visit|appointment|sr\b)`;
const PERSON_EN = String.raw`(?:technician|engineer|tech|repairman|repair man|serviceman|service man|someone|somebody|anyone|anybody|your (?:guy|man|team))`;
const ENGLISH = [
  new RegExp(String.raw`\b(?:any|an?|got an?|some)\s+(?:updates?|news|word)\s+(?:on|about|for|regarding)\s+(?:my|the|our|this|that)\s+${TICKET_EN}`, 'i'),
  new RegExp(String.raw`\b(?:what'?s|what is|what has been)\s+(?:happening|going on|happened|the latest)\s+(?:with|to|on)\s+(?:my|the|our|this|that)\s+${TICKET_EN}`, 'i'),
  new RegExp(String.raw`\bhow(?:'s| is| are)\s+(?:my|the|our)\s+${TICKET_EN}\s+(?:going|coming along|getting on|doing)`, 'i'),
  new RegExp(String.raw`\bwhen\s+(?:is|will|does|do|'s|are|would)\s+(?:the |my |your |a |an |our )?${PERSON_EN}\b.{0,30}\b(?:come|coming|arrive|arriving|get here|be here|turn up|show up|call|calling|ring|contact|visit)`, 'i'),
  new RegExp(String.raw`\b(?:is|are)\s+(?:the |my |your |our )?${PERSON_EN}\s+(?:still\s+)?(?:coming|on (?:the|their|his|her) way)`, 'i'),
  new RegExp(String.raw`\bhas\s+(?:anyone|anybody|someone|an? (?:engineer|technician))\s+been\s+(?:assigned|sent|booked)`, 'i'),
];

const PERSON_ZH = '(?:工程師|工程师|師傅|师傅|技師|技师|技術員|技术员|維修人員|维修人员|維修員|维修员|同仁|同事|你們的人|你们的人)';
const WHEN_ZH = '(?:幾點|几点|什麼時候|什么时候|甚麼時候|何時|何时|哪天|幾時|几时|幾號|几号|多久)';
const COME_ZH = '(?:到|來|来|打|聯絡|联络|联系|聯繫|上門|上门|過來|过来|回電|回电|處理|处理|派)';
const TICKET_ZH = '(?:單子|单子|工單|工单|報修單|报修单|維修單|维修单|張單|张单|那單|那单|我的單|我的单)';
const HOW_ZH = '(?:怎樣|怎样|怎麼樣|怎么样|如何|到哪|處理到|处理到|處理得|处理得|什麼情況|什么情况|甚麼情況|狀況|状况|好了沒|好了没|有消息|有沒有消息|有没有消息|進展|进展)';
/** After a repair word only "how is it going" forms: 維修費用如何計算 asks about fees, not a ticket. */
const GOING_ZH = '(?:怎樣了|怎样了|怎麼樣了|怎么样了|到哪|處理到|处理到|什麼情況|什么情况|甚麼情況|狀況|状况|好了沒|好了没|有消息|有沒有消息|有没有消息|進展|进展)';
const REPAIR_ZH = '(?:報修|报修|維修|维修|修理|送修|叫修)';
const CHINESE = [
  new RegExp(`${PERSON_ZH}.{0,8}${WHEN_ZH}.{0,6}${COME_ZH}`),
  new RegExp(`${WHEN_ZH}.{0,6}(?:派|有)${PERSON_ZH}`),
  new RegExp(`${TICKET_ZH}.{0,8}${HOW_ZH}`),
  new RegExp(`${REPAIR_ZH}(?:了|的|過|过)?.{0,12}${GOING_ZH}`),
];

export function asksTicketStatus(text: string): boolean {
  return WORDS.test(text) || ENGLISH.some((re) => re.test(text)) || CHINESE.some((re) => re.test(text));
}

const THAT_TICKET_ZH = /(?:同一張|同一张|同張|同张|這張|这张|那張|那张)(?:工)?(?:單|单)|(?:工單|工单|單子|单子|報修單|报修单)(?![號号編编碼码])/;
const THAT_TICKET_EN = /\b(?:that|the|this|my|same|existing|current|one) (?:ticket|request|job|booking|case|report)\b/i;
const ASKS = /[?？]|[嗎吗]|能不能|可不可以|可以|請|请|麻煩|麻烦|\b(?:can|could|would|will|please|pls|add|include|is|are|does|do)\b/i;

/**
 * A question or request about "the ticket" without its number ("兩台是開在同一張單嗎？", "can you add my second unit
 * to that ticket?"): in a conversation that opened one, it is about that ticket, not a new report.
 */
/** "再開一張新的工單", "open another ticket": a new report, not a question about the one there is. */
const NEW_TICKET = /新的?(?:工)?[單单]|另(?:一|外)|再(?:開|开)|\b(?:another|new|second|separate) (?:ticket|request|job|case)\b|\bopen (?:a|another|new)\b/i;

export function asksAboutTheTicket(text: string): boolean {
  return (THAT_TICKET_ZH.test(text) || THAT_TICKET_EN.test(text)) && ASKS.test(text) && !NEW_TICKET.test(text);
}
