// A shard, or a run with --require-translation, exits 2 with one line when no model is available,
// instead of writing a French-only part that `merge` would turn into a French-only corpus. A plain
// run still goes on without English (one "translation skipped" line), and --no-translate is always
// allowed.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliAsync, SEEDS } from './helpers/cli.ts';

const SEED = path.join(SEEDS, '000_cbf94cc716c46ff7.txt');

describe('no translation model available (empty FRALIGN_MODELS, --offline)', () => {
  it.each([
    ['--shard 1/2', 2, ['--shard', '1/2'], {}, /^fralign: --shard: no translation model, so nothing was translated \(.*\); fetch it once with `fralign fetch-model`/],
    ['--shard auto in a Slurm array task', 2, ['--shard', 'auto'], { SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_COUNT: '4' }, /^fralign: --shard: no translation model/],
    ['--require-translation', 2, ['--require-translation'], {}, /^fralign: --require-translation: no translation model/],
    ['a plain run', 0, [], {}, /^fralign: translation skipped: /],
    ['--shard 1/2 --no-translate', 0, ['--shard', '1/2', '--no-translate'], {}, /^$/],
  ])('%s exits %i with at most one line', async (_label, status, flags, env, line) => {
    const scratch = await mkdtemp(path.join(tmpdir(), 'fralign-require-'));
    const result = await runCliAsync(['run', SEED, '--out', path.join(scratch, 'out'), '--offline', '-q', ...flags], {
      env: { FRALIGN_MODELS: path.join(scratch, 'no-models'), ...env },
    });
    expect(result.status, result.stderr).toBe(status);
    const lines = result.stderr.split('\n').filter(Boolean);
    expect(lines.length, result.stderr).toBeLessThanOrEqual(1);
    expect(lines[0] ?? '').toMatch(line);
  });
});
