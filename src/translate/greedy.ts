// Batched greedy decoding straight on onnxruntime-node sessions: the encoder once per batch, then
// the merged decoder step by step with its key/value cache. This is what transformers.js `generate`
// does, minus its per-step JS overhead (see docs/translation.md for the measured difference).
import * as ort from 'onnxruntime-node';
import type { MarianSettings } from './marian-config.ts';

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
}

function int64(values: BigInt64Array, dims: readonly number[]): ort.Tensor {
  return new ort.Tensor('int64', values, dims);
}

/** Right-padded [B, S] ids and mask; padding is masked, so a row's result does not depend on it. */
export function padBatch(inputs: readonly (readonly number[])[], padId: number): { ids: BigInt64Array; mask: BigInt64Array; length: number } {
  const length = Math.max(...inputs.map((row) => row.length));
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

export async function greedyDecode(sessions: MarianSessions, settings: MarianSettings, request: GreedyRequest): Promise<GreedyResult> {
  const batch = request.inputs.length;
  if (batch === 0) return { tokens: [], capped: [] };
  const { ids, mask, length } = padBatch(request.inputs, settings.padTokenId);
  const attentionMask = int64(mask, [batch, length]);
  const encoded = await sessions.encoder.run({ input_ids: int64(ids, [batch, length]), attention_mask: attentionMask });
  const hidden = encoded.last_hidden_state;
  if (!hidden) throw new Error('encoder returned no last_hidden_state');

  const { decoderLayers, decoderHeads, headDim } = settings;
  const emptyPast = new ort.Tensor('float32', new Float32Array(0), [batch, decoderHeads, 0, headDim]);
  const past: Record<string, ort.Tensor> = {};
  for (let layer = 0; layer < decoderLayers; layer++) {
    for (const part of ['decoder', 'encoder'] as const) {
      for (const kv of ['key', 'value'] as const) past[`past_key_values.${layer}.${part}.${kv}`] = emptyPast;
    }
  }

  const forbidden = settings.forbiddenTokenIds;
  const forbiddenWithEos = [...forbidden, settings.eosTokenId];
  const budgets = request.maxNewTokens.map((budget) => (request.forceSteps === undefined ? budget : Math.min(budget, request.forceSteps)));
  const tokens: number[][] = request.inputs.map(() => []);
  const capped = request.inputs.map(() => false);
  const done = request.inputs.map(() => false);
  let next = new BigInt64Array(batch).fill(BigInt(settings.decoderStartTokenId));
  const maxSteps = Math.max(...budgets);

  for (let step = 0; step < maxSteps; step++) {
    const outputs = await sessions.decoder.run({
      input_ids: int64(next, [batch, 1]),
      encoder_attention_mask: attentionMask,
      encoder_hidden_states: hidden,
      use_cache_branch: new ort.Tensor('bool', new Uint8Array([step > 0 ? 1 : 0]), [1]),
      ...past,
    });
    const logitsTensor = outputs.logits;
    if (!logitsTensor) throw new Error('decoder returned no logits');
    const vocab = logitsTensor.dims[logitsTensor.dims.length - 1] as number;
    const logits = logitsTensor.data as Float32Array;
    next = new BigInt64Array(batch).fill(BigInt(settings.padTokenId));
    for (let b = 0; b < batch; b++) {
      if (done[b]) continue;
      const token = argmaxRow(logits, b, vocab, request.forceSteps === undefined ? forbidden : forbiddenWithEos);
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
        capped[b] = request.forceSteps === undefined;
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
  return { tokens, capped };
}
