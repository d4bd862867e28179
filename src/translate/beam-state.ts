// The beam bookkeeping of one sentence, free of onnxruntime: given each running beam's logits for
// the next token, choose the next beams and the finished hypotheses exactly as transformers 5.18's
// GenerationMixin._beam_search does for one batch item (_get_top_k_continuations,
// _get_running_beams_for_next_iteration, _update_finished_beams, _check_early_stop_heuristic,
// _beam_search_has_unfinished_sequences), with its logit processors for Marian: NoBadWords,
// ForcedEOSToken and LogitNormalization (renormalize_logits). Scores are kept in float64 where
// transformers uses float32; the fixtures (test/translate-beams.test.ts) check that this changes no
// token on the committed models.

export interface BeamConfig {
  readonly beams: number;
  /** Whole decoder sequence, start token included (transformers' max_length). */
  readonly maxLength: number;
  readonly lengthPenalty: number;
  readonly earlyStopping: boolean | 'never';
  readonly eosTokenId: number;
  readonly forcedEosTokenId?: number;
  readonly forbiddenTokenIds: readonly number[];
  readonly renormalize: boolean;
}

interface Hypothesis {
  /** Generated tokens (no start token; the end token last when it was produced). */
  readonly tokens: readonly number[];
  readonly score: number;
}

/** transformers' stand-in for "impossible" (a float, not -Infinity, so sums stay ordered). */
const NEG = -1e9;

/** One continuation chosen for the next step: the running beam it extends and the token. */
export interface BeamChoice {
  readonly beam: number;
  readonly token: number;
}

export class BeamState {
  /** Decoder tokens so far, start token included (transformers' cur_len). */
  private curLen = 1;
  private running: Hypothesis[];
  private finished: Hypothesis[] = [];
  private improvementPossible = true;
  private stopped = false;

  constructor(private readonly config: BeamConfig) {
    if (config.beams < 1) throw new Error(`internal: ${config.beams} beams`);
    // Only the first beam is live at the start, or every beam would pick the same tokens.
    this.running = Array.from({ length: config.beams }, (_, j) => ({ tokens: [], score: j === 0 ? 0 : NEG }));
  }

  get done(): boolean {
    return this.stopped;
  }

  /**
   * One step. `logits` holds the running beams' rows at row offsets `rowOffset + j` (j < beams), each
   * `vocab` wide (scratched: banned entries are overwritten); `normalisers[j]` is log-sum-exp of row j.
   * Returns the beams to run next (empty once done).
   */
  step(logits: Float32Array, rowOffset: number, vocab: number, normalisers: readonly number[]): BeamChoice[] {
    const { beams, maxLength, eosTokenId, forcedEosTokenId, lengthPenalty, earlyStopping } = this.config;
    const keep = 2 * beams;
    const forced = forcedEosTokenId !== undefined && this.curLen === maxLength - 1;
    // Top `keep` candidates over all beams, best first; ties keep the lower flat index (beam, token).
    const topScores: number[] = [];
    const topFlat: number[] = [];
    const offer = (score: number, flat: number): void => {
      if (topScores.length === keep && !(score > (topScores[keep - 1] as number))) return;
      let at = topScores.length;
      while (at > 0 && score > (topScores[at - 1] as number)) at--;
      topScores.splice(at, 0, score);
      topFlat.splice(at, 0, flat);
      if (topScores.length > keep) {
        topScores.pop();
        topFlat.pop();
      }
    };
    for (let j = 0; j < beams; j++) {
      const offset = (rowOffset + j) * vocab;
      const runningScore = (this.running[j] as Hypothesis).score;
      if (forced) {
        // ForcedEOSTokenLogitsProcessor: every token but the end token is -inf, the end token 0.
        offer(runningScore, j * vocab + (forcedEosTokenId as number));
        continue;
      }
      const lse = normalisers[j] as number;
      let renorm = 0;
      if (this.config.renormalize && this.config.forbiddenTokenIds.length > 0) {
        // log_softmax again once the banned tokens are -inf: subtract log(1 - their probability mass).
        let banned = 0;
        for (const id of this.config.forbiddenTokenIds) banned += Math.exp((logits[offset + id] as number) - lse);
        renorm = Math.log1p(-banned);
      }
      for (const id of this.config.forbiddenTokenIds) logits[offset + id] = -Infinity;
      const shift = runningScore - lse - renorm;
      // One addition and one comparison per entry: most of the vocabulary never qualifies.
      for (let v = 0; v < vocab; v++) {
        const score = (logits[offset + v] as number) + shift;
        if (topScores.length === keep && !(score > (topScores[keep - 1] as number))) continue;
        offer(score, j * vocab + v);
      }
    }

    const candidates = topFlat.map((flat, i) => {
      const beam = Math.floor(flat / vocab);
      const token = flat % vocab;
      const tokens = [...(this.running[beam] as Hypothesis).tokens, token];
      const stops = token === eosTokenId || this.curLen + 1 >= maxLength;
      return { beam, token, tokens, score: topScores[i] as number, stops, rank: i };
    });
    // Missing candidates (fewer finite ones than `keep`, at the forced last step) sit at max_length.
    const allStop = candidates.length < keep || candidates.every((c) => c.stops);

    // Finished hypotheses: only the top `beams` candidates may finish, scored with the length penalty.
    const canAdd = this.improvementPossible && !(earlyStopping === true && this.finished.length >= beams);
    if (canAdd) {
      const fresh = candidates
        .filter((c) => c.rank < beams && c.stops)
        .map((c) => ({ tokens: c.tokens, score: c.score / this.curLen ** lengthPenalty }));
      // Stable: on equal scores the hypotheses found earlier stay ahead (torch.topk over [old, new]).
      this.finished = [...this.finished, ...fresh].sort((a, b) => b.score - a.score).slice(0, beams);
    }

    // Next running beams: the best `beams` candidates, those that stopped pushed to the back.
    const next = candidates
      .map((c) => ({ ...c, score: c.score + (c.stops ? NEG : 0) }))
      .sort((a, b) => b.score - a.score || a.rank - b.rank)
      .slice(0, beams);
    this.running = next.map((c) => ({ tokens: c.tokens, score: c.score }));
    this.curLen++;

    // Can a running beam still beat the worst finished one?
    const bestLength = earlyStopping === 'never' && lengthPenalty > 0 ? maxLength - 1 : this.curLen - 1;
    const bestPossible = ((this.running[0] as Hypothesis | undefined)?.score ?? NEG) / bestLength ** lengthPenalty;
    const worstFinished = this.finished.length < beams ? NEG : Math.min(...this.finished.map((h) => h.score));
    this.improvementPossible &&= bestPossible > worstFinished;
    const allFinishedAndEarly = this.finished.length >= beams && earlyStopping === true;
    this.stopped = !this.improvementPossible || allFinishedAndEarly || allStop;
    return this.stopped ? [] : next.map(({ beam, token }) => ({ beam, token }));
  }

  /** The best finished hypothesis: tokens without the end token, whether it hit max_length, its score. */
  result(): { tokens: number[]; capped: boolean; score: number } {
    const best = this.finished[0] ?? this.running[0];
    if (!best) throw new Error('internal: beam search finished without a hypothesis');
    const ended = best.tokens.at(-1) === this.config.eosTokenId;
    const tokens = ended ? best.tokens.slice(0, -1) : [...best.tokens];
    // A hypothesis whose end token came at the last position had it forced (or stopped there anyway).
    const capped = !ended || best.tokens.length >= this.config.maxLength - 1;
    return { tokens, capped, score: best.score };
  }
}
