/**
 * Words around an answer that are not part of it: "I just told you. Maggie Chou", "Sweet Crumb Bakery, as I
 * said", "就茶覺啊", "許太太就可以了", "剛剛不是說了嗎？台南市…". Customers repeat themselves with a sigh or a
 * particle; the field keeps only the value. Nothing here guesses: each pattern is a whole phrase.
 */

/** "I (just / already) told you.", "as I said,", "剛剛不是說了嗎？", "我講咗啦": a reproach before the repeated answer. */
const LEADING =
  /^\s*(?:(?:i(?:'ve| have)?\s+(?:just\s+|already\s+)?(?:told|said|gave)(?:\s+(?:you|it|that))*|as\s+i\s+(?:said|mentioned)|like\s+i\s+said|i\s+said|again)[\s,.:!;-]*|(?:剛剛|刚刚|剛才|刚才|前面|上面|一開始|一开始|頭先|头先|之前)?\s*(?:不是|唔係|唔系)?\s*(?:說|说|講|讲|寫|写|有寫|有写|給|给|講咗|讲咗|寫咗|写咗)(?:過|过)?(?:了|咗)?\s*(?:嗎|吗|啦|喇|囉|咯|啊|呀)?\s*[?？!！,，。.]+\s*)/i;
/** ", as I said", "like I said", "就可以了", "就好", "就得": after the value. */
const TRAILING =
  /(?:[\s,，.。]*(?:as\s+i\s+(?:said|mentioned)(?:\s+(?:before|earlier))?|like\s+i\s+said|as\s+mentioned)|\s*(?:就可以了?|就可以啦|就好了?|就行了?|就得了?|即可|就ok了?|就OK了?))\s*[.!。！~]*\s*$/i;
/** "就茶覺啊", "是茶覺喔", "just Maggie Chou": a word in front that only stresses (a capital "Just" may start a name). */
const STRESS_BEFORE = /^\s*(?:(?:就是|就係|就系|就|都係|都是|是|係)\s*|just\s+)(?=\S)/;
/** Sentence-final particles: 啊, 啦, 喔, 耶 … */
const PARTICLES_AFTER = /[\s]*(?:啊|呀|啦|喇|喔|哦|耶|囉|咯|嘛|吧|咧|喎|㗎|嘅)+\s*[.!。！~～]*\s*$/;

/** The value without the reproach, the stress word and the particles around it; the text itself when nothing is left. */
export function withoutFiller(text: string): string {
  let t = text.trim();
  for (let i = 0; i < 3; i += 1) {
    const before = t;
    t = t.replace(LEADING, '').replace(TRAILING, '').replace(PARTICLES_AFTER, '').replace(STRESS_BEFORE, '').trim();
    if (t === before) break;
  }
  return t.length > 0 ? t : text.trim();
}
