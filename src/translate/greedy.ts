// Batched greedy decoding straight on onnxruntime-node sessions: the encoder once per batch, then
// the merged decoder step by step with its key/value cache. This is what transformers.js `generate`
// does, minus its per-step JS overhead (see docs/translation.md for the measured difference).
// Split in two halves so the encoder can run on the main thread and the decoder loop in a worker
// (ort-engine.ts): `encodeBatch` returns plain typed arrays that can be transferred between threads.
import * as ort from 'onnxruntime-node';
import type { MarianSettings } from './marian-config.ts';

/**
 * Optional decoder output: logsumexp of the logits over the vocabulary, added by the int8 rewrite so
 * en_score costs no JS pass over every vocabulary entry per row and step.
 */
export const LOGSUMEXP_OUTPUT = 'fralign_logsumexp';

export interface MarianSessions {
  readonly encoder: ort.InferenceSession;
  readonly decoder: ort.InferenceSession;
}

export interface GreedyRequest {
  /** Source token ids per row, end token included, no padding. */
  readonly inputs: readonly (readonly number[])[];
  /** New-token budget per row. */
  readonly maxNewTokens: readonly number[];
  /** Ignore end-of-sentence and decode exactly min(forceSteps, budget) tokens (benchmarks). */
  readonly forceSteps?: number;
}

export interface GreedyResult {
  /** Generated ids per row, without the start token and without the end token. */
  readonly tokens: number[][];
  /** True where the row used its whole budget without producing the end token. */
  readonly capped: boolean[];
  /** Mean log-probability of the chosen tokens per row (end token included when produced), ≤ 0. */
  readonly scores: number[];
}

/** The encoder's output for one batch, as plain arrays (structured-clone and transfer friendly). */
export interface EncodedBatch {
  readonly batch: number;
  /** Padded source length S. */
  readonly length: number;
  /** [B, S] attention mask, 1 for real tokens. */
  readonly mask: BigInt64Array;
  /** [B, S, hidden] encoder last_hidden_state. */
  readonly hidden: Float32Array;
  readonly hiddenDims: readonly number[];
}

/** What the decoder half needs besides the encoder output. */
export interface DecodeBudget {
  readonly maxNewTokens: readonly number[];
  readonly forceSteps?: number;
  /**
   * Skip the JavaScript log-sum-exp behind the scores of decoders without the derived logsumexp
   * output (scores come back NaN). Default false. Only the benchmark's "raw q8 loop" ceiling uses it.
   */
  readonly noScores?: boolean;
  /** Beams per sentence: 1 = the greedy loop here, more = beam search (beam.ts). Default 1. */
  readonly beams?: number;
}

function int64(values: BigInt64Array, dims: readonly number[]): ort.Tensor {
  return new ort.Tensor('int64', values, dims);
}

/**
 * Padding is masked, but it is not free of effect: softmax and attention sums over a longer axis are
 * vectorised differently and move results by ~1e-7, which int8 activation rounding now and then
 * turns into another token. So every row is padded to its own length rounded up to a multiple of
 * PAD_MULTIPLE, and the engine only batches rows that pad to the same length (ort-engine.ts): a
 * row's tokens and score are then a function of the row alone.
 */
export const PAD_MULTIPLE = 8;

/** The length a row of `tokens` tokens is padded to: a multiple of PAD_MULTIPLE, at most `maxPositions`. */
export function paddedLength(tokens: number, maxPositions: number): number {
  return Math.min(Math.max(tokens, maxPositions), Math.ceil(tokens / PAD_MULTIPLE) * PAD_MULTIPLE);
}

/**
 * Right-padded [B, S] ids and mask, S = `length` (default: the longest row). Padding is masked, so
 * a row's result depends on S only through float rounding (see PAD_MULTIPLE).
 */
export function padBatch(
  inputs: readonly (readonly number[])[],
  padId: number,
  padTo?: number,
): { ids: BigInt64Array; mask: BigInt64Array; length: number } {
  const longest = Math.max(...inputs.map((row) => row.length));
  if (padTo !== undefined && padTo < longest) throw new Error(`internal: padding to ${padTo} tokens, shorter than a row of ${longest}`);
  const length = padTo ?? longest;
  const ids = new BigInt64Array(inputs.length * length).fill(BigInt(padId));
  const mask = new BigInt64Array(inputs.length * length);
  inputs.forEach((row, b) => {
    row.forEach((id, t) => {
      ids[b * length + t] = BigInt(id);
      mask[b * length + t] = 1n;
    });
  });
  return { ids, mask, length };
}

/**
 * Index of the largest logit of row `row`, never one of `forbidden`; ties go to the lowest id, like
 * argmax. Forbidden entries are overwritten with -Infinity in place (the logits are ours to scratch),
 * which keeps the hot loop free of lookups: it runs over the whole vocabulary for every row and step.
 */
export function argmaxRow(logits: Float32Array, row: number, vocab: number, forbidden: readonly number[]): number {
  const offset = row * vocab;
  for (const id of forbidden) logits[offset + id] = -Infinity;
  let best = 0;
  let bestValue = logits[offset] as number;
  for (let v = 1; v < vocab; v++) {
    const value = logits[offset + v] as number;
    if (value > bestValue) {
      bestValue = value;
      best = v;
    }
  }
  return best;
}

/**
 * log(sum(exp(logits))) of row `row`, over the raw logits (call before argmaxRow scratches them).
 * Only for decoders without the derived `fralign_logsumexp` output (fp32, q8): one exp per
 * vocabulary entry, which is why the int8 rewrite computes it inside the graph instead.
 */
export function logSumExpRow(logits: Float32Array, row: number, vocab: number): number {
  const offset = row * vocab;
  let max = -Infinity;
  for (let v = 0; v < vocab; v++) max = Math.max(max, logits[offset + v] as number);
  let sum = 0;
  for (let v = 0; v < vocab; v++) sum += Math.exp((logits[offset + v] as number) - max);
  return max + Math.log(sum);
}

/** Runs the encoder on a non-empty batch, padded to `padTo` tokens (default: the longest row). */
export async function encodeBatch(
  encoder: ort.InferenceSession,
  settings: MarianSettings,
  inputs: readonly (readonly number[])[],
  padTo?: number,
): Promise<EncodedBatch> {
  const batch = inputs.length;
  const { ids, mask, length } = padBatch(inputs, settings.padTokenId, padTo);
  const encoded = await encoder.run({ input_ids: int64(ids, [batch, length]), attention_mask: int64(mask, [batch, length]) });
  const hidden = encoded.last_hidden_state;
  if (!hidden) throw new Error('encoder returned no last_hidden_state');
  // A copy in a buffer of its own: onnxruntime's output may sit in memory that cannot be transferred
  // to a worker, and the copy (B x S x hidden floats, ~1 MB at batch 16) is cheap next to decoding.
  return { batch, length, mask, hidden: (hidden.data as Float32Array).slice(), hiddenDims: [...hidden.dims] };
}

/** Output names the decoder must hand back at `step`: the cross-attention cache only once (step 0). */
export function decoderFetches(decoderLayers: number, step: number, logSumExpOutput?: string): string[] {
  const names = logSumExpOutput ? ['logits', logSumExpOutput] : ['logits'];
  for (let layer = 0; layer < decoderLayers; layer++) {
    for (const kv of ['key', 'value'] as const) {
      names.push(`present.${layer}.decoder.${kv}`);
      if (step === 0) names.push(`present.${layer}.encoder.${kv}`);
    }
  }
  return names;
}

/** What the decoder feeds on at one step, besides the step number. */
export interface DecoderFeeds {
  /** The last token of each row (the decoder start token at step 0). */
  readonly tokens: BigInt64Array;
  /** [rows, S] encoder attention mask. */
  readonly mask: ort.Tensor;
  /** [rows, S, hidden] encoder output. */
  readonly hidden: ort.Tensor;
  /** past_key_values.* (empty tensors at step 0). */
  readonly past: Readonly<Record<string, ort.Tensor>>;
}

/** The decoder's answer to one step. */
export interface DecoderStep {
  /** Every fetched output by name: the present.* cache the next step is fed. */
  readonly outputs: ort.InferenceSession.ReturnType;
  /** [rows, vocab] logits of the next token. */
  readonly logits: Float32Array;
  readonly vocab: number;
  /** Each row's logsumexp over the vocabulary where the decoder outputs it (LOGSUMEXP_OUTPUT); else undefined. */
  readonly lse: Float32Array | undefined;
}

/**
 * One step of the merged decoder, for the greedy loop and beam search alike. Fetches are explicit:
 * without them onnxruntime copies every output to JS at every step, the unchanged cross-attention
 * cache included (2 x layers x [B, heads, S, dim] floats per step for nothing).
 */
export function decoderStepper(decoder: ort.InferenceSession, decoderLayers: number): (step: number, feeds: DecoderFeeds) => Promise<DecoderStep> {
  const lseName = decoder.outputNames.find((name) => name === LOGSUMEXP_OUTPUT);
  const fetchesAtStart = decoderFetches(decoderLayers, 0, lseName);
  const fetchesLater = decoderFetches(decoderLayers, 1, lseName);
  return async (step, feeds) => {
    const outputs = await decoder.run(
      {
        input_ids: int64(feeds.tokens, [feeds.tokens.length, 1]),
        encoder_attention_mask: feeds.mask,
        encoder_hidden_states: feeds.hidden,
        use_cache_branch: new ort.Tensor('bool', new Uint8Array([step > 0 ? 1 : 0]), [1]),
        ...feeds.past,
      },
      step === 0 ? fetchesAtStart : fetchesLater,
    );
    const logitsTensor = outputs.logits;
    if (!logitsTensor) throw new Error('decoder returned no logits');
    const vocab = logitsTensor.dims[logitsTensor.dims.length - 1] as number;
    const lse = lseName ? (outputs[lseName]?.data as Float32Array | undefined) : undefined;
    return { outputs, logits: logitsTensor.data as Float32Array, vocab, lse };
  };
}

/** The greedy loop on the decoder, from an encoded batch. */
export async function decodeGreedy(decoder: ort.InferenceSession, settings: MarianSettings, encoded: EncodedBatch, budget: DecodeBudget): Promise<GreedyResult> {
  const { batch, length } = encoded;
  const attentionMask = int64(encoded.mask, [batch, length]);
  const hidden = new ort.Tensor('float32', encoded.hidden, encoded.hiddenDims);
  const { decoderLayers, decoderHeads, headDim } = settings;
  const emptyPast = new ort.Tensor('float32', new Float32Array(0), [batch, decoderHeads, 0, headDim]);
  const past: Record<string, ort.Tensor> = {};
  for (let layer = 0; layer < decoderLayers; layer++) {
    for (const part of ['decoder', 'encoder'] as const) {
      for (const kv of ['key', 'value'] as const) past[`past_key_values.${layer}.${part}.${kv}`] = emptyPast;
    }
  }
  const decoderStep = decoderStepper(decoder, decoderLayers);

  const forbidden = settings.forbiddenTokenIds;
  const forbiddenWithEos = [...forbidden, settings.eosTokenId];
  const budgets = budget.maxNewTokens.map((max) => (budget.forceSteps === undefined ? max : Math.min(max, budget.forceSteps)));
  const tokens: number[][] = budgets.map(() => []);
  const capped = budgets.map(() => false);
  const done = budgets.map(() => false);
  const logProbSums = budgets.map(() => 0);
  const logProbCounts = budgets.map(() => 0);
  let next = new BigInt64Array(batch).fill(BigInt(settings.decoderStartTokenId));
  const maxSteps = Math.max(...budgets);

  for (let step = 0; step < maxSteps; step++) {
    const { outputs, logits, vocab, lse } = await decoderStep(step, { tokens: next, mask: attentionMask, hidden, past });
    next = new BigInt64Array(batch).fill(BigInt(settings.padTokenId));
    for (let b = 0; b < batch; b++) {
      if (done[b]) continue;
      const normaliser = lse ? (lse[b] as number) : budget.noScores ? NaN : logSumExpRow(logits, b, vocab);
      const token = argmaxRow(logits, b, vocab, budget.forceSteps === undefined ? forbidden : forbiddenWithEos);
      logProbSums[b] = (logProbSums[b] as number) + (logits[b * vocab + token] as number) - normaliser;
      logProbCounts[b] = (logProbCounts[b] as number) + 1;
      if (token === settings.eosTokenId) {
        done[b] = true;
        continue;
      }
      const row = tokens[b] as number[];
      row.push(token);
      next[b] = BigInt(token);
      if (row.length >= (budgets[b] as number)) {
        done[b] = true;
        // A forced-length bench run stops by design, not by hitting the cap.
        capped[b] = budget.forceSteps === undefined;
      }
    }
    if (done.every(Boolean)) break;
    for (let layer = 0; layer < decoderLayers; layer++) {
      for (const kv of ['key', 'value'] as const) {
        const decoderPresent = outputs[`present.${layer}.decoder.${kv}`];
        if (!decoderPresent) throw new Error(`decoder returned no present.${layer}.decoder.${kv}`);
        past[`past_key_values.${layer}.decoder.${kv}`] = decoderPresent;
        // The cross-attention cache is computed at step 0 and fixed afterwards.
        if (step === 0) {
          const encoderPresent = outputs[`present.${layer}.encoder.${kv}`];
          if (!encoderPresent) throw new Error(`decoder returned no present.${layer}.encoder.${kv}`);
          past[`past_key_values.${layer}.encoder.${kv}`] = encoderPresent;
        }
      }
    }
  }
  const scores = logProbSums.map((sum, b) => sum / Math.max(1, logProbCounts[b] as number));
  return { tokens, capped, scores };
}

/** Both halves on the calling thread (tests and single-threaded callers). */
export async function greedyDecode(sessions: MarianSessions, settings: MarianSettings, request: GreedyRequest): Promise<GreedyResult> {
  if (request.inputs.length === 0) return { tokens: [], capped: [], scores: [] };
  const encoded = await encodeBatch(sessions.encoder, settings, request.inputs);
  return decodeGreedy(sessions.decoder, settings, encoded, { maxNewTokens: request.maxNewTokens, ...(request.forceSteps === undefined ? {} : { forceSteps: request.forceSteps }) });
}
