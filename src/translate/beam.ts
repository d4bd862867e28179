// Beam search on the merged decoder, step by step with its key/value cache, following Python
// transformers' `generate(num_beams=N)` (GenerationMixin._beam_search, transformers 5.18) decision
// for decision: 2N candidates per step over all beams of a sentence, finished hypotheses scored
// sum_logprobs / generated_len ** length_penalty (generated_len counts the end token, not the start
// token), early_stopping true / false / "never" with its "can a running beam still win" heuristic,
// bad_words_ids banned, forced_eos_token_id at max_length - 1, renormalize_logits. The pure
// bookkeeping (beam-state.ts) is apart from the onnxruntime loop here.
//
// A sentence's tokens and score never depend on its batch-mates: every sentence keeps its own beam
// state and stops on its own test; its rows are only ever batched with rows of the same padded
// source length (ort-engine.ts), and finished sentences leave the decoder batch (rows are computed
// independently of the batch size: see PAD_MULTIPLE in greedy.ts).
import * as ort from 'onnxruntime-node';
import { BeamState, type BeamConfig } from './beam-state.ts';
import { decoderStepper, logSumExpRow, type DecodeBudget, type EncodedBatch, type GreedyResult } from './greedy.ts';
import type { MarianSettings } from './marian-config.ts';

function int64(values: BigInt64Array, dims: readonly number[]): ort.Tensor {
  return new ort.Tensor('int64', values, dims);
}

/** Rows `sources` of a [rows, ...rest] float tensor, as a new tensor (row size = product of rest). */
function gatherRows(tensor: ort.Tensor, sources: readonly number[]): ort.Tensor {
  const dims = tensor.dims;
  const rowSize = dims.slice(1).reduce((a, b) => a * b, 1);
  const data = tensor.data as Float32Array;
  const out = new Float32Array(sources.length * rowSize);
  sources.forEach((source, row) => out.set(data.subarray(source * rowSize, (source + 1) * rowSize), row * rowSize));
  return new ort.Tensor('float32', out, [sources.length, ...dims.slice(1)]);
}

function gatherInt64Rows(values: BigInt64Array, rowSize: number, sources: readonly number[]): BigInt64Array {
  const out = new BigInt64Array(sources.length * rowSize);
  sources.forEach((source, row) => out.set(values.subarray(source * rowSize, (source + 1) * rowSize), row * rowSize));
  return out;
}

/** The beam configuration of one sentence from the model settings and its new-token budget. */
export function beamConfigFor(settings: MarianSettings, beams: number, budget: number): BeamConfig {
  const { beam } = settings;
  return {
    beams,
    // Decoder start + at most `budget` tokens + the end token; the model's max_length bounds it too.
    maxLength: Math.min(beam.maxLength, budget + 2),
    lengthPenalty: beam.lengthPenalty,
    earlyStopping: beam.earlyStopping,
    eosTokenId: settings.eosTokenId,
    ...(beam.forcedEosTokenId === undefined ? {} : { forcedEosTokenId: beam.forcedEosTokenId }),
    forbiddenTokenIds: settings.forbiddenTokenIds,
    renormalize: beam.renormalizeLogits,
  };
}

/** Beam search over an encoded batch; `budget.beams` (≥ 2) beams per sentence. */
export async function decodeBeams(decoder: ort.InferenceSession, settings: MarianSettings, encoded: EncodedBatch, budget: DecodeBudget): Promise<GreedyResult> {
  const beams = budget.beams ?? 1;
  if (budget.forceSteps !== undefined) throw new Error('internal: forced-length decoding is greedy only');
  const { batch, length } = encoded;
  const { decoderLayers, decoderHeads, headDim } = settings;
  const states = budget.maxNewTokens.map((max) => new BeamState(beamConfigFor(settings, beams, max)));
  const hiddenSize = encoded.hiddenDims[2] as number;

  // Rows of the decoder batch: sentence `active[a]`, beam j at row a * beams + j.
  let active = states.map((_, b) => b);
  const expand = active.flatMap((b) => Array.from({ length: beams }, () => b));
  let mask = gatherInt64Rows(encoded.mask, length, expand);
  let hidden: ort.Tensor = gatherRows(new ort.Tensor('float32', encoded.hidden, [batch, length, hiddenSize]), expand);
  const emptyPast = new ort.Tensor('float32', new Float32Array(0), [expand.length, decoderHeads, 0, headDim]);
  let past: Record<string, ort.Tensor> = {};
  for (let layer = 0; layer < decoderLayers; layer++) {
    for (const part of ['decoder', 'encoder'] as const) {
      for (const kv of ['key', 'value'] as const) past[`past_key_values.${layer}.${part}.${kv}`] = emptyPast;
    }
  }
  const decoderStep = decoderStepper(decoder, decoderLayers);
  let next = new BigInt64Array(expand.length).fill(BigInt(settings.decoderStartTokenId));

  for (let step = 0; active.length > 0; step++) {
    const rows = active.length * beams;
    const { outputs, logits, vocab, lse } = await decoderStep(step, { tokens: next, mask: int64(mask, [rows, length]), hidden, past });

    // Each active sentence picks its next beams; `sources` maps new rows to the rows they continue.
    const stillActive: number[] = [];
    const sources: number[] = [];
    const tokens: number[] = [];
    active.forEach((b, a) => {
      const state = states[b] as BeamState;
      const normalisers = Array.from({ length: beams }, (_, j) => (lse ? (lse[a * beams + j] as number) : logSumExpRow(logits, a * beams + j, vocab)));
      const chosen = state.step(logits, a * beams, vocab, normalisers);
      if (state.done) return;
      stillActive.push(b);
      chosen.forEach(({ beam, token }) => {
        sources.push(a * beams + beam);
        tokens.push(token);
      });
    });
    if (stillActive.length === 0) break;

    const reordered = sources.length !== rows || sources.some((source, row) => source !== row);
    const nextPast: Record<string, ort.Tensor> = {};
    for (let layer = 0; layer < decoderLayers; layer++) {
      for (const kv of ['key', 'value'] as const) {
        const present = outputs[`present.${layer}.decoder.${kv}`];
        if (!present) throw new Error(`decoder returned no present.${layer}.decoder.${kv}`);
        nextPast[`past_key_values.${layer}.decoder.${kv}`] = reordered ? gatherRows(present, sources) : present;
        // The cross-attention cache is computed at step 0 and fixed afterwards; it only changes
        // rows when finished sentences leave the batch (beams of one sentence share it).
        const cross = step === 0 ? outputs[`present.${layer}.encoder.${kv}`] : past[`past_key_values.${layer}.encoder.${kv}`];
        if (!cross) throw new Error(`decoder returned no present.${layer}.encoder.${kv}`);
        nextPast[`past_key_values.${layer}.encoder.${kv}`] = reordered ? gatherRows(cross, sources) : cross;
      }
    }
    if (reordered) {
      mask = gatherInt64Rows(mask, length, sources);
      hidden = gatherRows(hidden, sources);
    }
    past = nextPast;
    active = stillActive;
    next = BigInt64Array.from(tokens, (token) => BigInt(token));
  }

  const results = states.map((state) => state.result());
  return { tokens: results.map((r) => r.tokens), capped: results.map((r) => r.capped), scores: results.map((r) => r.score) };
}
