/**
 * The words jieba segments with: @node-rs/jieba's dictionary (349,000 words) without the 200,000 it has seen
 * at most 3 times, and without part-of-speech tags (cut() never reads them). Held in jieba's trie that is
 * 19 MB resident instead of 40, and it loads in 90 ms of CPU instead of 220. Segmentation changes for rare
 * words (they fall into single characters, which the character features cover anyway), so the model was
 * retrained on this dictionary: the model and the dictionary go together (src/understanding/model/).
 * `npx tsx scripts/jieba-dictionary.ts` writes the file from the installed @node-rs/jieba.
 */
export const JIEBA_MIN_FREQUENCY = 4;

export const JIEBA_DICTIONARY_URL = new URL('./model/jieba-dictionary.txt', import.meta.url);

/** `word frequency` lines of the words seen at least JIEBA_MIN_FREQUENCY times, in the source's order. */
export function trimDictionary(source: string): string {
  const kept: string[] = [];
  for (const line of source.split('\n')) {
    const [word, frequency] = line.trim().split(/\s+/);
    if (word && Number(frequency) >= JIEBA_MIN_FREQUENCY) kept.push(`${word} ${frequency}`);
  }
  return `${kept.join('\n')}\n`;
}
