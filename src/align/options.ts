// Every knob of the aligner, with its default and why. Defaults for the thresholds were chosen by
// leave-one-document-out cross-validation on the seeds gold (see docs/alignment.md).
import { LEARNED_PAIR_MODEL } from './learned-model.ts';
import type { LexiconName } from './lexicon.ts';

export interface SignalWeights {
  /** IDF-weighted cosine of stemmed French content words. */
  readonly stems: number;
  /** Share of the shorter sentence's stem weight found in the longer one (partial restatements). */
  readonly contained: number;
  /** IDF-weighted cosine of character 4-grams of content words. */
  readonly chars: number;
  /** IDF-weighted cosine of proper names and acronyms (counted only when both sides have names). */
  readonly names: number;
  /** Overlap (Dice) of stated numbers (counted only when both sides state numbers). */
  readonly numbers: number;
  /** Shorter / longer content-word count. */
  readonly length: number;
  /** Cosine of English content words (counted only when both sides carry a real translation). */
  readonly english: number;
}

export interface AlignOptions {
  /**
   * How pairs are scored and kept: 'learned' (default) applies the logistic pair model trained on
   * the seeds gold (src/align/learned-model.ts) and keeps pairs by probability; 'weighted' keeps
   * the hand-weighted similarity and margin thresholds below.
   */
  readonly scorer?: 'learned' | 'weighted';
  /** Learned scorer: P(aligned) a pair that is mutual-best (by probability) in its document pair needs. Default from the trained model. */
  readonly acceptProbability?: number;
  /** Learned scorer: P(aligned) any pair needs (one-to-many: merges and splits). Default from the trained model. */
  readonly manyProbability?: number;
  /** Learned scorer: P(grade 2 | aligned) at or above which a kept pair is graded 2. Default 0.5. */
  readonly grade2Probability?: number;
  /** Margin score a mutual-best pair needs. Default 0.9. */
  readonly threshold?: number;
  /** Margin score a pair that is not mutual-best needs (merges/splits: one sentence, several partners). Default 0.9. */
  readonly manyThreshold?: number;
  /** Raw similarity a mutual-best pair needs. Default 0.35. */
  readonly minSimilarity?: number;
  /** Raw similarity a pair that is not mutual-best needs. Default 0.35. */
  readonly manySimilarity?: number;
  /** Raw similarity at or above which a pair is graded 2 (same information) rather than 1. Default 0.45. */
  readonly grade2Similarity?: number;
  /**
   * Content-word length ratio (shorter / longer) a pair also needs to be graded 2: a sentence twice
   * as long as its partner usually adds a claim. Default 0.5.
   */
  readonly grade2Length?: number;
  /** Neighbours per side in the margin denominator. Default 3. */
  readonly k?: number;
  /**
   * Stem cosine a pair needs to be scored at all (candidate pruning; 0 scores every
   * cross-document pair that shares a stem). Default: the floor the learned model was trained
   * with (LEARNED_PAIR_MODEL.candidateFloor).
   */
  readonly candidateFloor?: number;
  /**
   * Above this many alignable segments the candidate floor is at least `largeFloor`: scoring
   * every pair that shares a stem grows with the square of the collection (34 s instead of 6 s
   * for 50 versions x 60 sentences, see bench/RESULTS-align.md). Default 1000.
   */
  readonly exhaustiveLimit?: number;
  /** The candidate floor used above `exhaustiveLimit` (when higher than candidateFloor). Default 0.1. */
  readonly largeFloor?: number;
  /** Character n-gram size. Default 4. */
  readonly ngram?: number;
  /**
   * Use the English side: 'auto' (default) when both segments carry `en` that differs from `fr`,
   * false to ignore translations (e.g. when they come from a random-weights test model).
   */
  readonly english?: 'auto' | false;
  readonly weights?: Partial<SignalWeights>;
  /**
   * Word normalisation before comparing (src/align/lexicon.ts): 'news' maps capitals,
   * institutions and nationality adjectives to countries, merges news synonyms and adds broader
   * terms; 'basic' is the first, smaller list; 'none' compares stems only. Default: the lexicon
   * the learned model was trained with (LEARNED_PAIR_MODEL.lexicon).
   */
  readonly lexicon?: LexiconName;
  /** Share of cross-document member pairs that must be aligned for two fact groups to merge. Default 0.5. */
  readonly groupLinkage?: number;
}

export type ResolvedAlignOptions = Required<Omit<AlignOptions, 'weights'>> & { readonly weights: SignalWeights };

export const DEFAULT_WEIGHTS: SignalWeights = { stems: 0.45, contained: 0.2, chars: 0.3, names: 0.1, numbers: 0.1, length: 0.05, english: 0.3 };

export const DEFAULT_ALIGN_OPTIONS: ResolvedAlignOptions = {
  scorer: 'learned',
  acceptProbability: LEARNED_PAIR_MODEL.thresholds.accept,
  manyProbability: LEARNED_PAIR_MODEL.thresholds.many,
  grade2Probability: 0.5,
  threshold: 0.9,
  manyThreshold: 0.9,
  minSimilarity: 0.35,
  manySimilarity: 0.35,
  grade2Similarity: 0.45,
  grade2Length: 0.5,
  k: 3,
  candidateFloor: LEARNED_PAIR_MODEL.candidateFloor,
  exhaustiveLimit: 1000,
  largeFloor: 0.1,
  ngram: 4,
  english: 'auto',
  groupLinkage: 0.5,
  lexicon: LEARNED_PAIR_MODEL.lexicon,
  weights: DEFAULT_WEIGHTS,
};

/**
 * The weighted scorer's own defaults where they differ from the learned model's: its signal
 * weights and thresholds were set on the `basic` lexicon and the 0.1 candidate floor (the learned
 * model's floor 0 and `news` lexicon drop its in-sample grade-2 F1 from 0.833 to 0.714).
 */
export const WEIGHTED_SCORER_DEFAULTS = { lexicon: 'basic', candidateFloor: 0.1 } as const satisfies AlignOptions;

export function resolveAlignOptions(options: AlignOptions = {}): ResolvedAlignOptions {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  return {
    ...DEFAULT_ALIGN_OPTIONS,
    ...(options.scorer === 'weighted' ? WEIGHTED_SCORER_DEFAULTS : {}),
    ...defined,
    weights: { ...DEFAULT_WEIGHTS, ...options.weights },
  };
}
