/**
 * Writes src/understanding/corpus/generated.jsonl from the templates in src/understanding/corpus/templates/*.yaml.
 * Deterministic (seeded), so `npm run train` always sees the same corpus. Run: `npx tsx scripts/generate-corpus.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { Converter } from 'opencc-js';
import { seededRandom } from '../src/understanding/classifier.js';

type Lang = 'en' | 'zh' | 'yue' | 'mix';
type LangText = { name: string[]; sym: string[] };
type Product = { kind: string; models: string[]; serial: string[]; err: string[]; en: LangText; hans: LangText; yue: LangText; mix: LangText };
type Intent = { id: string; cat: string; urg: string; weight?: number; subj: { en: string[]; zh: string[] } } & Partial<Record<Lang, string[]>>;
type Vocab = Record<'part' | 'task' | 'task2', Record<'en' | 'zh' | 'yue' | 'mix', string[]>> & {
  names: Record<'en' | 'zh' | 'yue', string[]>;
  titles: Record<'en' | 'zh', string[]>;
  companies: string[];
};
type Example = { id: string; channel: string; language: string; subject?: string; text: string; category: string; urgency: string; expected_entities: Record<string, string> };

const DIR = join(import.meta.dirname, '..', 'src', 'understanding', 'corpus');
const readYaml = <T>(file: string): T => load(readFileSync(join(DIR, 'templates', file), 'utf8')) as T;
const products = [...readYaml<Product[]>('products.yaml'), ...readYaml<Product[]>('products-more.yaml')];
const intents = [...readYaml<Intent[]>('inquiry.yaml'), ...readYaml<Intent[]>('fault.yaml'), ...readYaml<Intent[]>('complaint.yaml'), ...readYaml<Intent[]>('extra.yaml'), ...readYaml<Intent[]>('more.yaml')];
const vocab = readYaml<Vocab>('vocab.yaml');
const toTraditional = Converter({ from: 'cn', to: 'twp' });

const rand = seededRandom(20260401);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const chance = (p: number) => rand() < p;
const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');
const fillPattern = (p: string) => p.replace(/#/g, () => digits(1)).replace(/\?/g, () => pick([...'ABCDEFGHJKLMNPRSTUVWXYZ']));

/** {a|b|} alternatives, innermost first. */
function expandAlternatives(t: string): string {
  let prev = '';
  while (prev !== t) {
    prev = t;
    t = t.replace(/\{([^{}]*)\}/g, (_, alts: string) => pick(alts.split('|')));
  }
  return t;
}

const REF_FORMATS = ['SR-2026-######', 'SR-2025-######', 'TK-####', 'TK-########-##', 'RMA-######', 'SO-#####', 'INV-####-####', 'HT-2025-####', 'GD202#0#1####', 'PO-######', 'CT-####-###'];
const REF_FREE = ['tk ####', 'ticket ####', 'case #####', 'order ######', 'sr ######', 'Ticket #####', 'job ####'];
const PHONE_FORMATS = ['09##-###-###', '09## ### ###', '13#-####-####', '13#########', '5### ####', '555-01##', '555 01##', '(02) 2###-####', '+852 5### ####', '07##-####-####', '02-2###-####', '6### ####'];
const EMAIL_USERS = ['chris.lee', 'mwong', 'facilities', 'lab.admin', 'k.tan', 'zhangwei', 'li.na', 'ops-team', 'peter_chan', 'yuki.h'];
const EMAIL_DOMAINS = ['example.com', 'example.org', 'contoso.example', 'fabrikam.example.tw', 'example.cn', 'northwind.example.hk'];

type Draft = { text: string; subject?: string; entities: Record<string, string> };

function fill(template: string, lang: Lang, product: Product, entities: Record<string, string>, model: string): string {
  const key = lang === 'zh' ? 'hans' : lang;
  const vk = lang;
  const local = product[key].name.length ? product[key] : product.yue;
  const sep = lang === 'en' || lang === 'mix' ? ' ' : '';
  const useModel = () => {
    entities.product_model = model;
    return model;
  };
  return expandAlternatives(template).replace(/<(\w+)>/g, (_, slot: string) => {
    switch (slot) {
      case 'prod': {
        const name = pick(local.name);
        if (!chance(0.65)) return name;
        const m = useModel();
        return pick([`${name} ${m}`, `${m}${/^[A-Za-z]/.test(name) ? ' ' : sep}${name}`, m]);
      }
      case 'name': return pick(local.name);
      case 'model': return useModel();
      case 'sym': return fill(pick(local.sym), lang, product, entities, model);
      case 'err': return pick(product.err);
      case 'serial': return (entities.serial = fillPattern(pick(product.serial.length ? product.serial : ['SN####-###'])));
      case 'ref': return (entities.order_or_ticket_ref ??= fillPattern(pick(chance(0.8) ? REF_FORMATS : REF_FREE)));
      case 'phone': return (entities.phone ??= fillPattern(pick(PHONE_FORMATS)));
      case 'email': return (entities.email ??= `${pick(EMAIL_USERS)}@${pick(EMAIL_DOMAINS)}`);
      case 'n': return String(2 + Math.floor(rand() * 11));
      case 'part': case 'task': case 'task2': return pick(vocab[slot][vk]);
      default: throw new Error(`unknown slot <${slot}>`);
    }
  }).replace(/ {2,}/g, ' ').trim();
}

const SMS_SHORT: [RegExp, string][] = [[/\bplease\b/gi, 'pls'], [/\byou\b/gi, 'u'], [/\bthanks\b/gi, 'thx'], [/\btomorrow\b/gi, 'tmr'], [/\bsomeone\b/gi, 'some1'], [/\btechnician\b/gi, 'tech'], [/\bwon't\b/gi, 'wont'], [/\bcan't\b/gi, 'cant'], [/\bbecause\b/gi, 'coz']];

function smsify(d: Draft, lang: Lang): void {
  if (lang === 'en' && chance(0.5)) for (const [re, to] of SMS_SHORT) if (chance(0.7)) d.text = d.text.replace(re, to);
  if (chance(0.3)) d.text = d.text.toLowerCase();
  if (d.entities.product_model && chance(0.2)) {
    const m = d.entities.product_model;
    const mutated = chance(0.5) ? m.replace(/-/g, '') : m.toLowerCase();
    d.text = d.text.replace(m, mutated);
    d.entities.product_model = mutated;
  }
  if (!d.entities.phone && chance(0.3)) {
    const phone = fillPattern(pick(PHONE_FORMATS));
    d.entities.phone = phone;
    d.text += lang === 'en' ? pick([` ${phone}`, ` call ${phone}`, `. Tel ${phone}`]) : pick([` ${phone}`, `，电话${phone}`, ` 回電 ${phone}`]);
  }
}

const SPOKEN_EN = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const SPOKEN_ZH = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const FILLERS = { en: ['hi', 'hello yes', 'um hi', "hi i'm calling about", 'yeah hello', 'good morning'], zh: ['喂 你好', '你好 我想问下', '喂', '嗯 你好', '嗯 就是', '你好 那个', '喂 嗯'], yue: ['喂', '喂 你好', 'hello 呀', '喂 唔該'] };

function voicify(d: Draft, lang: Lang): void {
  let t = d.text.replace(/[,.!?;:，。！？；：、（）()「」“”"]+/g, () => (lang !== 'en' && chance(0.3) ? pick([' 然后 ', ' 那个 ', ' 就是 ', ' 嗯 ']) : ' '));
  if (lang === 'en') t = t.toLowerCase();
  if (chance(0.5)) t = t.replace(/\b([A-Za-z])-?(\d{2,3})\b/g, (_, l: string, n: string) => `${l} ${[...n].map((c) => (lang === 'en' ? SPOKEN_EN : SPOKEN_ZH)[Number(c)]).join(' ')}`);
  const f = lang === 'en' ? FILLERS.en : lang === 'zh' ? FILLERS.zh : FILLERS.yue;
  if (chance(0.6)) t = `${pick(f)} ${t}`;
  if (!d.entities.phone && chance(0.25)) {
    const phone = fillPattern(pick(['5### ####', '555 01##', '09## ### ###']));
    d.entities.phone = phone;
    t += lang === 'en' ? ` my number is ${phone}` : pick([` 我电话是 ${phone}`, ` 我電話係 ${phone}`]);
  }
  d.text = t.replace(/\s+/g, ' ').trim();
}

const QUOTES: Record<'en' | 'zh', string[]> = {
  en: ['Dear customer, thank you for contacting us. An engineer has been assigned to <ref> and will call you to arrange a visit.', 'Hello, your case <ref> has been resolved and will be closed in 3 days. Regards, Service Desk', 'Thanks for your message. Could you send us the serial number and a photo of the display?'],
  zh: ['您好，您的工单<ref>已受理，工程师会尽快与您联系。客服中心', '您好，工单<ref>已处理完毕，如无其他问题将于三日后结案。', '感谢您的来信，请提供机身序号和屏幕照片，以便我们判断问题。'],
};

function emailify(d: Draft, lang: Lang, intent: Intent, product: Product, model: string): void {
  const zh = lang !== 'en';
  const subjLang = lang === 'en' || (lang === 'mix' && chance(0.5)) ? 'en' : 'zh';
  d.subject = fill(pick(intent.subj[subjLang]), subjLang === 'en' ? 'en' : 'zh', product, d.entities, model);
  if (lang === 'yue' || (lang === 'mix' && subjLang === 'zh')) d.subject = toTraditional(d.subject);
  if (chance(0.25)) d.subject = `Re: ${d.subject}`;
  const greet = zh ? pick(['您好：', '您好,', '客服你好，', 'Hi,', '']) : pick(['Hi,', 'Hello,', 'Dear Support,', 'Good morning,', 'Hi team,']);
  const body = d.text.replace(zh ? /([。！？])\s*/g : /([.!?])\s+(?=[A-Z])/g, chance(0.5) ? '$1\n' : '$1 ');
  const who = zh ? pick(lang === 'zh' ? vocab.names.zh : vocab.names.yue) : pick(vocab.names.en);
  const sig = [zh ? pick(['谢谢！', '谢谢', 'Thanks,', '']) : pick(['Thanks,', 'Regards,', 'Best regards,', 'Kind regards,', 'Cheers,']), who];
  if (chance(0.5)) sig.push(zh ? pick(vocab.titles.zh) : pick(vocab.titles.en));
  if (!d.entities.phone && chance(0.35)) sig.push(`${zh ? pick(['电话：', '手机：', 'Tel: ']) : pick(['Tel: ', 'Mobile: ', 'Phone '])}${(d.entities.phone = fillPattern(pick(PHONE_FORMATS)))}`);
  if (!d.entities.email && chance(0.25)) sig.push(`${zh ? pick(['邮箱：', 'Email: ']) : 'Email: '}${(d.entities.email = `${pick(EMAIL_USERS)}@${pick(EMAIL_DOMAINS)}`)}`);
  let text = `${greet ? `${greet}\n\n` : ''}${body}\n\n${sig.filter(Boolean).join('\n')}`;
  if (chance(0.25)) {
    const q = fill(pick(QUOTES[zh ? 'zh' : 'en']), zh ? 'zh' : 'en', product, d.entities, model);
    const quoted = q.split(/(?<=[.。])\s*/).map((l) => `> ${l}`).join('\n');
    text += pick([
      `\n\n${zh ? '在 2026年3月2日 上午10:15，客服中心 <service@aftercare.example> 写道：' : 'On Mon, 2 Mar 2026 at 10:15, Service Desk <service@aftercare.example> wrote:'}\n${quoted}`,
      `\n\n-----Original Message-----\nFrom: Service Desk <service@aftercare.example>\nSent: Monday, March 2, 2026 10:15 AM\nSubject: ${d.subject}\n\n${q}`,
      `\n\n${quoted}`,
    ]);
  }
  if (chance(0.2)) text = text.replace(/\n\n(?=[^\n]*$)/, '\n-- \n');
  d.text = lang === 'yue' ? text : text;
}

/** After case changes and spoken forms, an entity is what is actually written, or absent. */
function reconcileEntities(d: Draft): void {
  const whole = `${d.subject ?? ''}\n${d.text}`;
  for (const [k, v] of Object.entries(d.entities)) {
    const at = whole.toLowerCase().indexOf(v.toLowerCase());
    if (at < 0) delete d.entities[k];
    else d.entities[k] = whole.slice(at, at + v.length);
  }
}

function generate(intent: Intent, lang: Lang, channel: string): Draft {
  const product = pick(products);
  const model = pick(product.models);
  const entities: Record<string, string> = {};
  const d: Draft = { text: fill(pick(intent[lang]!), lang, product, entities, model), entities };
  if (channel === 'sms') smsify(d, lang);
  if (channel === 'voice') voicify(d, lang);
  if (channel === 'chat' && chance(0.15)) d.text += ` ${pick(intent.cat === 'complaint' ? ['😡', '😤', '🙄'] : ['🙏', '🙂', '😫', '👍'])}`;
  if (channel === 'email') emailify(d, lang, intent, product, model);
  return d;
}

const PER_CLASS = 1100;
const out: Example[] = [];
const seen = new Set<string>();
const CHANNELS = ['sms', 'sms', 'email', 'email', 'chat', 'chat', 'chat', 'voice', 'voice'];
for (const cat of ['inquiry', 'fault', 'complaint']) {
  const own = intents.filter((i) => i.cat === cat);
  // `weight` (default 1) sets an intent's share of its class, so common kinds of message (a single broken
  // device) are not outnumbered by rarer ones (production down, safety) just because they have fewer intents.
  const totalWeight = own.reduce((s, i) => s + (i.weight ?? 1), 0);
  for (const intent of own) {
    const perIntent = Math.ceil((PER_CLASS * (intent.weight ?? 1)) / totalWeight / 5);
    for (const variant of ['en', 'hans', 'hant', 'yue', 'mix'] as const) {
      const lang: Lang = variant === 'hans' || variant === 'hant' ? 'zh' : variant;
      if (!intent[lang]) continue;
      for (let i = 0, tries = 0; i < perIntent && tries < perIntent * 5; tries++) {
        const channel = pick(CHANNELS);
        const d = generate(intent, lang, channel);
        if (variant === 'hant') {
          d.text = toTraditional(d.text);
          if (d.subject) d.subject = toTraditional(d.subject);
        }
        reconcileEntities(d);
        if (seen.has(d.text)) continue;
        seen.add(d.text);
        i++;
        const language = { en: 'en', hans: 'zh-Hans', hant: 'zh-Hant', yue: 'zh-Hant', mix: 'mixed' }[variant];
        out.push({ id: `gen-${String(out.length + 1).padStart(5, '0')}`, channel, language, ...(d.subject ? { subject: d.subject } : {}), text: d.text, category: intent.cat, urgency: intent.urg, expected_entities: d.entities });
      }
    }
  }
}
writeFileSync(join(DIR, 'generated.jsonl'), out.map((e) => JSON.stringify(e)).join('\n') + '\n');
console.log(`wrote ${out.length} examples to src/understanding/corpus/generated.jsonl`);
