import { en, type MessageKey } from './messages/en';
import { zhHans } from './messages/zh-hans';
import { zhHant } from './messages/zh-hant';
import { createStore } from './store';

export type Lang = 'zh-Hant' | 'zh-Hans' | 'en';
export const LANGUAGES: { code: Lang; label: string }[] = [
  { code: 'zh-Hant', label: '繁體中文' },
  { code: 'zh-Hans', label: '简体中文' },
  { code: 'en', label: 'English' },
];
const dictionaries: Record<Lang, Record<MessageKey, string>> = { en, 'zh-Hant': zhHant, 'zh-Hans': zhHans };
const LANG_KEY = 'aftercare.console.lang';

/** The browser's first language we have: Taiwan and Hong Kong read Traditional, the rest of Chinese Simplified. */
export function pickLanguage(preferred: readonly string[]): Lang {
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (/^zh-(tw|hk|mo)\b|^zh-hant/.test(lower)) return 'zh-Hant';
    if (lower.startsWith('zh')) return 'zh-Hans';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

function initial(): Lang {
  const saved = localStorage.getItem(LANG_KEY);
  if (saved && saved in dictionaries) return saved as Lang;
  return pickLanguage(navigator.languages?.length ? navigator.languages : [navigator.language]);
}

export const lang = createStore<Lang>(initial());
document.documentElement.lang = lang.get();

/** Switches the language and remembers it for this browser. */
export function setLang(next: Lang): void {
  localStorage.setItem(LANG_KEY, next);
  document.documentElement.lang = next;
  lang.set(next);
}

export function intlLocale(): string {
  return { 'zh-Hant': 'zh-TW', 'zh-Hans': 'zh-CN', en: 'en-GB' }[lang.get()];
}

/** A text in the chosen language; `{name}` placeholders are filled from vars. Unknown keys show as themselves. */
export function t(key: string, vars: Record<string, string | number> = {}): string {
  const dict = dictionaries[lang.get()] as Record<string, string>;
  const template = dict[key] ?? (en as Record<string, string>)[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

/** An enum value (status, category, channel, …) in words; the raw value when there is no text for it. */
export function term(group: string, value: string | null | undefined): string {
  if (!value) return '—';
  const key = `${group}.${value}`;
  const found = t(key);
  return found === key ? value.replaceAll('_', ' ') : found;
}
