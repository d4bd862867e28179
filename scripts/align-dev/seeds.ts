// The seeds gold (test/fixtures/gold/seeds.gold.jsonl, 77 pairs over the five seed articles) as
// one dev set among several: loading, and the per-document-pair scores the defaults rule reads.
import { readFileSync } from 'node:fs';
import { segmentSeeds } from '../../bench/align-data.ts';
import { scorePairs, type PairScores, type PredictedPair } from './evaluate.ts';
import { parseGold, resolveGold, type ResolvedGoldPair } from './gold.ts';
import { docOf } from './evaluate.ts';
import { FralignError } from '../../src/errors.ts';
import { checkSegment, readJsonlFile } from '../../src/output/index.ts';
import type { Segment } from '../../src/types.ts';

export const SEEDS_GOLD = 'test/fixtures/gold/seeds.gold.jsonl';

export interface SeedsDevSet {
  readonly segments: Segment[];
  readonly documents: string[];
  readonly gold: readonly ResolvedGoldPair[];
}

/**
 * The seeds and their gold; with `sentencesFile` (the sentences.jsonl of `fralign run seeds --out
 * DIR`), each segment also carries that run's English, so the aligner's English channel is in
 * the figures: how the seeds score with real opus-mt translations, measurable only where the model
 * can be fetched. The file must hold every seed segment with the same id and French (the same
 * splitter); a file from other input or another checkout is refused, never half used.
 */
export async function loadSeeds(goldFile = SEEDS_GOLD, sentencesFile?: string): Promise<SeedsDevSet> {
  const { documents, segments: split } = await segmentSeeds();
  const segments = sentencesFile === undefined ? split : withEnglish(split, await readJsonlFile<Segment>(sentencesFile, 'run `fralign run seeds --out DIR` first', checkSegment), sentencesFile);
  const gold = resolveGold(parseGold(readFileSync(goldFile, 'utf8'), goldFile), new Map(documents.map((d) => [d.id, d.text])), segments);
  return { segments, documents: documents.map((d) => d.id), gold: gold.pairs };
}

/** Scores on the document pairs not involving `heldOut` (training side of a fold), or all when undefined. */
export function seedsScores(seeds: SeedsDevSet, predicted: readonly PredictedPair[], heldOut?: string, onlyHeldOut = false): PairScores {
  const involves = (a: string, b: string): boolean => heldOut !== undefined && (docOf(a) === heldOut || docOf(b) === heldOut);
  return scorePairs(predicted, seeds.gold, (a, b) => (heldOut === undefined ? true : onlyHeldOut ? involves(a, b) : !involves(a, b)));
}

/** The seeds' segments with the English of the same segments in `translated` (matched by id, checked by French). */
export function withEnglish(segments: readonly Segment[], translated: readonly Segment[], file: string): Segment[] {
  const byId = new Map(translated.map((s) => [s.id, s]));
  return segments.map((segment) => {
    const other = byId.get(segment.id);
    if (other === undefined || other.fr !== segment.fr) {
      const what = other === undefined ? 'is missing' : 'has other French';
      throw new FralignError('INPUT', `${file}: seed segment ${segment.id} ${what}; rerun \`fralign run seeds --out DIR\` with this checkout and pass DIR/sentences.jsonl`);
    }
    return typeof other.en === 'string' ? { ...segment, en: other.en } : segment;
  });
}

/** How many segments carry English the aligner reads (present, not blank, not a copy of the French). */
export function englishCount(segments: readonly Segment[]): number {
  return segments.filter((s) => typeof s.en === 'string' && s.en.trim() !== '' && s.en !== s.fr).length;
}
