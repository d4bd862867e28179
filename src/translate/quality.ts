// Cheap signals about a translation that come out of the decoding loop: a confidence score and a
// looping flag. Pure functions over token ids, shared by both engines.

/** A unit of 1..MAX_UNIT tokens repeated back to back at least MIN_REPEATS times... */
const MAX_UNIT = 8;
const MIN_REPEATS = 3;
/** ...covering at least this many tokens ("no no no" is English; six identical pieces in a row are not). */
const MIN_SPAN = 6;

/**
 * True when the output loops: some n-gram (n ≤ 8) occurs at least three times in a row, covering at
 * least six tokens, e.g. `a b a b a b` or the same piece six times. That is the failure mode of
 * greedy MT on odd input (a phrase repeated until the length cap); real sentences almost never do it.
 */
export function isLooping(tokens: readonly number[]): boolean {
  for (let unit = 1; unit <= MAX_UNIT; unit++) {
    const needed = Math.max(MIN_REPEATS, Math.ceil(MIN_SPAN / unit));
    // run = how many consecutive positions i have tokens[i] === tokens[i - unit]
    let run = 0;
    for (let i = unit; i < tokens.length; i++) {
      run = tokens[i] === tokens[i - unit] ? run + 1 : 0;
      // `run` matches after the first unit make (run / unit + 1) whole repetitions.
      if (run >= (needed - 1) * unit) return true;
    }
  }
  return false;
}

/**
 * en_score as stored: 3 decimals of a nat. Since rows are only batched with rows of the same padded
 * length (greedy.ts PAD_MULTIPLE) a sentence's score is bit-identical whatever its batch-mates; the
 * rounding is for readers (more digits say nothing about a translation), and it keeps scores from
 * another engine build or thread count, which may differ by ~1e-7, stable in the file.
 */
export function roundScore(score: number): number {
  // ≤ 0 by definition; float noise in logit - logsumexp must not make it positive.
  return Math.min(0, Math.round(score * 1e3) / 1e3) || 0; // || 0: no -0
}
