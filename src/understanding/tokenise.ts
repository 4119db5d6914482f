import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

// Only natural's Porter stemmer is loaded, not the package index: the index pulls ~97 MB of
// dependencies and loads ./.env on import, which start-up does not need.
const require = createRequire(import.meta.url);
const porter = require('natural/lib/natural/stemmers/porter_stemmer.js') as { stem(word: string): string };

const jieba = Jieba.withDict(dict);

const CJK_CHAR = /[\u3400-\u9fff]/;
const CJK_RUN = /[\u3400-\u9fff]+/g;
const EMAIL = /(?<![a-z0-9._%+-])[a-z0-9._%+-]{1,64}@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,4}\.[a-z]{2,24}\b/g;
const URL = /\bhttps?:\/\/\S{1,2000}/g;
const LATIN_TOKEN = /[a-z][a-z']*[a-z]|[a-z]|[a-z0-9]+(?:[-./][a-z0-9]+)*/g;

const STEM_CACHE = new Map<string, string>();
function stem(word: string): string {
  let s = STEM_CACHE.get(word);
  if (s === undefined) {
    s = porter.stem(word);
    if (STEM_CACHE.size < 50_000) STEM_CACHE.set(word, s);
  }
  return s;
}

/** Whether a code unit of `s` lies in [from, to]: jieba gives many short pieces, and a loop beats a regex call on each. */
function hasCodeIn(s: string, from: number, to: number): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= from && c <= to) return true;
  }
  return false;
}

/** A code-like or numeric token becomes its shape, so the model learns "an error code" rather than E04. */
function shapeOf(token: string): string {
  if (/^\d+$/.test(token)) return token.length <= 2 ? '#num' : '#longnum';
  if (/^e\d{1,3}$|^er+\d+$|^[a-z]{1,3}\d{2,4}$/.test(token) && token.length <= 6) return '#code';
  return '#id';
}

/**
 * Features of an already normalised text (see normalise.ts): stemmed English words and word bigrams,
 * jieba words and character uni/bigrams for Chinese, code and number shapes.
 */
export function tokenise(normalised: string): string[] {
  // Each pattern needs its literal ("@", "http"): a cheap look first spares most messages two regex passes.
  let text = normalised.includes('@') ? normalised.replace(EMAIL, ' xemailx ') : normalised;
  if (text.includes('http')) text = text.replace(URL, ' xurlx ');
  const features: string[] = [];
  const words: string[] = [];
  const pieces = CJK_CHAR.test(text) ? jieba.cut(text, false) : [text];
  for (const piece of pieces) {
    if (hasCodeIn(piece, 0x3400, 0x9fff)) {
      words.push(piece);
      continue;
    }
    // Every LATIN_TOKEN has a letter or digit; jieba's pieces are often a lone space or punctuation mark.
    if (!hasCodeIn(piece, 0x61, 0x7a) && !hasCodeIn(piece, 0x30, 0x39)) continue;
    for (const tok of piece.match(LATIN_TOKEN) ?? []) {
      if (tok.length > 40) continue; // not a word: a pasted blob, a hash, a run of characters
      if (hasCodeIn(tok, 0x30, 0x39)) words.push(shapeOf(tok));
      else words.push(tok.length > 2 ? stem(tok.includes("'") ? tok.replaceAll("'", '') : tok) : tok);
    }
  }
  let prev = '^';
  for (const w of words) {
    features.push(w);
    features.push(`${prev}_${w}`);
    prev = w;
  }
  for (const run of text.match(CJK_RUN) ?? []) {
    for (let i = 0; i < run.length; i++) {
      features.push(`c:${run[i]}`);
      if (i + 1 < run.length) features.push(`c:${run.slice(i, i + 2)}`);
    }
  }
  return features;
}
