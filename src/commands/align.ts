import { defineCommand } from 'citty';
import { FralignError } from '../errors.ts';
import { DEFAULT_ALIGN_OPTIONS, type AlignOptions } from '../align/index.ts';
import { REFERENCE_COUNT, REFERENCES_FROM } from '../align/references.ts';
import { runAlignStage, type AlignStageOptions } from '../align/stage.ts';
import { COPIES_FROM } from '../align/story.ts';
import { openRunFolder, outputPath } from '../output/index.ts';
import { shardArgs, shardFromArgs } from './shard-args.ts';
import { runDirAlias, runDirArg } from './contract.ts';

const d = DEFAULT_ALIGN_OPTIONS;

/** The alignment flags shared by `fralign align` and `fralign run`. */
export const alignArgs = {
  threshold: { type: 'string', description: `Ratio margin (similarity / mean of both sides' ${d.k} nearest in the other document) a mutual-best pair needs (default ${d.threshold})` },
  'path-threshold': { type: 'string', description: `Margin enough for a pair next to an aligned pair on the diagonal (positional support; >= --threshold turns it off; default ${d.pathThreshold})` },
  'relative-floor': { type: 'string', description: `Share (0-1) of the document pair's best mutual-best similarity a pair needs (default ${d.relativeFloor})` },
  'chance-floor': { type: 'string', description: `A pair also needs the run's chance similarity: median + this many MADs of its cross-document similarities, each sentence's best partner left out (0 = off; default ${d.chanceFloor})` },
  'tie-ratio': { type: 'string', description: `A second partner is kept when its similarity is at least this share of the best partner's (default ${d.tieRatio})` },
  'tie-window': { type: 'string', description: `A second partner must lie within this many sentences of the first (default ${d.tieWindow})` },
  context: { type: 'string', description: `Weight of the diagonal neighbours' similarity when choosing a sentence's best partner (0 = off; default ${d.context})` },
  k: { type: 'string', description: `Neighbours per side in the margin, taken in the other document (default ${d.k})` },
  'gap-fill': { type: 'boolean', description: 'Align a one-sentence gap between two aligned pairs on its position when nothing else competes for its sentences (--no-gap-fill to require the floor there too)', default: true },
  merge: { type: 'boolean', description: 'Many-to-many pass: align a sentence with both parts another outlet split it into (--no-merge to turn off)', default: true },
  consistency: { type: 'boolean', description: 'Drop a pair that a third version contradicts and none confirms (--no-consistency to keep it)', default: true },
  learn: { type: 'boolean', description: 'Learn the words versions swap for each other from a first pass (--no-learn to turn off)', default: true },
  'group-linkage': { type: 'string', description: `Share of member pairs that must align for two fact groups to merge (default ${d.groupLinkage})` },
  english: { type: 'boolean', description: 'Use the English side as a signal when both sentences carry a translation (--no-english to ignore it)', default: true },
  'full-stories': {
    type: 'boolean',
    description: `Align every story all-pairs, however many versions it has: no compact form (copies through a representative, above ${COPIES_FROM} versions) and no reference form (pairs with ${REFERENCE_COUNT} reference versions only, above ${REFERENCES_FROM}); memory grows with the square of the versions`,
    default: false,
  },
} as const;

export type AlignFlagValues = { readonly [K in keyof typeof alignArgs]?: (typeof alignArgs)[K] extends { type: 'boolean' } ? boolean : string };

export function alignOptionsFromArgs(args: AlignFlagValues): AlignOptions {
  return {
    threshold: numberArg(args.threshold, '--threshold', 0, Infinity),
    pathThreshold: numberArg(args['path-threshold'], '--path-threshold', 0, Infinity),
    relativeFloor: numberArg(args['relative-floor'], '--relative-floor', 0, 1),
    chanceFloor: numberArg(args['chance-floor'], '--chance-floor', 0, Infinity),
    tieRatio: numberArg(args['tie-ratio'], '--tie-ratio', 0, Infinity),
    tieWindow: numberArg(args['tie-window'], '--tie-window', 0, Infinity),
    context: numberArg(args.context, '--context', 0, Infinity),
    k: integerArg(args.k, '--k'),
    groupLinkage: numberArg(args['group-linkage'], '--group-linkage', 0, 1),
    ...(args.merge === false ? { merge: false } : {}),
    ...(args['gap-fill'] === false ? { gapFill: false } : {}),
    ...(args.english === false ? { english: false as const } : {}),
    ...(args.consistency === false ? { consistency: false } : {}),
    ...(args.learn === false ? { learn: false } : {}),
  };
}

/** The align stage's story forms from the flags: --full-stories turns both compact forms off. */
export function storyFormsFromArgs(args: AlignFlagValues): Pick<AlignStageOptions, 'fullStories'> {
  return args['full-stories'] === true ? { fullStories: true } : {};
}

export default defineCommand({
  meta: {
    name: 'align',
    description: 'Align sentences across versions of a story: DIR/sentences.jsonl → DIR/alignments.jsonl + DIR/groups.jsonl',
  },
  args: {
    dir: { type: 'positional', required: false, description: 'Run folder holding sentences.jsonl and stories.jsonl (from `fralign split`, `fralign stories`); outputs go there too' },
    ...runDirAlias,
    ...alignArgs,
    ...shardArgs,
    quiet: { type: 'boolean', description: 'Print only errors', default: false, alias: 'q' },
  },
  async run({ args }) {
    const dir = runDirArg('align', args);
    const options = alignOptionsFromArgs(args);
    const shard = shardFromArgs(args);
    await openRunFolder(dir, { create: false });
    const result = await runAlignStage(dir, options, { ...(shard ? { shard } : {}), ...storyFormsFromArgs(args) });
    if (!args.quiet) {
      const multi = result.multi_document_groups;
      const grade2 = result.grade2;
      console.error(
        `align: ${result.documents} ${result.documents === 1 ? 'document' : 'documents'}, ${result.segments} segments → ${result.pairs} pairs (${grade2} grade 2), ` +
          `${result.groups} fact groups (${multi} across documents) → ${outputPath(dir, 'alignments')}, ${outputPath(dir, 'groups')}`,
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

function integerArg(value: unknown, flag: string): number | undefined {
  const n = numberArg(value, flag, 1, 1000);
  if (n !== undefined && !Number.isInteger(n)) throw new FralignError('USAGE', `${flag}: expected a whole number >= 1, got "${String(value)}"`);
  return n;
}
