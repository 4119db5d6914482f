/**
 * Details a customer states in passing, in a sentence rather than as an answer to our question: "我叫王小明",
 * "Name: John Chen", "地址 台北市大安區復興南路一段100號", "address 12 Main Rd, Taichung City", "model X".
 * The understanding finds models, serials, phones and dates; names and site addresses are ours to read,
 * and only when the customer labelled them or wrote them in a shape nobody mistakes (a Chinese street
 * address with its city and number). A detail read wrongly is worse than a question, so the shapes are strict.
 */
export type StatedDetails = { name?: string; siteAddress?: string; productModel?: string };

const CJK = String.raw`\u3400-\u9fff`;
/** Where a Chinese labelled value stops: punctuation, a space before another label, or the end. */
const CJK_END = String.raw`(?=[，,。;；!！?？\n]|\s+(?:電話|电话|手機|手机|型號|型号|序號|序列号|地址|我叫|我是|姓名|[+\d])|$)`;

const NAME_CJK = new RegExp(String.raw`(?:我叫|我的名字是|我的名字叫|名字是|名字叫|姓名\s*[:：]?|聯絡人\s*[:：]?|联系人\s*[:：]?|我是)\s*([${CJK}]{2,4}(?:先生|小姐|女士|太太)?)${CJK_END}`);
const NAME_EN = /(?:\b[Mm]y name is|\b[Nn]ame\s*[:：-]|\b[Nn]ame is|\b[Tt]his is)\s*([A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})(?=$|[\s,.;!])/;
/** "我姓王", "敝姓陳先生", "免貴姓歐陽": the surname as given, without a guessed 先生/小姐. */
const SURNAME_CJK = new RegExp(String.raw`(?:敝姓|免貴姓|免贵姓|我姓|本人姓)\s*([${CJK}]{1,2}?)(?:先生|小姐|女士|太太)?${CJK_END}`);
const NAME_EN_TITLED = /\b(?:[Mm]y name is|[Nn]ame\s*[:：-]|[Nn]ame is|[Tt]his is)\s*((?:Mr|Mrs|Ms|Miss|Dr)\.?\s+[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,1})(?=$|[\s,.;!])/;
/** What a customer may put before the name when answering "May I have your name?". */
const ANSWER_LABEL = /^(?:(?:my name is|my name's|name\s*(?:is|[:：-])|this is|i am|i'm|it's|it is|call me)\s+|(?:我叫|我的名字是|我的名字叫|名字是|名字叫|姓名\s*[:：]?|我是|敝姓|免貴姓|免贵姓|我姓|本人姓)\s*)/i;

/** "我是" also starts "我是用戶" or "我是說": such words are no name. */
const NOT_NAMES = /^(?:用戶|用户|客戶|客户|顧客|顾客|說|说|想|要|問|问|在|從|从|第|新|老|這|这|那|住|買|买|剛|刚|上|的)/;

const ADDRESS_CJK_LABELLED = new RegExp(String.raw`(?:設備地址|设备地址|安裝地址|安装地址|地址|住址|地點|地点)\s*(?:是|係|系|在|為|为|[:：])?\s*([^，,。;；!！?？\n]{4,60}?)${CJK_END}`);
/** 台北市大安區復興南路一段100號, 上海市浦东新区世纪大道100号: a city, a road and a number. */
const ADDRESS_CJK_SHAPE = new RegExp(String.raw`(?:[${CJK}]{2,3}[市縣县省])(?:[${CJK}]{1,4}[區区鎮镇鄉乡市縣县])?[${CJK}0-9]{1,12}?(?:路|街|道|巷|大道)(?:[一二三四五六七八九十0-9]+段)?(?:[0-9]+巷)?(?:[0-9]+弄)?[0-9]+(?:-[0-9]+)?[號号](?:[0-9]+[樓楼F])?(?:之[0-9]+)?`);
const ADDRESS_EN = /\b(?:site address|address|located at|the unit is at|it is at)\s*(?:is|:)?\s*(\d[^;\n]{4,80}?)(?=\.\s|\.?$|[;\n]|,?\s*\b(?:name|phone|tel|mobile|model|serial)\b)/i;

const MODEL_LABELLED = /(?:\bmodel(?:\s*(?:no\.?|number|#))?|型號|型号|機型|机型)\s*(?:is|係|系|是|為|为|[:：#])?\s*([A-Za-z0-9][A-Za-z0-9\-/.]{2,24}[A-Za-z0-9])/i;

function clean(value: string): string {
  return value.trim().replace(/[\s,，.。]+$/, '');
}

export function statedName(text: string): string | undefined {
  const cjk = NAME_CJK.exec(text)?.[1];
  if (cjk && !NOT_NAMES.test(cjk)) return cjk;
  const surname = SURNAME_CJK.exec(text)?.[1];
  if (surname) return surname;
  const en = NAME_EN_TITLED.exec(text)?.[1] ?? NAME_EN.exec(text)?.[1];
  return en ? clean(en) : undefined;
}

/**
 * The name in an answer to "May I have your name?": "我姓王" is 王, "My name is Ivy Chen" is Ivy Chen. Asked
 * for a name, a label in front of it ("this is ivy") is safe to drop even where statedName's strict shapes fail.
 */
export function nameInAnswer(text: string): string {
  const t = clean(text);
  const stated = statedName(t);
  if (stated) return stated;
  const unlabelled = clean(t.replace(ANSWER_LABEL, ''));
  return unlabelled.length > 0 && !NOT_NAMES.test(unlabelled) ? unlabelled : t;
}

export function statedAddress(text: string): string | undefined {
  const labelled = ADDRESS_CJK_LABELLED.exec(text)?.[1];
  if (labelled && /[\d０-９]|[市縣县區区路街道號号]/.test(labelled)) return clean(labelled);
  // "我住台北市…": the verb before the city is not part of the address.
  const shaped = ADDRESS_CJK_SHAPE.exec(text)?.[0]?.replace(/^(?:住在|住|在|位於|位于|於|于)/, '');
  if (shaped) return shaped;
  const en = ADDRESS_EN.exec(text)?.[1];
  return en ? clean(en) : undefined;
}

/** A model the customer labelled ("model SMS4HVI33E", "型號：NA-V130"); it must contain a digit. */
export function statedModel(text: string): string | undefined {
  const model = MODEL_LABELLED.exec(text)?.[1];
  return model && /\d/.test(model) ? model : undefined;
}

export function statedDetails(text: string): StatedDetails {
  const details: StatedDetails = { name: statedName(text), siteAddress: statedAddress(text), productModel: statedModel(text) };
  return Object.fromEntries(Object.entries(details).filter(([, v]) => v)) as StatedDetails;
}

/** The questions of a form an answer to another question may still fill (one with a shape of its own). */
export type OtherField = 'siteAddress' | 'productModel';

/**
 * What an answer given to the wrong question holds for `fields` (the still-empty ones): a site address
 * typed at the purchase-date question, a model at the address question. Empty when it holds none.
 */
export function detailsForOtherFields(text: string, entityModel: string | undefined, fields: readonly OtherField[]): Partial<Record<OtherField, string>> {
  const found: Partial<Record<OtherField, string>> = {};
  if (fields.includes('siteAddress')) {
    const address = statedAddress(text);
    if (address) found.siteAddress = address;
  }
  if (fields.includes('productModel')) {
    const model = entityModel ?? statedModel(text);
    if (model) found.productModel = model;
  }
  return found;
}

