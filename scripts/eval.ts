/**
 * `npm run eval -- <file.jsonl> [--json] [--errors]`: scores understand() against a labelled JSON Lines file.
 * Prints per-class precision/recall/F1 and macro-F1 for category and urgency, language accuracy, entity
 * precision/recall/F1, confusion matrices, calibration (expected calibration error of the category confidence),
 * a per-channel breakdown, conversational-act scores where the set labels acts, and messages per second; the last line is `category macro-F1: 0.xxx`.
 */
import { evaluate } from '../src/understanding/evaluation.js';
import { readLabelled, type LabelledMessage } from '../src/understanding/labelled-message.js';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
  console.error('usage: npm run eval -- <file.jsonl> [--json] [--errors]');
  process.exit(2);
}
const asJson = args.includes('--json');
const showErrors = args.includes('--errors');

const messages: LabelledMessage[] = readLabelled(file);
const evaluation = evaluate(messages);
const { category, urgency, languageAccuracy, entities, calibration, perChannel, act, results, entityErrors, seconds } = evaluation;
const speed = messages.length / seconds;

if (asJson) {
  console.log(JSON.stringify({ file, messages: messages.length, serviceMessages: evaluation.serviceMessages, category, urgency, languageAccuracy, entities, calibration, perChannel, act, messagesPerSecond: speed }, null, 2));
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
  const { serviceMessages } = evaluation;
  if (serviceMessages < messages.length) console.log(`category, urgency, calibration and per channel over the ${serviceMessages} with a category; the other ${messages.length - serviceMessages} (acts, answers with data) count for entities, language and acts`);
  table('category', category);
  table('urgency', urgency);
  console.log(`\nlanguage accuracy ${f(languageAccuracy)}`);
  console.log('\nentities     precision  recall  f1     (tp/fp/fn)');
  for (const [k, v] of Object.entries(entities.perType)) console.log(`  ${k.padEnd(20)} ${f(v.precision)}  ${f(v.recall)}  ${f(v.f1)}  (${v.tp}/${v.fp}/${v.fn})`);
  console.log(`  overall              ${f(entities.overall.precision)}  ${f(entities.overall.recall)}  ${f(entities.overall.f1)}`);
  console.log(`\ncalibration of category confidence: ECE ${f(calibration.ece)} (0 = honest)\n  confidence   n     mean conf  accuracy`);
  for (const b of calibration.bins) if (b.n) console.log(`  ${b.from.toFixed(1)}–${b.to.toFixed(1)}    ${String(b.n).padEnd(5)} ${f(b.confidence)}      ${f(b.accuracy)}`);
  console.log('\nper channel   messages  category-F1  urgency-F1');
  for (const [ch, v] of Object.entries(perChannel)) console.log(`  ${ch.padEnd(12)}${String(v.messages).padStart(8)}  ${f(v.category)}        ${f(v.urgency)}`);
  if (act) {
    console.log(`\nconversational acts (${act.messages} labelled): accuracy ${f(act.accuracy)}, macro-F1 ${f(act.macroF1)}`);
    for (const [c, v] of Object.entries(act.perClass)) if (v.support || v.precision) console.log(`  ${c.padEnd(12)} p ${f(v.precision)}  r ${f(v.recall)}  f1 ${f(v.f1)}  (${v.support})`);
  }
  if (showErrors) {
    console.log('\nerrors');
    messages.forEach((m, i) => {
      const r = results[i]!;
      const wrong = [
        m.category !== null && m.category !== r.category && `category ${m.category}→${r.category} (${r.categoryConfidence})`,
        m.urgency !== null && m.urgency !== r.urgency && `urgency ${m.urgency}→${r.urgency}`,
        m.language !== r.language && `language ${m.language}→${r.language}`,
        m.act !== undefined && (m.act ?? null) !== r.act && `act ${m.act ?? '-'}→${r.act ?? '-'}`,
      ].filter(Boolean);
      if (wrong.length) console.log(`  ${m.id} [${m.channel}/${m.language}] ${wrong.join(', ')} | ${(m.subject ? `${m.subject} || ` : '') + m.text.replace(/\s+/g, ' ').slice(0, 160)}`);
    });
    for (const e of entityErrors) console.log(`  ${e}`);
  }
  console.log(`\n${speed.toFixed(0)} messages/second (${messages.length} in ${(seconds * 1000).toFixed(0)} ms, one core)`);
  console.log(`category macro-F1: ${f(category.macroF1)}`);
}
