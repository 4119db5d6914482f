import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';
import { Converter } from 'opencc-js';
import { z } from 'zod';
import type { Language } from '../../src/messages/channel-kind.js';

export const DEFAULT_KNOWLEDGE_BASE_FILE = fileURLToPath(new URL('../../config/knowledge-base.yaml', import.meta.url));

const Topic = z.strictObject({
  id: z.string().regex(/^[a-z_]+$/),
  keywords: z.array(z.string().min(2)).min(1),
  /**
   * Words any topic's question may carry ("how much", "多少錢", "buy"): they add to a topic that matched one of
   * its own keywords, and decide alone only when no topic did. So "how much is a filter?" asks about the filter.
   */
  generic: z.array(z.string().min(2)).default([]),
  answers: z.strictObject({ en: z.string().min(1), 'zh-Hant': z.string().min(1), 'zh-Hans': z.string().min(1) }),
});
const KnowledgeBaseFile = z.strictObject({ topics: z.array(Topic).min(1) });

export type KnowledgeTopic = z.infer<typeof Topic>;

export interface KnowledgeBase {
  readonly topics: readonly KnowledgeTopic[];
  /** The best topic for a question (most keyword characters matched, generic words counting after the topic's own), or undefined. */
  match(text: string): KnowledgeTopic | undefined;
  answer(topic: KnowledgeTopic, language: Language): string;
}

export function parseKnowledgeBase(text: string, source = 'knowledge-base.yaml'): KnowledgeBase {
  const parsed = KnowledgeBaseFile.safeParse(load(text));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`);
    throw new Error(`${source}: ${problems.join('; ')}`);
  }
  const topics = parsed.data.topics.map((t) => ({ ...t, keywords: [...new Set(t.keywords.map(fold))], generic: [...new Set(t.generic.map(fold))] }));
  const tests = (words: readonly string[]) => words.map((k) => ({ length: k.length, test: keywordTest(k) }));
  const matchers = topics.map((topic) => ({ topic, keywords: tests(topic.keywords), generic: tests(topic.generic) }));
  const scoreOf = (keywords: ReturnType<typeof tests>, q: string) => keywords.filter((k) => k.test(q)).reduce((s, k) => s + k.length, 0);
  return {
    topics,
    match(question) {
      const q = fold(question);
      // Ranked by the topic's own keywords first, then by its generic words; a tie goes to the topic listed first.
      let best: { topic: KnowledgeTopic; own: number; generic: number } | undefined;
      for (const { topic, keywords, generic } of matchers) {
        const own = scoreOf(keywords, q);
        const general = scoreOf(generic, q);
        if (own + general === 0) continue;
        if (!best || own > best.own || (own === best.own && general > best.generic)) best = { topic, own, generic: general };
      }
      return best?.topic;
    },
    answer: (topic, language) => topic.answers[language],
  };
}

const toSimplified = Converter({ from: 'hk', to: 'cn' });

/** One form for matching: lower case, half-width, Simplified Chinese (so one keyword serves both scripts). */
function fold(text: string): string {
  return toSimplified(text.normalize('NFKC').toLowerCase());
}

/** Chinese keywords match anywhere; Latin ones as whole words, plural included ("manual" matches "manuals"). */
function keywordTest(keyword: string): (q: string) => boolean {
  if (/[\u3400-\u9fff]/.test(keyword)) return (q) => q.includes(keyword);
  const escaped = keyword.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`(?<![a-z0-9])${escaped}(?:s|es)?(?![a-z0-9])`);
  return (q) => re.test(q);
}

const cache = new Map<string, KnowledgeBase>();

/** Reads and validates the knowledge base file (cached per path); a broken file fails at start-up. */
export function loadKnowledgeBase(path?: string): KnowledgeBase {
  const file = path === undefined ? DEFAULT_KNOWLEDGE_BASE_FILE : resolve(path);
  let kb = cache.get(file);
  if (!kb) {
    kb = parseKnowledgeBase(readFileSync(file, 'utf8'), file);
    cache.set(file, kb);
  }
  return kb;
}
