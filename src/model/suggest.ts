import { distance } from 'fastest-levenshtein';

export interface SuggestOptions {
  /** Most edits (insertions, deletions, substitutions) a suggestion may be away; 2 unless given. */
  maxDistance?: number;
  /**
   * Also require fewer edits than half the longer word, so that a short
   * word is not "near" every other short word; true unless given.
   */
  proportional?: boolean;
}

/**
 * The candidate nearest to `word` for a "did you mean" hint (the first of
 * equally near ones; a difference only in letter case counts as none), or
 * undefined when none is near enough.
 */
export function closest(word: string, candidates: readonly string[], options: SuggestOptions = {}): string | undefined {
  const { maxDistance = 2, proportional = true } = options;
  let best: string | undefined;
  let bestDistance = maxDistance + 1;
  for (const c of candidates) {
    const d = c.toLowerCase() === word.toLowerCase() ? 0 : distance(word, c);
    if (d < bestDistance && (!proportional || d < Math.max(word.length, c.length) / 2)) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}
