/**
 * `npx tsx scripts/jieba-dictionary.ts` writes src/understanding/model/jieba-dictionary.txt from the installed
 * @node-rs/jieba's dictionary (see src/understanding/jieba-dictionary.ts). Segmentation follows the file, so
 * after changing it run `npm run train` and the evaluations.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { JIEBA_DICTIONARY_URL, JIEBA_MIN_FREQUENCY, trimDictionary } from '../src/understanding/jieba-dictionary.js';

const source = readFileSync(createRequire(import.meta.url).resolve('@node-rs/jieba/dict.txt'), 'utf8');
const trimmed = trimDictionary(source);
writeFileSync(JIEBA_DICTIONARY_URL, trimmed);
const count = (text: string) => text.split('\n').filter((l) => l.trim()).length;
console.log(`wrote ${fileURLToPath(JIEBA_DICTIONARY_URL)}: ${count(trimmed)} of ${count(source)} words (frequency >= ${JIEBA_MIN_FREQUENCY})`);
