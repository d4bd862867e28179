// `fralign run` collects garbage between stages (src/commands/stage-memory.ts) so a stage does not
// allocate on top of the previous stage's dead heap. What would break silently: the run-time `gc`
// no longer collecting (a Node that ignores the flag), and the 200k-article run's peak going back up.
import { setTimeout as tick } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { releaseStageMemory } from '../src/commands/stage-memory.ts';

describe('releaseStageMemory', () => {
  it('collects what no stage holds any more', async () => {
    let stageData: number[][] | undefined = Array.from({ length: 200 }, (_, i) => new Array<number>(1000).fill(i));
    const ref = new WeakRef(stageData);
    stageData = undefined;
    // A WeakRef's target is kept until the current job ends.
    await tick(0);
    releaseStageMemory();
    expect(ref.deref()).toBeUndefined();
  });

  it('keeps what is still held, and can be called again', async () => {
    const held = { rows: [1, 2, 3] };
    const ref = new WeakRef(held);
    await tick(0);
    releaseStageMemory();
    releaseStageMemory();
    expect(ref.deref()).toBe(held);
  });
});
