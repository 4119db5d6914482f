import { readFileSync } from 'node:fs';
import { LinearClassifier, type LinearModel } from './classifier.js';

export type ModelFile = { version: 2; trainedOn: { examples: number; corpusSha256: string }; category: LinearModel; urgency: LinearModel; act: LinearModel };
export type Models = { category: LinearClassifier; urgency: LinearClassifier; act: LinearClassifier };

export const MODEL_URL = new URL('./model/category-model.json', import.meta.url);

export class ModelFileError extends Error {
  readonly code = 'understanding.model_unreadable';
}

/**
 * The trained model ships in the repo and is read once at start-up (~tens of ms), instead of training at
 * start: training takes seconds, needs the corpus and the generator, and would make every start-up
 * depend on them; a committed file also makes a model change visible in review. `npm run train` rewrites it.
 */
export function loadModels(url: URL = MODEL_URL): Models {
  let file: ModelFile;
  try {
    file = JSON.parse(readFileSync(url, 'utf8')) as ModelFile;
  } catch (cause) {
    throw new ModelFileError(`cannot read the understanding model at ${url.pathname}; run \`npm run train\``, { cause });
  }
  if (file.version !== 2) throw new ModelFileError(`the understanding model at ${url.pathname} is version ${String(file.version)}; run \`npm run train\``);
  return { category: new LinearClassifier(file.category), urgency: new LinearClassifier(file.urgency), act: new LinearClassifier(file.act) };
}
