/** The customer asks for a person rather than the bot. Runs on cleaned, not normalised, text. */
const PATTERNS: readonly RegExp[] = [
  /\b(?:speak|talk|chat|connect|transfer|put me through)\b.{0,24}\b(?:agent|human|person|operator|representative|staff member|someone real)\b/i,
  /\b(?:real|live|actual) (?:person|human|agent)\b/i,
  /^\s*(?:an? )?(?:agent|human|operator|representative)(?: please| pls)?\s*[.!?]*\s*$/i,
  /\bhuman agent\b/i,
  /转人工|轉人工|人工客服|人工服務|人工服务|找人工|要人工|接人工|真人/,
  /^\s*人工\s*[。!！]?\s*$/,
];

export function isHumanRequest(text: string): boolean {
  return PATTERNS.some((re) => re.test(text));
}
