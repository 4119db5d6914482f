/**
 * `npm run eval -- <file.jsonl> [--json] [--errors]`: scores understand() against a labelled JSON Lines file.
 * Prints per-class precision/recall/F1 and macro-F1 for category and urgency, language accuracy, entity
 * precision/recall/F1, confusion matrices and messages per second; the last line is `category macro-F1: 0.xxx`.
 */
import { readLabelled, type LabelledMessage } from '../src/understanding/labelled-message.js';
import { understand } from '../src/understanding/understand.js';
import type { Entities, Understanding } from '../src/understanding/understanding-schema.js';

type ClassScores = { precision: number; recall: number; f1: number; support: number };

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
  console.error('usage: npm run eval -- <file.jsonl> [--json] [--errors]');
  process.exit(2);
}
const asJson = args.includes('--json');
const showErrors = args.includes('--errors');

const ENTITY_KEYS: Record<string, keyof Entities> = { product_model: 'productModel', serial: 'serial', phone: 'phone', email: 'email', order_or_ticket_ref: 'ticketRef' };
const norm = (v: string) => v.toLowerCase().replace(/[\s\-‐–—]+/g, '');

function classScores(labels: readonly string[], gold: readonly string[], pred: readonly string[]) {
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

const messages: LabelledMessage[] = readLabelled(file);
// Warm-up pass (JIT, caches) so messages/second reflects steady state, not start-up.
for (const m of messages.slice(0, 100)) understand(m.text, { channel: m.channel, subject: m.subject });
const started = performance.now();
const results: Understanding[] = messages.map((m) => understand(m.text, { channel: m.channel, subject: m.subject }));
const seconds = (performance.now() - started) / 1000;

const category = classScores(['inquiry', 'fault', 'complaint'], messages.map((m) => m.category), results.map((r) => r.category));
const urgency = classScores(['low', 'normal', 'high'], messages.map((m) => m.urgency), results.map((r) => r.urgency));
const languageAccuracy = messages.filter((m, i) => m.language === results[i]!.language).length / messages.length;

const entityCounts: Record<string, { tp: number; fp: number; fn: number }> = {};
const entityErrors: string[] = [];
messages.forEach((m, i) => {
  for (const [key, field] of Object.entries(ENTITY_KEYS)) {
    const gold = m.expected_entities[key as keyof typeof m.expected_entities];
    const pred = results[i]!.entities[field];
    const c = (entityCounts[key] ??= { tp: 0, fp: 0, fn: 0 });
    if (gold && pred && norm(gold) === norm(pred)) c.tp++;
    else {
      if (pred) c.fp++;
      if (gold) c.fn++;
      if (gold || pred) entityErrors.push(`${m.id} ${key}: expected ${gold ?? '-'} got ${pred ?? '-'}`);
    }
  }
});
const prf = ({ tp, fp, fn }: { tp: number; fp: number; fn: number }) => {
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, tp, fp, fn };
};
const total = Object.values(entityCounts).reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
const entities = { overall: prf(total), perType: Object.fromEntries(Object.entries(entityCounts).map(([k, c]) => [k, prf(c)])) };
const speed = messages.length / seconds;

if (asJson) {
  console.log(JSON.stringify({ file, messages: messages.length, category, urgency, languageAccuracy, entities, messagesPerSecond: speed }, null, 2));
} else {
  const f = (x: number) => x.toFixed(3);
  const table = (title: string, s: typeof category) => {
    console.log(`\n${title}\n  class        precision  recall  f1     support`);
    for (const [c, v] of Object.entries(s.perClass)) console.log(`  ${c.padEnd(12)} ${f(v.precision)}      ${f(v.recall)}   ${f(v.f1)}  ${v.support}`);
    console.log(`  macro-F1 ${f(s.macroF1)}\n  confusion (rows gold, columns predicted)`);
    const labels = Object.keys(s.confusion);
    console.log(`  ${''.padEnd(12)}${labels.map((l) => l.padStart(10)).join('')}`);
    for (const g of labels) console.log(`  ${g.padEnd(12)}${labels.map((p) => String(s.confusion[g]![p]).padStart(10)).join('')}`);
  };
  console.log(`${messages.length} messages from ${file}`);
  table('category', category);
  table('urgency', urgency);
  console.log(`\nlanguage accuracy ${f(languageAccuracy)}`);
  console.log('\nentities     precision  recall  f1     (tp/fp/fn)');
  for (const [k, v] of Object.entries(entities.perType)) console.log(`  ${k.padEnd(20)} ${f(v.precision)}  ${f(v.recall)}  ${f(v.f1)}  (${v.tp}/${v.fp}/${v.fn})`);
  console.log(`  overall              ${f(entities.overall.precision)}  ${f(entities.overall.recall)}  ${f(entities.overall.f1)}`);
  if (showErrors) {
    console.log('\nerrors');
    messages.forEach((m, i) => {
      const r = results[i]!;
      const wrong = [m.category !== r.category && `category ${m.category}→${r.category} (${r.categoryConfidence})`, m.urgency !== r.urgency && `urgency ${m.urgency}→${r.urgency}`, m.language !== r.language && `language ${m.language}→${r.language}`].filter(Boolean);
      if (wrong.length) console.log(`  ${m.id} [${m.channel}/${m.language}] ${wrong.join(', ')} | ${(m.subject ? `${m.subject} || ` : '') + m.text.replace(/\s+/g, ' ').slice(0, 160)}`);
    });
    for (const e of entityErrors) console.log(`  ${e}`);
  }
  console.log(`\n${speed.toFixed(0)} messages/second (${messages.length} in ${(seconds * 1000).toFixed(0)} ms, one core)`);
  console.log(`category macro-F1: ${f(category.macroF1)}`);
}
