// The shape of the committed learned pair model (src/align/learned-model.ts, written by
// scripts/train-align.ts). Kept apart from the model file so that file is pure data.
import type { LexiconName } from './lexicon.ts';
import type { LogisticModel } from './logistic.ts';

export interface LearnedPairModel {
  /** What the model was trained on, and by which command. */
  readonly trainedOn: string;
  /** The lexicon the features were computed with; the aligner's default lexicon follows it. */
  readonly lexicon: LexiconName;
  /**
   * Stem cosine a pair needs to become a candidate, chosen with the lexicon by the training rule
   * (0: every cross-document pair sharing a stem); the aligner's default candidateFloor follows it.
   */
  readonly candidateFloor: number;
  /** The L2 penalty of the acceptance model. */
  readonly l2: number;
  /** Default acceptance thresholds on P(aligned), chosen by the same rule as in cross-validation. */
  readonly thresholds: { readonly accept: number; readonly many: number };
  /** P(the pair is aligned at any grade). */
  readonly aligned: LogisticModel;
  /** P(grade 2 | aligned). */
  readonly grade2: LogisticModel;
}
