// Every knob of the aligner, with its default and why, in one place. The defaults are ONE set for
// every domain, chosen by the rule in docs/alignment.md over the whole dev suite (news versions,
// Bible translations, the seeds gold), never per story: `npx tsx scripts/eval-external.ts --grid`
// prints the grid and the setting the rule picks.

/** Weight of each representation in the pair similarity (a weighted mean of its cosines). */
export interface ChannelWeights {
  /** Character 3-5-grams of content words (spelling variants, inflections). */
  readonly chars: number;
  /** Stemmed content words and numbers. */
  readonly words: number;
  /** English content words (only for pairs where both sides carry a real translation). */
  readonly english: number;
}

export interface AlignOptions {
  /**
   * Ratio margin a mutual-best pair needs: its similarity over the mean similarity of both sides'
   * k nearest sentences in the other document (Artetxe & Schwenk 2019). Scale-free: 1 means "no
   * better than the neighbourhood". Default 1.2.
   */
  readonly threshold?: number;
  /**
   * A mutual-best pair also needs this share of the highest mutual-best similarity of its document
   * pair (a scale the document pair sets itself, so a ratio, not a raw cosine): sparse
   * representations give chance pairs of unrelated sentences a tiny neighbourhood, so their ratio
   * margin alone can look good (two versions sharing only a headline). Default 0.15 (0.1 scores 0.002 higher by the rule but lets two stories sharing only a headline pair a chance sentence: test/align-robustness.test.ts).
   */
  readonly relativeFloor?: number;
  /**
   * A mutual-best pair also needs the run's chance similarity (chance.ts): over the chance pairs
   * (the nonzero similarities between sentences of different documents, leaving out each
   * sentence's most similar partner in each other document), the median plus chanceFloor x their
   * median absolute deviation, a robust outlier bound fitted on the run like the IDF (scale-free:
   * median and MAD move with the representation). A document pair that shares little (an analysis piece
   * beside news reports) has a tiny neighbourhood, so the ratio margin alone lets chance pairs of
   * topic words through. 0 turns it off. Default 6, chosen by the defaults rule's grid over {0, 4, 6, 8} (docs/alignment.md).
   */
  readonly chanceFloor?: number;
  /**
   * A second partner that is not adjacent (a fact restated twice) is kept when the partner
   * prefers this sentence over every other of its document and its similarity is at least this
   * share of the best partner's. Default 0.7.
   */
  readonly tieRatio?: number;
  /**
   * A second partner must lie within this many sentences of the first partner (a fact restated
   * nearby: a lead and its next sentence, the two halves of a split). A far restatement is the same
   * words in another place (a retold passage, a recap) and only the nearest counts. Default 5,
   * chosen by the defaults rule in a sweep (docs/alignment.md); Infinity is round 3's behaviour.
   */
  readonly tieWindow?: number;
  /**
   * Local order as a tie-breaker (`context`, 0 turns it off): a sentence's best partner is chosen
   * by its similarity times (1 + context x the mean similarity of the two diagonal neighbours,
   * (i - 1, j - 1) and (i + 1, j + 1)), so of two near-identical candidates (a passage retold
   * later, a repeated quote) the one whose neighbours also match wins. Margins, thresholds and
   * scores still read the plain similarity. Default 0 (off): the rule's grid declines it, since
   * it gains on the Bible sets and loses on the seeds (docs/alignment.md).
   */
  readonly context?: number;
  /**
   * Margin enough for a pair whose diagonal neighbour, (i - 1, j - 1) or (i + 1, j + 1), is already
   * aligned (positional support: order holds inside a block even when blocks move); the diagonal
   * grows from each mutual-best anchor. A value >= threshold turns the pass off. Default 0.8.
   */
  readonly pathThreshold?: number;
  /**
   * Gap filling (path.ts): a one-sentence gap between two aligned pairs on a diagonal aligns on its
   * position alone (any shared n-gram, no floor) when neither of its sentences has a better
   * candidate reaching pathThreshold elsewhere in the document pair: a paraphrase that shares
   * almost no words ("Elle en a souffert en silence." / "Cela la faisait souffrir."). Without it
   * the floor applies; a gap pair sharing nothing at all never aligns.
   * Default true: in the ablation it adds on news and both Bible sets and changes no seeds pair
   * (docs/alignment.md).
   */
  readonly gapFill?: boolean;
  /** Neighbours per side in the margin, taken in the other document of the pair (a shorter document counts 0 for the ones it lacks). Default 3. */
  readonly k?: number;
  /**
   * Many-to-many pass (Bertalign's second pass, without its order constraint): a kept pair grows to
   * an adjacent sentence on either side when that sentence prefers the pair's other side and the
   * concatenation matches better than the span alone (a sentence one outlet split, or two it merged).
   * Default true.
   */
  readonly merge?: boolean;
  /**
   * Cycle consistency across versions (consistency.ts): a pair whose two sentences pair with
   * different sentences of some third version, and that no independent third version confirms, is
   * dropped (two sentences whose true partners were cut, matched on a topic word), unless it is
   * the strongest link of every contradicting triangle (see `strongestSurvives`). Default true.
   */
  readonly consistency?: boolean;
  /**
   * With consistency: two sentences without a partner in each other's document that an
   * independent third version pairs one-to-one with the same sentence align when they pass the
   * document pair's floor (consistency.ts, bridgeCandidates). Default true.
   */
  readonly bridges?: boolean;
  /**
   * With consistency: a contradicted pair more similar than both contradicting legs (x's and y's
   * most similar partners in that third version) is kept: of three links that cannot all hold, a
   * weaker leg is the likelier error. Similarity, not margin, is compared: the margin is normalised
   * per document pair, so it does not rank links of different document pairs. false drops every
   * contradicted pair (round 3's rule). Default true.
   */
  readonly strongestSurvives?: boolean;
  /**
   * With consistency: how many third versions each document consults (consistency.ts,
   * witnessDocuments): the consistency check and bridges of a pair of documents (A, B) read only
   * the `witnesses` versions A shares most pairs with and those B does, so a story of N versions
   * costs O(N^2 x witnesses), not O(N^3). A story of at most witnesses + 1 versions reads every
   * version, as without the bound (every dev-suite story and the seeds: their figures cannot move).
   * Default 16: on one story of 30 / 60 synthetic rewrites (bench/story-data.ts) it keeps 99.1 % /
   * 97.9 % of the pairs aligned with no bound (8: 96.5 % / 93.6 %), and F1 against the generator's
   * own gold moves +0.001 (0.897 -> 0.898, 0.905 -> 0.906: the pairs it leaves were mostly false;
   * `npx tsx scripts/eval-witnesses.ts`); every dev-suite collection (at most 16 versions) is
   * within it, so the dev figures are unchanged to the pair. Infinity turns the bound off.
   */
  readonly witnesses?: number;
  /**
   * Learned word substitutions (lexicon.ts): a first pass's one-to-one pairs teach which words the
   * versions swap for each other ("fusillé" / "abattu"); the second pass's word channel treats each
   * learned pair as one word. Default true.
   */
  readonly learn?: boolean;
  /**
   * Use the English side as a third representation: 'auto' (default) when both segments carry
   * `en` that differs from `fr`; false to ignore translations (e.g. from a random-weights test model).
   */
  readonly english?: 'auto' | false;
  /** Share of cross-document member pairs that must be aligned for two fact groups to merge. Default 0.5. */
  readonly groupLinkage?: number;
  /** Channel weights: equal by default (no tuned mix); 0 drops a representation (the ablation does). */
  readonly weights?: Partial<ChannelWeights>;
}

export type ResolvedAlignOptions = Required<Omit<AlignOptions, 'weights'>> & { readonly weights: ChannelWeights };

export const DEFAULT_WEIGHTS: ChannelWeights = { chars: 1, words: 1, english: 1 };

export const DEFAULT_ALIGN_OPTIONS: ResolvedAlignOptions = {
  threshold: 1.2,
  relativeFloor: 0.15,
  chanceFloor: 6,
  tieRatio: 0.7,
  tieWindow: 5,
  context: 0,
  pathThreshold: 0.8,
  gapFill: true,
  k: 3,
  merge: true,
  consistency: true,
  bridges: true,
  strongestSurvives: true,
  witnesses: 16,
  learn: true,
  english: 'auto',
  groupLinkage: 0.5,
  weights: DEFAULT_WEIGHTS,
};

/** Fixed representation constants (not tuned: the usual values for French TF-IDF matching). */
export const CHAR_NGRAM_MIN = 3;
export const CHAR_NGRAM_MAX = 5;
/** A learned substitution needs at least this many distinct anchor pairs and this Dice coefficient (lexicon.ts). */
export const LEARN_MIN_COUNT = 2;
export const LEARN_MIN_DICE = 0.5;
/** Selections with the consistency check: the second re-selects without the pairs the first dropped. */
export const CONSISTENCY_ROUNDS = 2;

export function resolveAlignOptions(options: AlignOptions = {}): ResolvedAlignOptions {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  return { ...DEFAULT_ALIGN_OPTIONS, ...defined, weights: { ...DEFAULT_WEIGHTS, ...options.weights } };
}
