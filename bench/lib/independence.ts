// Batch-independence check for the benchmark: the same sentences decoded at several batch sizes and
// in several orders must give the same tokens. Reports the score gap too (scores are a function of the
// logits), and how diverse the outputs are: on a model that decodes every sentence to one repeated
// token, "0 differences" says nothing.
import type { TranslationOutput, Translator } from '../../src/translate/engine.ts';

export interface IndependenceResult {
  readonly label: string;
  readonly sentences: number;
  readonly tokens: number;
  readonly differingTokens: number;
  readonly differingSentences: number;
  readonly maxScoreGap: number;
  /** Distinct token sequences among the batch-1 outputs, and distinct token ids used. */
  readonly distinctOutputs: number;
  readonly distinctTokenIds: number;
}

/** Decodes in batches of `size` taken in `order`, as many batches at once as the engine has workers. */
async function decode(translator: Translator, texts: readonly string[], size: number, order: readonly number[]): Promise<TranslationOutput[]> {
  const out: TranslationOutput[] = [];
  const batches: number[][] = [];
  for (let start = 0; start < order.length; start += size) batches.push(order.slice(start, start + size));
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < batches.length) {
      const indices = batches[next++] as number[];
      const outputs = await translator.translate(indices.map((i) => texts[i] as string));
      indices.forEach((i, k) => (out[i] = outputs[k] as TranslationOutput));
    }
  };
  await Promise.all(Array.from({ length: translator.parallelism }, lane));
  return out;
}

/** Compares batch 1 (in order) with each `[batch, order]` variant. */
export async function batchIndependence(
  label: string,
  translator: Translator,
  texts: readonly string[],
  variants: readonly (readonly [batch: number, order: 'input' | 'shuffled' | 'reversed'])[],
): Promise<IndependenceResult> {
  const inOrder = texts.map((_, i) => i);
  const orders = { input: inOrder, shuffled: [...inOrder].sort((a, b) => ((a * 7919) % 211) - ((b * 7919) % 211) || a - b), reversed: [...inOrder].reverse() };
  const alone = await decode(translator, texts, 1, inOrder);
  let differingTokens = 0;
  const differing = new Set<number>();
  let maxScoreGap = 0;
  for (const [batch, order] of variants) {
    const other = await decode(translator, texts, batch, orders[order]);
    alone.forEach((a, i) => {
      const b = other[i] as TranslationOutput;
      const diff = a.tokenIds.filter((id, k) => id !== b.tokenIds[k]).length + Math.abs(a.tokenIds.length - b.tokenIds.length);
      differingTokens += diff;
      if (diff > 0) differing.add(i);
      if (a.score !== undefined && b.score !== undefined) maxScoreGap = Math.max(maxScoreGap, Math.abs(a.score - b.score));
    });
  }
  return {
    label,
    sentences: texts.length,
    tokens: alone.reduce((sum, o) => sum + o.tokenIds.length, 0) * variants.length,
    differingTokens,
    differingSentences: differing.size,
    maxScoreGap,
    distinctOutputs: new Set(alone.map((o) => o.tokenIds.join(','))).size,
    distinctTokenIds: new Set(alone.flatMap((o) => o.tokenIds)).size,
  };
}

/** Sentences whose tokens are identical between two engines (e.g. int8 vs fp32). */
export async function agreement(a: Translator, b: Translator, texts: readonly string[], batch: number): Promise<{ same: number; total: number }> {
  const order = texts.map((_, i) => i);
  const [x, y] = [await decode(a, texts, batch, order), await decode(b, texts, batch, order)];
  return { same: x.filter((o, i) => o.tokenIds.join(',') === y[i]?.tokenIds.join(',')).length, total: texts.length };
}

export function independenceLine(r: IndependenceResult): string {
  return (
    `- ${r.label}: ${r.differingTokens} of ${r.tokens} tokens (${r.differingSentences} of ${r.sentences} sentences) differ from batch 1; ` +
    `max score gap ${r.maxScoreGap.toExponential(1)}; outputs: ${r.distinctOutputs} distinct of ${r.sentences}, ${r.distinctTokenIds} distinct token ids`
  );
}
