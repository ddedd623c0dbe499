/**
 * The pieces of a word the built-in model also learns vectors for: its character 4-grams, with `<` and
 * `>` marking its start and end (fastText's subwords: Bojanowski et al. 2017), hashed into a fixed number
 * of buckets. They carry what a word's spelling says — "methylated" shares "thyl", "ylat" with
 * "methylation" — to words the model saw rarely or never.
 */

/** How many buckets the 4-grams are hashed into (a power of two). */
export const SUBWORD_BUCKETS = 1 << 16;
const GRAM = 4;

/** The distinct buckets of a word's 4-grams, ascending. */
export function subwordBuckets(word: string, buckets: number = SUBWORD_BUCKETS): Int32Array {
  const marked = `<${word}>`;
  const found = new Set<number>();
  for (let i = 0; i + GRAM <= marked.length; i++) found.add(fnv1a(marked, i, i + GRAM) % buckets);
  return Int32Array.from(found).sort();
}

/** FNV-1a over the UTF-16 code units of text[start, end), as an unsigned 32-bit number. */
function fnv1a(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
