// `fralign run` holds one stage's data at a time (issue 25): each stage reads what it needs back
// from DIR, and nothing of an earlier stage stays reachable. But V8 collects lazily: the heap a
// stage grew to (stories at 200k articles: ~1.5 GB) stays mostly garbage-filled while the next stage
// allocates on top of it, so the process's peak is the sum, not the largest stage. A full
// collection between stages returns the dead pages first.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | undefined;

/** A full, synchronous garbage collection (the `gc` V8 exposes with --expose-gc, got at run time). */
export function releaseStageMemory(): void {
  if (collect === undefined) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
}
