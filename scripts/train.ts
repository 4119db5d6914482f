/**
 * `npm run train`: trains the category and urgency models on src/understanding/corpus/*.jsonl and writes
 * src/understanding/model/category-model.json. Deterministic: same corpus, same file.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LinearClassifier, fitTemperature, trainLinear, type TrainExample } from '../src/understanding/classifier.js';
import { readLabelled } from '../src/understanding/labelled-message.js';
import { MODEL_URL, type ModelFile } from '../src/understanding/model-store.js';
import { prepare } from '../src/understanding/prepare.js';

const corpusDir = join(import.meta.dirname, '..', 'src', 'understanding', 'corpus');
const files = readdirSync(corpusDir).filter((f) => f.endsWith('.jsonl')).sort();
if (!files.length) throw new Error(`no *.jsonl in ${corpusDir}; run \`npx tsx scripts/generate-corpus.ts\` first`);
const hash = createHash('sha256');
const messages = files.flatMap((f) => {
  hash.update(readFileSync(join(corpusDir, f)));
  return readLabelled(join(corpusDir, f));
});
const started = performance.now();
const prepared = messages.map((m) => ({ m, features: prepare(m.text, { channel: m.channel, subject: m.subject }).features }));

function trainWithTemperature(labels: string[], labelOf: (m: (typeof messages)[number]) => string) {
  const examples: TrainExample[] = prepared.map(({ m, features }) => ({ features, label: labelOf(m) }));
  // 5-fold cross-validation: held-out logits calibrate the softmax temperature and give an honest accuracy.
  const logits: number[][] = [];
  const ys: number[] = [];
  let correct = 0;
  for (let fold = 0; fold < 5; fold++) {
    const model = new LinearClassifier(trainLinear(examples.filter((_, i) => i % 5 !== fold), labels));
    examples.forEach((ex, i) => {
      if (i % 5 !== fold) return;
      const z = model.logits(ex.features);
      logits.push(z);
      ys.push(labels.indexOf(ex.label));
      if (z.indexOf(Math.max(...z)) === labels.indexOf(ex.label)) correct++;
    });
  }
  const model = trainLinear(examples, labels);
  // Template-generated held-out folds are easier than real mail, so the fitted temperature (< 1) would
  // sharpen probabilities further; never go below 1, or confidence stops being honest on real text.
  model.temperature = Math.max(1, fitTemperature(logits, ys));
  return { model, cvAccuracy: correct / examples.length };
}

const category = trainWithTemperature(['inquiry', 'fault', 'complaint'], (m) => m.category);
const urgency = trainWithTemperature(['low', 'normal', 'high'], (m) => m.urgency);
const file: ModelFile = {
  version: 1,
  trainedOn: { examples: messages.length, corpusSha256: hash.digest('hex') },
  category: category.model,
  urgency: urgency.model,
};
writeFileSync(fileURLToPath(MODEL_URL), JSON.stringify(file));
console.log(`trained on ${messages.length} examples from ${files.join(', ')} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
console.log(`category: ${Object.keys(category.model.weights).length} features, 5-fold CV accuracy ${category.cvAccuracy.toFixed(3)}, temperature ${category.model.temperature}`);
console.log(`urgency:  ${Object.keys(urgency.model.weights).length} features, 5-fold CV accuracy ${urgency.cvAccuracy.toFixed(3)}, temperature ${urgency.model.temperature}`);
console.log(`wrote ${fileURLToPath(MODEL_URL)}`);
