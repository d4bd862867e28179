// Story clustering knobs. The defaults are chosen by the rule in docs/scale.md ("Choosing the
// thresholds"), on three kinds of collections at once, not on one dev set.

export interface StoryOptions {
  /** 'auto' clusters; 'one' puts every document in one story (for users who grouped their files). */
  readonly mode: 'auto' | 'one';
  /**
   * Evidence of a pair = document score (shared term weight, in [0, 1]) + sentence-match share
   * (in [0, 1]). Two documents are one story when their evidence is at least this...
   */
  readonly linkScore: number;
  /** ...or when one is the other's best-scoring neighbour and their evidence is at least this. */
  readonly bestNeighbourScore: number;
  /** Pairs below this document score are not compared sentence by sentence (they cannot link). */
  readonly candidateScore: number;
  /** Each document looks for candidates through this many of its rarest terms... */
  readonly queryTerms: number;
  /** ...and keeps at most this many candidates (those sharing the most rare weight). */
  readonly maxCandidates: number;
  /** Weighted cosine from which two sentences count as a match. */
  readonly sentenceMatch: number;
  /** Estimated shingle Jaccard from which two documents are near-duplicates. */
  readonly duplicateJaccard: number;
  /**
   * A term in more than this many documents is too common to say which story a text tells; it is
   * left out of the candidate index, which keeps the pair enumeration near-linear.
   */
  readonly maxDocumentFrequency: number;
  /** Versions of one story are published within this many days of each other (when both carry a date). */
  readonly maxDateGapDays: number;
  /** Weight of a name or a number relative to a content word. */
  readonly nameWeight: number;
  readonly numberWeight: number;
  /**
   * Term weights are ln(1 + (N + background) / df): a small collection's own document frequencies
   * say little about how rare a word is, so they are smoothed as if this many unseen documents
   * (none containing the term) were there too.
   */
  readonly backgroundDocuments: number;
}

export const DEFAULT_STORY_OPTIONS: StoryOptions = {
  mode: 'auto',
  linkScore: 0.71,
  bestNeighbourScore: 0.35,
  candidateScore: 0.1,
  sentenceMatch: 0.4,
  queryTerms: 32,
  maxCandidates: 30,
  duplicateJaccard: 0.8,
  maxDocumentFrequency: 200,
  maxDateGapDays: 7,
  nameWeight: 2,
  numberWeight: 2,
  backgroundDocuments: 100,
};

export function resolveStoryOptions(options: Partial<StoryOptions> = {}): StoryOptions {
  return { ...DEFAULT_STORY_OPTIONS, ...options };
}
