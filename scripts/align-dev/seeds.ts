// The seeds gold (test/fixtures/gold/seeds.gold.jsonl, 77 pairs over the five seed articles) as
// one dev set among several: loading, and the per-document-pair scores the defaults rule reads.
import { readFileSync } from 'node:fs';
import { segmentSeeds } from '../../bench/align-data.ts';
import { scorePairs, type PairScores, type PredictedPair } from '../../src/align/evaluate.ts';
import { parseGold, resolveGold, type ResolvedGoldPair } from '../../src/align/gold.ts';
import { docOf } from '../../src/align/evaluate.ts';
import type { Segment } from '../../src/types.ts';

export const SEEDS_GOLD = 'test/fixtures/gold/seeds.gold.jsonl';

export interface SeedsDevSet {
  readonly segments: Segment[];
  readonly documents: string[];
  readonly gold: readonly ResolvedGoldPair[];
}

export async function loadSeeds(goldFile = SEEDS_GOLD): Promise<SeedsDevSet> {
  const { documents, segments } = await segmentSeeds();
  const gold = resolveGold(parseGold(readFileSync(goldFile, 'utf8'), goldFile), new Map(documents.map((d) => [d.id, d.text])), segments);
  return { segments, documents: documents.map((d) => d.id), gold: gold.pairs };
}

/** Scores on the document pairs not involving `heldOut` (training side of a fold), or all when undefined. */
export function seedsScores(seeds: SeedsDevSet, predicted: readonly PredictedPair[], heldOut?: string, onlyHeldOut = false): PairScores {
  const involves = (a: string, b: string): boolean => heldOut !== undefined && (docOf(a) === heldOut || docOf(b) === heldOut);
  return scorePairs(predicted, seeds.gold, (a, b) => (heldOut === undefined ? true : onlyHeldOut ? involves(a, b) : !involves(a, b)));
}
