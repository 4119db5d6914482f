import { contactOnly, mobileNumberOnly, type PhoneContext } from './answers.js';

/**
 * Details a customer states in passing, in a sentence rather than as an answer to our question: "我叫王小明",
 * "Name: John Chen", "地址 台北市大安區復興南路一段100號", "address 12 Main Rd, Taichung City", "model X".
 * The understanding finds models, serials, phones and dates; names and site addresses are ours to read,
 * and only when the customer labelled them or wrote them in a shape nobody mistakes (a Chinese street
 * address with its city and number). A detail read wrongly is worse than a question, so the shapes are strict.
 */
export type StatedDetails = { name?: string; company?: string; siteAddress?: string; productModel?: string };

const CJK = String.raw`\u3400-\u9fff`;
/** A role said before the name: "我是老闆林良", "我係負責人陳大文". */
const ROLE_CJK = String.raw`(?:老闆|老板|店長|店长|經理|经理|老師|老师|負責人|负责人|主任|廠長|厂长|業主|业主|屋主|住戶|住户|租客|主管|採購|采购|工程師|工程师)?`;
/** The most common Chinese surnames (a bare name is only taken when it starts with one of them). */
const SURNAMES = '王李張张劉刘陳陈楊杨黃黄趙赵吳吴周徐孫孙馬马朱胡郭何林高羅罗鄭郑梁謝谢宋唐許许韓韩馮冯鄧邓曹彭曾蕭萧田董袁潘蔡蔣蒋余杜葉叶程蘇苏魏呂吕丁任沈姚盧卢姜崔鍾钟譚谭陸陆汪范金石廖賈贾夏韋韦傅方白鄒邹孟熊秦邱江尹薛閻阎段雷侯龍龙史陶黎賀贺顧顾毛郝龔龚邵萬万錢钱嚴严覃洪武戴莫孔向湯汤';
/**
 * Where a Chinese labelled value stops: punctuation, a space before another label, a space before a number (a
 * phone), or the end; a spaced house number or floor ("松仁路 100 號 12 樓") is still the address.
 */
const CJK_END = String.raw`(?=[，,。;；!！?？\n（(、]|\s*(?:電話|电话|手機|手机|型號|型号|序號|序列号|地址|我叫|我是|姓名|聯絡|联系)|\s+(?![0-9]{1,5}\s?[號号巷弄樓楼層层室座F之])[+\d]|$)`;

const NAME_CJK = new RegExp(String.raw`(?:我叫做|我叫|我個名係|我个名系|我的名字是|我的名字叫|名字是|名字叫|姓名\s*[:：]?|聯絡人\s*(?:係|是|为|為|[:：])?|联系人\s*(?:是|为|[:：])?|對接人\s*[:：]?|对接人\s*[:：]?|負責人\s*[:：]?|负责人\s*[:：]?|請聯絡|請聯繫|请联系|請找|请找|我係|我系|我就係|我是)\s*${ROLE_CJK}\s*([${CJK}]{2,4}?(?:先生|小姐|女士|太太)?)${CJK_END}`);
/** "我叫 Ken Wong", "聯絡人: Amy Lin": a Latin name after a Chinese label. */
const NAME_CJK_LABEL_LATIN = /(?:我叫做|我叫|我個名係|我的名字是|我的名字叫|姓名\s*[:：]?|聯絡人\s*[:：]?|联系人\s*[:：]?|我係|我是)\s*([A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})(?=$|[\s,，.。;；!！])/;
/** "I'm Tom Bradley, bought it…": a full name (two capitalised words) after "I'm" anywhere in the message. */
const NAME_EN_FULL = /\b(?:I'?m|I am)\s+([A-Z][a-z]+\s[A-Z][a-z]+)(?=$|[\s,.;!])/;
/** "张伟 13800138000 北京市…": a bare name at the start, followed by a number or an address, its surname a common one. */
const NAME_CJK_BARE = new RegExp(String.raw`^\s*([${SURNAMES}][${CJK}]{1,2})(?=\s*[,，]?\s*(?:[+\d]|[${CJK}]{2,3}[市省縣县]))`);
/** "I'm Amy from Sunrise Hotel", "it's Ken with Acme Ltd": a first name, then the place the customer is from. */
const NAME_EN_FROM = /\b(?:I'?m|I am|[Ii]t'?s|[Tt]his is)\s+([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s+(?:from|with|at)\s+(?:the\s+)?[A-Z]/;
const NAME_EN = /(?:\b[Mm]y name is|\b[Nn]ame\s*[:：-]|\b[Nn]ame is|\b[Nn]ame(?=\s+[A-Z][a-z])|\b[Tt]his is)\s*([A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})(?=$|[\s,.;!])/;
/** "I'm the facilities manager, David Lin", "this is David Lin, facilities manager": a role beside the name. */
const ROLE = String.raw`(?:[a-z]+\s+){0,3}(?:manager|engineer|owner|supervisor|officer|director|technician|administrator|admin|assistant|lead|head|coordinator|secretary|buyer|receptionist|tenant|landlord)`;
const NAME_EN_ROLE = new RegExp(String.raw`\b(?:I'?m|I am|this is|it'?s)\s+(?:the\s+|a\s+|an\s+)?${ROLE}(?:\s+(?:of|at|for)\s+[A-Za-z&. ]{2,40}?)?[,\s]+([A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})(?=$|[\s,.;!])`, 'i');
/** "Hi its Kevin", "hello, this is kevin": a greeting and a first name, the way chat messages start. */
const NAME_EN_GREETING = /^\s*(?:(?:hi|hello|hey|good (?:morning|afternoon|evening))(?:\s+there)?[\s,!.]*)?(?:it'?s|it is|i'?m|i am|this is)\s+([a-z][a-z]+(?: (?!here\b)[a-z][a-z]+)?)(?=\s*(?:$|[,.;!]|here\b))/i;
/** Words that follow "I'm" or "it's" and are no name: "I'm sorry", "it's broken". */
const NOT_NAME_WORDS = /^(?:sorry|not|having|trying|calling|writing|looking|still|just|so|very|really|here|back|the|a|an|my|our|about|from|with|in|at|on|broken|leaking|working|fine|ok|okay|urgent|again|also|afraid|wondering|getting|going|new|done|me|us|been|no|yes|unable|hoping|reaching|following|contacting|texting|messaging|interested|dead|stuck|off|down|out|noisy|making|doing)$/i;
/** "我姓王", "敝姓陳先生", "免貴姓歐陽": the surname as given, without a guessed 先生/小姐. */
const SURNAME_CJK = new RegExp(String.raw`(?:敝姓|免貴姓|免贵姓|我姓|本人姓)\s*([${CJK}]{1,2}?)(?:先生|小姐|女士|太太)?${CJK_END}`);
const NAME_EN_TITLED = /\b(?:[Mm]y name is|[Nn]ame\s*[:：-]|[Nn]ame is|[Tt]his is)\s*((?:Mr|Mrs|Ms|Miss|Dr)\.?\s+[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,1})(?=$|[\s,.;!])/;
/** What a customer may put before the name when answering "May I have your name?". */
const ANSWER_LABEL = /^(?:(?:my name is|my name's|name\s*(?:is|[:：-])|this is|i am|i'm|it's|it is|call me)\s+|(?:叫我(?![們们])|稱呼我|称呼我|我叫|我的名字是|我的名字叫|名字是|名字叫|姓名\s*[:：]?|我是|敝姓|免貴姓|免贵姓|我姓|本人姓)\s*)/i;

/** "我是" also starts "我是用戶" or "我是說": such words are no name. */
const NOT_NAMES = /^(?:用戶|用户|客戶|客户|顧客|顾客|說|说|想|要|問|问|在|從|从|第|新|老|這|这|那|住|買|买|剛|刚|上|的|唔|咪|嚟|來|来|用|負責|负责|業主|业主|屋主|住戶|住户|經理|经理|租客|代表|幫|帮|替|公司|貴|贵|你|您|他|她)/;

const ADDRESS_CJK_LABELLED = new RegExp(String.raw`(?:設備地址|设备地址|安裝地址|安装地址|地址|住址|地點|地点)\s*(?:是|係|系|在|為|为|[:：])?\s*([^，,。;；!！?？\n]{4,60}?)${CJK_END}`);
/** 台北市大安區復興南路一段100號, 上海市浦东新区世纪大道100号, 九龍觀塘道100號: a city (or a Hong Kong region), a road and a number. */
/** Numbers may stand apart from their words ("崇學路 77 號 3 樓"), the way people type on a phone. */
const ROAD_AND_NUMBER = String.raw`[${CJK}0-9]{1,12}?(?:路|街|道|巷|大道|里)(?:[一二三四五六七八九十0-9]+段)?(?:\s?[0-9]+\s?巷)?(?:\s?[0-9]+\s?弄)?\s?[0-9]+(?:-[0-9]+)?\s?[號号](?:\s?[0-9A-Za-z]+\s?[樓楼F層层])?(?:之[0-9]+)?(?:\s?[0-9A-Za-z]{1,4}\s?[室座])?`;
const ADDRESS_CJK_SHAPE = new RegExp(String.raw`(?:[${CJK}]{2,3}[市縣县省]|香港|九龍|九龙|新界)(?:[${CJK}]{1,4}[區区鎮镇鄉乡市縣县])?${ROAD_AND_NUMBER}`);
/** "我司位于苏州工业园区星湖街328号", "廠房設於…": a road and a number after a word that says where, no city needed. */
const ADDRESS_CJK_LOCATED = new RegExp(String.raw`(?:位于|位於|坐落於|坐落于|設於|设于|設在|设在|地址在|地址係|裝喺|装喺|安裝在|安装在|安裝於|安装于|喺)\s*((?:[${CJK}]{2,12}?(?:區|区|園區|园区|鎮|镇|市|縣|县))?${ROAD_AND_NUMBER})`);
/** The same shape as a whole answer ("九龍觀塘道100號5樓A室"): asked a question, nobody types a road and a number by chance. */
const ADDRESS_CJK_ANSWER = new RegExp(String.raw`^\s*((?:[${CJK}]{2,12}?(?:省|市|縣|县|區|区|鎮|镇|鄉|乡))*${ROAD_AND_NUMBER}[${CJK}0-9A-Za-z]{0,12})\s*[。.]?\s*$`);
/** 沙田禾輋邨豐和樓 1203 室, 將軍澳富康花園3座12樓C室: a Hong Kong estate, its block and the flat, as a whole answer. */
const ESTATE_ANSWER = new RegExp(String.raw`^\s*([${CJK}]{1,10}?(?:邨|苑|花園|花园|新村|大廈|大厦)[${CJK}]{0,4}?(?:樓|楼|閣|阁)?\s?(?:[0-9A-Za-z]{1,3}\s?[座期])?\s?(?:[0-9]{1,3}\s?[樓楼])?\s?[0-9A-Za-z]{1,5}\s?室)\s*[。.]?\s*$`);
/** "5F, 20 Ln 3 Xinyi Rd Sec 4, Taipei", "Warehouse 3, 18 Gangqian Rd, Kaohsiung": a number before a street word. */
const STREET_EN = String.raw`\b\d+[A-Za-z]?(?:-\d+)?,?\s+(?:(?:Ln|Lane|Aly|Alley)\.?\s+\d+,?\s+|(?:Sec|Section)\.?\s*\d+,?\s+)*(?:[A-Z][A-Za-z]*\.?\s+){1,3}(?:Rd|Road|St|Street|Ave|Avenue|Blvd|Boulevard|Dr|Drive|Ln|Lane|Way|Hwy|Highway|Expwy)\b\.?`;
const ADDRESS_EN_ANSWER = new RegExp(String.raw`^\s*((?:[A-Za-z0-9#.\- ]{1,30},\s*)?(?:No\.?\s*)?${STREET_EN}[^;\n?]{0,80}?)\s*[.]?\s*$`, 'i');
/** Where a street address sits inside a sentence: with a city, county or district, nobody mistakes it. */
const ADDRESS_EN_IN_PASSING = new RegExp(String.raw`(?:\b(?:installed|located|based|situated|site is|we are|we're|it is|it's)\s+(?:at|in)\b[^.;\n]{0,40}?)((?:No\.?\s*)?${STREET_EN}(?:,?\s*(?:Sec\.?|Section)\s*\d+)?(?:,?\s*[A-Z][A-Za-z]+(?:\s+[A-Z][a-z]+)*\s+(?:Dist\.?|District|Township))?,?\s*[A-Z][A-Za-z]+(?:\s+[A-Z][a-z]+)?\s+(?:City|County))`, 'i');
const ADDRESS_EN = /\b(?:site address|address|located at|the unit is at|it is at)\s*(?:is|:)?\s*((?:(?:No|Rm|Room|Flat|Unit|Suite)\.?\s*)?\d[^;\n]{4,80}?)(?=(?<!\b(?:No|Sec|Ln|Rd|St|Ave|Dist))\.\s|\.?$|[;\n]|,?\s*(?:and\s+(?:my|the|our)\s+)?\b(?:name|phone|tel|mobile|model|serial)\b)/i;

const MODEL_LABELLED = /(?:\bmodel(?:\s*(?:no\.?|number|#))?|型號|型号|機型|机型)\s*(?:is|係|系|是|為|为|[:：#])?\s*([A-Za-z0-9][A-Za-z0-9\-/.]{2,24}[A-Za-z0-9])/i;

function clean(value: string): string {
  return value.trim().replace(/[\s,，.。]+$/, '');
}

/** "我姓林，林雅婷": the full name right after the surname, starting with it. */
function fullNameAfterSurname(text: string, surname: RegExpExecArray): string | undefined {
  const rest = text.slice(surname.index + surname[0].length);
  const full = new RegExp(String.raw`^[，,、\s]*(?:叫做|名叫|叫)?\s*(${surname[1]}[${CJK}]{1,2}?)${CJK_END}`).exec(rest)?.[1];
  return full && !NOT_NAMES.test(full) ? full : undefined;
}

export function statedName(text: string): string | undefined {
  const cjk = NAME_CJK.exec(text)?.[1];
  if (cjk && !NOT_NAMES.test(cjk)) return cjk;
  const surname = SURNAME_CJK.exec(text);
  if (surname) return fullNameAfterSurname(text, surname) ?? surname[1];
  const latinAfterLabel = NAME_CJK_LABEL_LATIN.exec(text)?.[1];
  if (latinAfterLabel) return clean(latinAfterLabel);
  const bare = NAME_CJK_BARE.exec(text)?.[1];
  if (bare && !NOT_NAMES.test(bare)) return bare;
  const placed = NAME_CJK_AT_COMPANY.exec(text)?.[1];
  if (placed && !NOT_NAMES.test(placed)) return placed;
  const from = NAME_EN_FROM.exec(text)?.[1];
  if (from && !from.split(' ').some((w) => NOT_NAME_WORDS.test(w))) return from;
  const full = NAME_EN_FULL.exec(text)?.[1];
  if (full && !full.split(' ').some((w) => NOT_NAME_WORDS.test(w))) return full;
  const en = NAME_EN_TITLED.exec(text)?.[1] ?? NAME_EN.exec(text)?.[1] ?? NAME_EN_ROLE.exec(text)?.[1];
  if (en) return clean(en);
  const greeted = NAME_EN_GREETING.exec(text)?.[1];
  if (!greeted || greeted.split(' ').some((w) => NOT_NAME_WORDS.test(w))) return undefined;
  // A second word is part of the name only when capitalised ("its Kevin Wu"), not "its kevin here".
  const words = greeted.split(' ');
  const kept = words.length > 1 && /^[A-Z]/.test(words[1]!) ? words : words.slice(0, 1);
  return kept.map((w) => w[0]!.toUpperCase() + w.slice(1)).join(' ');
}

/** Compound surnames: "歐陽" alone is a surname, not a full name. */
const COMPOUND_SURNAMES = /^(?:歐陽|欧阳|司馬|司马|諸葛|诸葛|上官|東方|东方|皇甫|尉遲|尉迟|公孫|公孙|慕容|令狐|長孫|长孙|司徒|夏侯|端木|西門|西门|南宮|南宫)$/;

/**
 * The name to address the customer by, or undefined to use none: a Chinese surname alone ("孫" from
 * "免貴姓孫") reads as curt ("谢谢您，孙。"), and 先生 or 小姐 would guess a gender, so only a full name or a
 * name with its title ("孫先生", "黃小姐") is used. Latin names are used as given ("Kevin", "Mr Lee").
 */
export function formOfAddress(name: string | null | undefined): string | undefined {
  const n = name?.trim();
  if (!n) return undefined;
  if (!/[\u3400-\u9fff]/.test(n)) return n;
  if (/(?:先生|小姐|女士|太太|生|姐)$/.test(n) && n.length >= 2) return n;
  return n.length === 1 || COMPOUND_SURNAMES.test(n) ? undefined : n;
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
  // "地址台北市…12號 明天中午要營業": words after the house number and a space are no longer the address.
  const labelled = ADDRESS_CJK_LABELLED.exec(text)?.[1]?.replace(/([號号樓楼層层室座F])\s+(?![樓楼層层室座之])[\u3400-\u9fff].*$/u, '$1');
  if (labelled && /[\d０-９]|[市縣县區区路街道號号]/.test(labelled)) return clean(labelled);
  // "我住台北市…": the verb before the city is not part of the address.
  const shaped = ADDRESS_CJK_SHAPE.exec(text)?.[0]?.replace(/^(?:住在|住|在|位於|位于|於|于)/, '');
  if (shaped) return shaped;
  const located = ADDRESS_CJK_LOCATED.exec(text)?.[1];
  if (located) return located;
  const en = ADDRESS_EN_IN_PASSING.exec(text)?.[1] ?? ADDRESS_EN.exec(text)?.[1];
  return en ? clean(en) : undefined;
}

/**
 * The site address in an answer to some question: what statedAddress reads, or a whole answer shaped like an
 * address without its city ("九龍觀塘道100號5樓A室", "5F, 20 Ln 3 Xinyi Rd Sec 4, Taipei"). Looser than
 * statedAddress because the customer answered on purpose; the answer must be nothing but the address.
 */
export function addressInAnswer(text: string): string | undefined {
  const stated = statedAddress(text);
  if (stated) return stated;
  const cjk = ADDRESS_CJK_ANSWER.exec(text)?.[1] ?? ESTATE_ANSWER.exec(text)?.[1];
  if (cjk) return clean(cjk);
  const en = ADDRESS_EN_ANSWER.exec(text)?.[1];
  return en ? clean(en) : undefined;
}

/** "on behalf of Acme Plastics Ltd", "from Acme Trading Co.", "代表大安貿易有限公司", "我哋公司係…": the company said in passing. */
const COMPANY_EN = /\b(?:on behalf of|representing|(?:I'?m|I am|we'?re|we are|this is \w+|(?:I'?m|I am|[Ii]t'?s|[Tt]his is) [A-Z][a-z]+(?: [A-Z][a-z]+)?)\s+(?:calling |writing )?(?:from|with|at))\s+((?:the\s+)?[A-Z][\w&'.-]*(?:\s+(?:&\s+)?[A-Z][\w&'.-]*){0,5})/;
const COMPANY_SUFFIX_EN =
  /^.+\b(?:Ltd|Limited|Inc|Corp|Corporation|Co|Company|Group|LLC|GmbH|Industries|Plastics|Trading|Technology|Technologies|Electronics|Systems|Solutions|Services|Logistics|Manufacturing|Hotel|Resort|Restaurant|Cafe|Bakery|House|Kitchen|Shop|Salon|Studio|Bistro|Diner|Pharmacy|Supermarket|Market|Centre|Center|Workshop|Garage|Gym|Spa|Clinic|Hospital|School|College|Academy|University|Factory|Bank|Store|Mall)\.?$/;
/** What a Chinese business name ends in: a registered form, or the kind of place (餐廳, 診所, 工作室). */
const COMPANY_SUFFIX_CJK = String.raw`(?:股份有限公司|有限公司|公司|集團|集团|工廠|工厂|酒店|飯店|饭店|旅館|旅馆|民宿|餐廳|餐厅|診所|诊所|醫院|医院|學校|学校|大學|大学|工作室|事務所|事务所|商行)`;
/** A business name: Chinese, Latin and digits; a space only after a Latin word or a digit ("ABC 科技有限公司"). */
const COMPANY_NAME_CJK = String.raw`[${CJK}A-Za-z0-9](?:[${CJK}A-Za-z0-9&]|(?<=[A-Za-z0-9])\s+(?=[${CJK}A-Za-z0-9])){1,20}?${COMPANY_SUFFIX_CJK}`;
const COMPANY_CJK = new RegExp(String.raw`(?:代表|我們是|我们是|我係|我系|我是|我哋係|來自|来自|我們公司是|我们公司是|我們公司係|我哋公司係|公司名稱是|公司名称是|公司是|公司係|公司叫|公司[:：])?\s*(${COMPANY_NAME_CJK})(?=[的嘅，,。;；!！\s]|報修|报修|報障|报障|反映|投訴|投诉|$)`);
/** "我是大同餐廳的陳小姐": the person named after the place they speak for. */
const NAME_CJK_AT_COMPANY = new RegExp(String.raw`(?:我是|我係|我系)\s*${COMPANY_NAME_CJK}(?:的|嘅)\s*([${SURNAMES}][${CJK}]{0,2}?(?:先生|小姐|女士|太太|經理|经理)|[${SURNAMES}][${CJK}]{1,2}?)${CJK_END}`);

export function statedCompany(text: string): string | undefined {
  const en = COMPANY_EN.exec(text);
  // "on behalf of X" names a company; "from X" only when X is shaped like one ("from Acme Trading Co.", not "from Taipei").
  // "…Plastics Ltd. Our chiller…": the name ends with the sentence.
  const company = en ? clean(en[1]!.replace(/\.\s.*$/, '')) : undefined;
  if (en && company && (/behalf|representing/i.test(en[0]) || COMPANY_SUFFIX_EN.test(company))) return company;
  const cjk = COMPANY_CJK.exec(text);
  // A labelled one ("代表…公司"), or a registered name ("…有限公司") that nobody writes by chance.
  if (cjk && (cjk[0].trim() !== cjk[1] || /有限公司|集團|集团/.test(cjk[1]!)) && !/^(?:我們|我们|你們|你们|貴|贵|我司|本|這間|这间|呢間|該|该)/.test(cjk[1]!)) return cjk[1];
  return undefined;
}

/** What a customer may put before the answer to "Which company or project is this for?". */
const COMPANY_ANSWER_LABEL =
  /^(?:(?:we'?re|we are|i'?m|i am)\s+(?:from|with|at)\s+|(?:it'?s\s+)?(?:the\s+|our\s+)?(?:company|project|site)(?:\s+name)?\s*(?:is|[:：])\s*|(?:我們|我们|我哋)?(?:公司|專案|专案|項目|项目|工程|工地)(?:名稱|名称)?\s*(?:是|係|系|叫|為|为|[:：])\s*|(?:是|係|系)\s*)/i;

/**
 * The answer to "Which company or project is this for?": a company said in a sentence, or the answer with its
 * label dropped ("the project is Riverside Tower", "项目是滨江花园二期"); a plain name ("Sunrise Hotel") as it is.
 */
export function companyInAnswer(text: string): string {
  const t = clean(text);
  return statedCompany(t) ?? (clean(t.replace(COMPANY_ANSWER_LABEL, '')) || t);
}

/** A signature line that is a business name ("Sunrise Hotel", "大同科技股份有限公司 總務部"); a department after it is left out. */
const SIGNATURE_COMPANY_CJK = new RegExp(String.raw`^(${COMPANY_NAME_CJK})(?:\s|$)`);

/** The company in an e-mail signature: the first line shaped like a business name, never a name, a title or a number. */
export function companyInSignature(signature: string): string | undefined {
  for (const line of signature.split(/\r?\n/).map((l) => clean(l))) {
    if (!line || line.length > 60 || /[@\d]{3}/.test(line)) continue;
    if (COMPANY_SUFFIX_EN.test(line) && !/[\u3400-\u9fff]/.test(line)) return line;
    const cjk = SIGNATURE_COMPANY_CJK.exec(line)?.[1];
    if (cjk) return cjk;
  }
  return undefined;
}

/** A model the customer labelled ("model SMS4HVI33E", "型號：NA-V130"); it must contain a digit. */
export function statedModel(text: string): string | undefined {
  const model = MODEL_LABELLED.exec(text)?.[1];
  return model && /\d/.test(model) ? model : undefined;
}

export function statedDetails(text: string): StatedDetails {
  const details: StatedDetails = { name: statedName(text), company: statedCompany(text), siteAddress: statedAddress(text), productModel: statedModel(text) };
  return Object.fromEntries(Object.entries(details).filter(([, v]) => v)) as StatedDetails;
}

/** The questions of a form an answer to another question may still fill (one with a shape of its own). */
export type OtherField = 'siteAddress' | 'productModel' | 'contact';

/** What an answer to the wrong question holds: the site address, the model, or a phone / e-mail (`contact`). */
export type OtherDetails = { siteAddress?: string; productModel?: string; phone?: string; email?: string };

/**
 * What an answer given to the wrong question holds for `fields` (the still-empty ones): a site address
 * typed at the purchase-date or serial question, a model at the address question, a mobile number at the
 * company or serial question. Empty when it holds none.
 */
export function detailsForOtherFields(text: string, entityModel: string | undefined, fields: readonly OtherField[], phoneContext: PhoneContext = {}): OtherDetails {
  const found: OtherDetails = {};
  if (fields.includes('contact')) {
    const phone = mobileNumberOnly(text, phoneContext);
    const email = contactOnly(text)?.email;
    if (phone) found.phone = phone;
    else if (email) found.email = email;
    if (phone || email) return found;
  }
  if (fields.includes('siteAddress')) {
    const address = addressInAnswer(text);
    if (address) found.siteAddress = address;
  }
  if (fields.includes('productModel')) {
    const model = entityModel ?? statedModel(text);
    if (model) found.productModel = model;
  }
  return found;
}
