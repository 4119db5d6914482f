/**
 * Scores understand() against labelled messages: per-class precision/recall/F1, macro-F1 and confusion
 * matrices for category and urgency, language accuracy and entity precision/recall/F1. Shared by
 * `npm run eval` (scripts/eval.ts) and the holdout regression test, so both measure the same way.
 */
import type { LabelledMessage } from './labelled-message.js';
import { understand } from './understand.js';
import type { Entities, Understanding } from './understanding-schema.js';

export type ClassScores = { precision: number; recall: number; f1: number; support: number };
export type ClassReport = { perClass: Record<string, ClassScores>; macroF1: number; confusion: Record<string, Record<string, number>> };
export type PRF = { precision: number; recall: number; f1: number; tp: number; fp: number; fn: number };
export type Evaluation = {
  messages: number;
  category: ClassReport;
  urgency: ClassReport;
  languageAccuracy: number;
  entities: { overall: PRF; perType: Record<string, PRF> };
  /** One understand() result per message, in order. */
  results: Understanding[];
  entityErrors: string[];
  seconds: number;
};

/** Labelled entity → the fields of Entities that may hold it (our ticket numbers and other systems' references are both an order_or_ticket_ref). */
export const ENTITY_KEYS: Record<string, readonly (keyof Entities)[]> = {
  product_model: ['productModel'],
  serial: ['serial'],
  phone: ['phone'],
  email: ['email'],
  order_or_ticket_ref: ['ticketRef', 'externalRef'],
};

/** Entity values match after normalising case, spaces, hyphens and the # of "Case #20931". */
const norm = (v: string) => v.toLowerCase().replace(/[\s\-‐–—#]+/g, '');

export function classScores(labels: readonly string[], gold: readonly string[], pred: readonly string[]): ClassReport {
  const perClass: Record<string, ClassScores> = {};
  const confusion: Record<string, Record<string, number>> = {};
  for (const g of labels) confusion[g] = Object.fromEntries(labels.map((p) => [p, 0]));
  gold.forEach((g, i) => confusion[g]![pred[i]!]!++);
  for (const c of labels) {
    const tp = gold.filter((g, i) => g === c && pred[i] === c).length;
    const fp = pred.filter((p, i) => p === c && gold[i] !== c).length;
    const fn = gold.filter((g, i) => g === c && pred[i] !== c).length;
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    perClass[c] = { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, support: tp + fn };
  }
  const macroF1 = labels.reduce((s, c) => s + perClass[c]!.f1, 0) / labels.length;
  return { perClass, macroF1, confusion };
}

const prf = ({ tp, fp, fn }: { tp: number; fp: number; fn: number }): PRF => {
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, tp, fp, fn };
};

export function evaluate(messages: readonly LabelledMessage[], options: { warmUp?: boolean } = {}): Evaluation {
  // Warm-up pass (JIT, caches) so the timing reflects steady state, not start-up.
  if (options.warmUp ?? true) for (const m of messages.slice(0, 100)) understand(m.text, { channel: m.channel, subject: m.subject });
  const started = performance.now();
  const results = messages.map((m) => understand(m.text, { channel: m.channel, subject: m.subject }));
  const seconds = (performance.now() - started) / 1000;

  const category = classScores(['inquiry', 'fault', 'complaint'], messages.map((m) => m.category), results.map((r) => r.category));
  const urgency = classScores(['low', 'normal', 'high'], messages.map((m) => m.urgency), results.map((r) => r.urgency));
  const languageAccuracy = messages.length ? messages.filter((m, i) => m.language === results[i]!.language).length / messages.length : 0;

  const counts: Record<string, { tp: number; fp: number; fn: number }> = {};
  const entityErrors: string[] = [];
  messages.forEach((m, i) => {
    for (const [key, fields] of Object.entries(ENTITY_KEYS)) {
      const gold = m.expected_entities[key as keyof typeof m.expected_entities];
      const preds = fields.map((f) => results[i]!.entities[f]).filter((v): v is string => !!v);
      const pred = preds.find((p) => gold && norm(gold) === norm(p)) ?? preds[0];
      const c = (counts[key] ??= { tp: 0, fp: 0, fn: 0 });
      if (gold && pred && norm(gold) === norm(pred)) c.tp++;
      else {
        if (pred) c.fp++;
        if (gold) c.fn++;
        if (gold || pred) entityErrors.push(`${m.id} ${key}: expected ${gold ?? '-'} got ${pred ?? '-'}`);
      }
    }
  });
  const total = Object.values(counts).reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
  const entities = { overall: prf(total), perType: Object.fromEntries(Object.entries(counts).map(([k, c]) => [k, prf(c)])) };
  return { messages: messages.length, category, urgency, languageAccuracy, entities, results, entityErrors, seconds };
}
