// `--shard K/N`: which part of the work this process does. Translation is split by sentence hash
// (shards share no work and the same sentence always lands on the same shard), alignment by story.
// `--shard auto` reads the index from a Kubernetes Indexed Job or a Slurm job array.
import { createHash } from 'node:crypto';
import { FralignError } from '../errors.ts';

/** Shard `index` (1-based) of `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

export type ShardEnvironment = Readonly<Record<string, string | undefined>>;

/**
 * Parses "K/N" (1 ≤ K ≤ N) or "auto". Auto: JOB_COMPLETION_INDEX (0-based, Kubernetes Indexed Job)
 * with the count from `count` (--shard-count) or FRALIGN_SHARD_COUNT; else SLURM_ARRAY_TASK_ID with
 * SLURM_ARRAY_TASK_COUNT (task ids counted from SLURM_ARRAY_TASK_MIN, 0 when unset).
 */
export function parseShard(value: string, env: ShardEnvironment = process.env, count?: number): Shard {
  if (value === 'auto') return autoShard(env, count);
  const match = /^(\d+)\/(\d+)$/u.exec(value.trim());
  if (!match) throw new FralignError('USAGE', `--shard: expected K/N (e.g. 2/4) or auto, got "${value}"`);
  return checked(Number(match[1]), Number(match[2]), `--shard ${value}`);
}

function autoShard(env: ShardEnvironment, count: number | undefined): Shard {
  const k8s = env['JOB_COMPLETION_INDEX'];
  if (k8s !== undefined && k8s !== '') {
    const total = count ?? integer(env['FRALIGN_SHARD_COUNT'], 'FRALIGN_SHARD_COUNT');
    if (total === undefined) {
      throw new FralignError('USAGE', '--shard auto: JOB_COMPLETION_INDEX is set but not the number of shards; pass --shard-count N or set FRALIGN_SHARD_COUNT (the Job\'s completions)');
    }
    return checked((integer(k8s, 'JOB_COMPLETION_INDEX') as number) + 1, total, `JOB_COMPLETION_INDEX=${k8s}`);
  }
  const task = env['SLURM_ARRAY_TASK_ID'];
  if (task !== undefined && task !== '') {
    const total = count ?? integer(env['SLURM_ARRAY_TASK_COUNT'], 'SLURM_ARRAY_TASK_COUNT');
    if (total === undefined) throw new FralignError('USAGE', '--shard auto: SLURM_ARRAY_TASK_ID is set but not SLURM_ARRAY_TASK_COUNT; pass --shard-count N');
    const min = integer(env['SLURM_ARRAY_TASK_MIN'], 'SLURM_ARRAY_TASK_MIN') ?? 0;
    return checked((integer(task, 'SLURM_ARRAY_TASK_ID') as number) - min + 1, total, `SLURM_ARRAY_TASK_ID=${task}`);
  }
  throw new FralignError('USAGE', '--shard auto: neither JOB_COMPLETION_INDEX (Kubernetes Indexed Job) nor SLURM_ARRAY_TASK_ID (Slurm array) is set; pass --shard K/N');
}

function integer(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/u.test(value.trim())) throw new FralignError('USAGE', `--shard auto: ${name} must be a whole number, got "${value}"`);
  return Number(value);
}

function checked(index: number, count: number, where: string): Shard {
  if (!(count >= 1 && index >= 1 && index <= count)) {
    throw new FralignError('USAGE', `${where}: shard ${index} of ${count} does not exist; expected 1 ≤ K ≤ N`);
  }
  return { index, count };
}

/** The shard (1-based) a story goes to: story s<n> → ((n - 1) mod N) + 1, round-robin in story order. */
export function shardOfStory(ordinal: number, count: number): number {
  return ((ordinal - 1) % count) + 1;
}

/** The shard (1-based) a source sentence is translated on: sha256 of its text, mod N. */
export function shardOfSentence(source: string, count: number): number {
  return (createHash('sha256').update(source).digest().readUInt32BE(0) % count) + 1;
}

export function shardLabel(shard: Shard | undefined): string {
  return shard === undefined ? '' : ` (shard ${shard.index}/${shard.count})`;
}
