import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';
import { z } from 'zod';
import type { Language } from '../../src/messages/channel-kind.js';

export const DEFAULT_KNOWLEDGE_BASE_FILE = fileURLToPath(new URL('../../config/knowledge-base.yaml', import.meta.url));

const Topic = z.strictObject({
  id: z.string().regex(/^[a-z_]+$/),
  keywords: z.array(z.string().min(2)).min(1),
  answers: z.strictObject({ en: z.string().min(1), 'zh-Hant': z.string().min(1), 'zh-Hans': z.string().min(1) }),
});
const KnowledgeBaseFile = z.strictObject({ topics: z.array(Topic).min(1) });

export type KnowledgeTopic = z.infer<typeof Topic>;

export interface KnowledgeBase {
  readonly topics: readonly KnowledgeTopic[];
  /** The best topic for a question (most keyword characters matched), or undefined. */
  match(text: string): KnowledgeTopic | undefined;
  answer(topic: KnowledgeTopic, language: Language): string;
}

export function parseKnowledgeBase(text: string, source = 'knowledge-base.yaml'): KnowledgeBase {
  const parsed = KnowledgeBaseFile.safeParse(load(text));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`);
    throw new Error(`${source}: ${problems.join('; ')}`);
  }
  const topics = parsed.data.topics.map((t) => ({ ...t, keywords: t.keywords.map((k) => k.toLowerCase()) }));
  return {
    topics,
    match(question) {
      const q = question.toLowerCase();
      let best: { topic: KnowledgeTopic; score: number } | undefined;
      for (const topic of topics) {
        const score = topic.keywords.filter((k) => (/^[a-z ]+$/.test(k) ? new RegExp(`\\b${k}\\b`).test(q) : q.includes(k))).reduce((s, k) => s + k.length, 0);
        if (score > 0 && (!best || score > best.score)) best = { topic, score };
      }
      return best?.topic;
    },
    answer: (topic, language) => topic.answers[language],
  };
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
