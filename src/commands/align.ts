import { defineCommand } from 'citty';
import { FralignError } from '../errors.ts';
import { DEFAULT_ALIGN_OPTIONS, type AlignOptions } from '../align/index.ts';
import { runAlignStage } from '../align/stage.ts';
import { outputPath } from '../output/index.ts';
import { shardArgs, shardFromArgs } from './shard-args.ts';

const d = DEFAULT_ALIGN_OPTIONS;

export default defineCommand({
  meta: {
    name: 'align',
    description: 'Align sentences across versions of a story: DIR/sentences.jsonl → DIR/alignments.jsonl + DIR/groups.jsonl',
  },
  args: {
    out: { type: 'string', description: 'Folder holding sentences.jsonl (from `fralign split`); outputs go there too', default: 'out', alias: 'o' },
    scorer: { type: 'string', description: `How pairs are scored: learned (logistic model trained on the seeds gold) or weighted (hand-set weights and margin thresholds) (default ${d.scorer})` },
    'accept-probability': { type: 'string', description: `Learned scorer: probability (0-1) a mutual-best pair needs (default ${d.acceptProbability})` },
    'many-probability': { type: 'string', description: `Learned scorer: probability any pair needs, for merges/splits (default ${d.manyProbability})` },
    'grade2-probability': { type: 'string', description: `Learned scorer: probability of "same information" from which a pair is graded 2 (default ${d.grade2Probability})` },
    lexicon: { type: 'string', description: `Word normalisation: news, basic or none (default ${d.lexicon}, the one the model was trained with; basic with --scorer weighted)` },
    'candidate-floor': { type: 'string', description: `Stem cosine (0-1) a pair needs to be scored at all; 0 scores every pair sharing a stem (default ${d.candidateFloor}, the model's; 0.1 with --scorer weighted; at least ${d.largeFloor} above ${d.exhaustiveLimit} sentences)` },
    'min-similarity': { type: 'string', description: `Weighted scorer: similarity (0-1) a mutual-best pair needs (default ${d.minSimilarity})` },
    'many-similarity': { type: 'string', description: `Weighted scorer: similarity a non-mutual pair needs, for merges/splits (default ${d.manySimilarity})` },
    threshold: { type: 'string', description: `Weighted scorer: margin score (similarity / neighbourhood mean) a mutual-best pair needs (default ${d.threshold})` },
    'many-threshold': { type: 'string', description: `Weighted scorer: margin score a non-mutual pair needs (default ${d.manyThreshold})` },
    'grade2-similarity': { type: 'string', description: `Weighted scorer: similarity from which a pair is graded 2 = same information (default ${d.grade2Similarity})` },
    'grade2-length': { type: 'string', description: `Weighted scorer: length ratio (shorter/longer) a pair also needs for grade 2 (default ${d.grade2Length})` },
    k: { type: 'string', description: `Neighbours per side in the margin (default ${d.k})` },
    'group-linkage': { type: 'string', description: `Share of member pairs that must align for two fact groups to merge (default ${d.groupLinkage})` },
    english: { type: 'boolean', description: 'Use the English side as a signal when both sentences carry a translation (--no-english to ignore it)', default: true },
    ...shardArgs,
    quiet: { type: 'boolean', description: 'Print only errors', default: false, alias: 'q' },
  },
  async run({ args }) {
    const options: AlignOptions = {
      scorer: choiceArg(args.scorer, '--scorer', ['learned', 'weighted'] as const),
      acceptProbability: numberArg(args['accept-probability'], '--accept-probability', 0, 1),
      manyProbability: numberArg(args['many-probability'], '--many-probability', 0, 1),
      grade2Probability: numberArg(args['grade2-probability'], '--grade2-probability', 0, 1),
      lexicon: choiceArg(args.lexicon, '--lexicon', ['news', 'basic', 'none'] as const),
      candidateFloor: numberArg(args['candidate-floor'], '--candidate-floor', 0, 1),
      minSimilarity: numberArg(args['min-similarity'], '--min-similarity', 0, 1),
      manySimilarity: numberArg(args['many-similarity'], '--many-similarity', 0, 1),
      threshold: numberArg(args.threshold, '--threshold', 0, Infinity),
      manyThreshold: numberArg(args['many-threshold'], '--many-threshold', 0, Infinity),
      grade2Similarity: numberArg(args['grade2-similarity'], '--grade2-similarity', 0, 1),
      grade2Length: numberArg(args['grade2-length'], '--grade2-length', 0, 1),
      k: integerArg(args.k, '--k'),
      groupLinkage: numberArg(args['group-linkage'], '--group-linkage', 0, 1),
      ...(args.english === false ? { english: false as const } : {}),
    };
    const shard = shardFromArgs(args);
    const result = await runAlignStage(args.out, options, shard ? { shard } : {});
    if (!args.quiet) {
      const multi = result.multi_document_groups;
      const grade2 = result.grade2;
      console.log(
        `${result.documents} documents, ${result.segments} segments → ${result.pairs} pairs (${grade2} grade 2), ` +
          `${result.groups} fact groups (${multi} across documents) → ${outputPath(args.out, 'alignments')}, ${outputPath(args.out, 'groups')}`,
      );
    }
    return 0;
  },
});

function numberArg(value: unknown, flag: string, min: number, max: number): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) {
    throw new FralignError('USAGE', `${flag}: expected a number in [${min}, ${max}], got "${String(value)}"`);
  }
  return n;
}

function choiceArg<T extends string>(value: unknown, flag: string, choices: readonly T[]): T | undefined {
  if (value === undefined || value === '') return undefined;
  if (!choices.includes(value as T)) throw new FralignError('USAGE', `${flag}: expected one of ${choices.join(', ')}, got "${String(value)}"`);
  return value as T;
}

function integerArg(value: unknown, flag: string): number | undefined {
  const n = numberArg(value, flag, 1, 1000);
  if (n !== undefined && !Number.isInteger(n)) throw new FralignError('USAGE', `${flag}: expected a whole number >= 1, got "${String(value)}"`);
  return n;
}
