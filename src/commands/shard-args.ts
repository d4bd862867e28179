// The corpus-mode flags `run`, `align` and `stories` share: --shard, --shard-count, --stories.
import { FralignError } from '../errors.ts';
import { parseShard, type Shard } from '../pipeline/shard.ts';

export const shardArgs = {
  shard: {
    type: 'string',
    description: 'Do one shard of the work: K/N (translate the sentences whose hash falls in shard K, align the stories of shard K), or auto (from JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID); combine with `fralign merge`',
    valueHint: 'K/N|auto',
  },
  'shard-count': { type: 'string', description: 'With --shard auto on a Kubernetes Indexed Job: the number of shards (the Job\'s completions; or set FRALIGN_SHARD_COUNT)' },
} as const;

export const storiesArg = {
  stories: { type: 'string', description: 'auto: group the documents into stories and align within each (default); one: every document is a version of one story', default: 'auto', valueHint: 'auto|one' },
} as const;

export function shardFromArgs(args: { shard?: unknown; 'shard-count'?: unknown }): Shard | undefined {
  if (args.shard === undefined || args.shard === '') return undefined;
  const countText = args['shard-count'];
  let count: number | undefined;
  if (countText !== undefined && countText !== '') {
    count = Number(countText);
    if (!Number.isInteger(count) || count < 1) throw new FralignError('USAGE', `--shard-count: expected a whole number >= 1, got "${String(countText)}"`);
  }
  return parseShard(String(args.shard), process.env, count);
}

export function storiesModeFromArgs(value: unknown): 'auto' | 'one' {
  const mode = value === undefined || value === '' ? 'auto' : String(value);
  if (mode !== 'auto' && mode !== 'one') throw new FralignError('USAGE', `--stories: expected auto or one, got "${mode}"`);
  return mode;
}
