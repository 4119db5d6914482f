/**
 * Scores understand() against labelled messages: per-class precision/recall/F1, macro-F1 and confusion
 * matrices for category and urgency, language accuracy and entity precision/recall/F1. Shared by
 * `npm run eval` (scripts/eval.ts) and the holdout regression test, so both measure the same way.
 */
import type { LabelledMessage } from './labelled-message.js';
import { classScores, type ClassReport } from './scores.js';
import { understand } from './understand.js';
import { ConversationalAct, type Entities, type Understanding } from './understanding-schema.js';

export { classScores, type ClassReport, type ClassScores } from './scores.js';
export type PRF = { precision: number; recall: number; f1: number; tp: number; fp: number; fn: number };
export type Evaluation = {
  messages: number;
  /** Messages with a category and an urgency: what the category, urgency, calibration and per-channel figures are over. */
  serviceMessages: number;
  category: ClassReport;
  urgency: ClassReport;
  languageAccuracy: number;
  entities: { overall: PRF; perType: Record<string, PRF> };
  /** Expected calibration error of categoryConfidence (10 equal-width bins): 0 means confidence is honest. */
  calibration: { ece: number; bins: { from: number; to: number; n: number; confidence: number; accuracy: number }[] };
  /** Category and urgency macro-F1 on each channel's messages. */
  perChannel: Record<string, { messages: number; category: number; urgency: number }>;
  /** Conversational acts, on the messages whose set labels them (null when none does). */
  act: (ClassReport & { accuracy: number; messages: number }) | null;
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
/**
 * References are compared without a leading descriptive word, since sets differ on whether it is part of
 * the value: "ticket 44-10918" ≈ "44-10918", "job 4471" ≈ "4471", "订单 NJ2024…" ≈ "NJ2024…". Code-like
 * prefixes (SR-, RMA-, PO, INC) are kept on both sides.
 */
const REF_WORDS = /^(?:(?:ticket|job|order|invoice|case|claim|quotation|quote|credit note|work order|tender|deviation|reference|ref|no\.?|number|#|订单|訂單|单号|單號|工单|工單|发票|發票|叫修单|叫修單|標案|标案)\s*[#:：.]?\s*)+/i;
const normRef = (v: string) => norm(v.trim().replace(REF_WORDS, ''));

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

  // Turns a set leaves without category (a pure act, or only a name or a phone number) count for entities,
  // language and acts only.
  const service = messages.flatMap((m, i) => (m.category !== null && m.urgency !== null ? [i] : []));
  const category = categoryScores(messages, results, service);
  const urgency = urgencyScores(messages, results, service);
  const languageAccuracy = messages.length ? messages.filter((m, i) => m.language === results[i]!.language).length / messages.length : 0;

  const counts: Record<string, { tp: number; fp: number; fn: number }> = {};
  const entityErrors: string[] = [];
  messages.forEach((m, i) => {
    for (const [key, fields] of Object.entries(ENTITY_KEYS)) {
      const gold = m.expected_entities[key as keyof typeof m.expected_entities];
      const preds = fields.map((f) => results[i]!.entities[f]).filter((v): v is string => !!v);
      const same = key === 'order_or_ticket_ref' ? (a: string, b: string) => normRef(a) === normRef(b) : (a: string, b: string) => norm(a) === norm(b);
      const pred = preds.find((p) => gold && same(gold, p)) ?? preds[0];
      const c = (counts[key] ??= { tp: 0, fp: 0, fn: 0 });
      if (gold && pred && same(gold, pred)) c.tp++;
      else {
        if (pred) c.fp++;
        if (gold) c.fn++;
        if (gold || pred) entityErrors.push(`${m.id} ${key}: expected ${gold ?? '-'} got ${pred ?? '-'}`);
      }
    }
  });
  const total = Object.values(counts).reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
  const entities = { overall: prf(total), perType: Object.fromEntries(Object.entries(counts).map(([k, c]) => [k, prf(c)])) };
  const calibration = calibrationOf(service.map((i) => ({ confidence: results[i]!.categoryConfidence, correct: results[i]!.category === messages[i]!.category })));
  const perChannel: Evaluation['perChannel'] = {};
  for (const channel of [...new Set(service.map((i) => messages[i]!.channel))].sort()) {
    const idx = service.filter((i) => messages[i]!.channel === channel);
    perChannel[channel] = { messages: idx.length, category: categoryScores(messages, results, idx).macroF1, urgency: urgencyScores(messages, results, idx).macroF1 };
  }
  const withAct = messages.flatMap((m, i) => (m.act !== undefined ? [i] : []));
  const actLabels = ['none', ...ConversationalAct.options];
  const goldActs = withAct.map((i) => messages[i]!.act ?? 'none');
  const predActs = withAct.map((i) => results[i]!.act ?? 'none');
  const act = withAct.length
    ? { ...classScores(actLabels, goldActs, predActs), accuracy: goldActs.filter((g, k) => g === predActs[k]).length / withAct.length, messages: withAct.length }
    : null;
  return { messages: messages.length, serviceMessages: service.length, category, urgency, languageAccuracy, entities, calibration, perChannel, act, results, entityErrors, seconds };
}

/** `idx` are messages with a category and an urgency. */
function categoryScores(messages: readonly LabelledMessage[], results: readonly Understanding[], idx: readonly number[]): ClassReport {
  return classScores(['inquiry', 'fault', 'complaint'], idx.map((i) => messages[i]!.category!), idx.map((i) => results[i]!.category));
}

function urgencyScores(messages: readonly LabelledMessage[], results: readonly Understanding[], idx: readonly number[]): ClassReport {
  return classScores(['low', 'normal', 'high'], idx.map((i) => messages[i]!.urgency!), idx.map((i) => results[i]!.urgency));
}

function calibrationOf(points: readonly { confidence: number; correct: boolean }[]): Evaluation['calibration'] {
  const bins = Array.from({ length: 10 }, (_, b) => ({ from: b / 10, to: (b + 1) / 10, n: 0, confidence: 0, accuracy: 0 }));
  for (const { confidence, correct } of points) {
    const bin = bins[Math.min(9, Math.floor(confidence * 10))]!;
    bin.n++;
    bin.confidence += confidence;
    bin.accuracy += correct ? 1 : 0;
  }
  let ece = 0;
  for (const bin of bins) {
    if (!bin.n) continue;
    bin.confidence /= bin.n;
    bin.accuracy /= bin.n;
    ece += (bin.n / points.length) * Math.abs(bin.confidence - bin.accuracy);
  }
  return { ece, bins };
}
