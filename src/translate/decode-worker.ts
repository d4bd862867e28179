// Body of a decode worker thread: owns one decoder session and runs the greedy loop (or beam search,
// when the job asks for beams) on encoded batches posted by the engine. onnxruntime-node's `run`
// blocks the thread that calls it, so
// decoding in workers is what lets two batches use two cores at once (docs/translation.md).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import type * as ort from 'onnxruntime-node';
import { isFralignError } from '../errors.ts';
import type { DecodeJob, DecodeWorkerInit, DecodeWorkerMessage, WorkerFailure } from './decode-protocol.ts';
import { decodeBeams } from './beam.ts';
import { decodeGreedy } from './greedy.ts';
import { createSession } from './sessions.ts';

function failureOf(error: unknown): WorkerFailure {
  if (isFralignError(error)) return { code: error.code, message: error.message };
  return { message: error instanceof Error ? error.message : String(error) };
}

function post(message: DecodeWorkerMessage): void {
  parentPort?.postMessage(message);
}

/**
 * V8's `gc`, run after each batch. Every decoder step hands back fresh output buffers (logits and
 * the growing key/value cache) that stay allocated until V8 collects their small JS wrappers, which
 * it does late because the wrappers are tiny. Collecting after each batch lowered the peak RSS of
 * two workers at batch 16 on opus-mt from 1866 to 1740 MiB in one probe, within the run-to-run
 * spread of others (docs/translation.md); collecting after every step showed no further gain.
 * `gc` needs --expose-gc, which a worker cannot take in execArgv, hence setFlagsFromString.
 */
function makeCollector(): () => void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (() => void) | undefined;
  return typeof gc === 'function' ? gc : () => undefined;
}

async function start(init: DecodeWorkerInit): Promise<void> {
  let decoder: ort.InferenceSession;
  try {
    decoder = await createSession(init.decoderFile, init.dtype, init.tuning, 'decoder');
  } catch (error) {
    post({ kind: 'load-failed', failure: failureOf(error) });
    return;
  }
  const collect = makeCollector();
  // Jobs arrive one at a time (the pool never gives a busy worker a second job), so no queue here.
  parentPort?.on('message', (job: DecodeJob) => {
    const startedMs = performance.timeOrigin + performance.now();
    ((job.budget.beams ?? 1) > 1 ? decodeBeams : decodeGreedy)(decoder, init.settings, job.encoded, job.budget)
      .then(
        (result) => post({ kind: 'done', id: job.id, result, timing: { startedMs, endedMs: performance.timeOrigin + performance.now() } }),
        (error: unknown) => post({ kind: 'failed', id: job.id, failure: failureOf(error) }),
      )
      .finally(collect);
  });
  post({ kind: 'ready' });
}

await start(workerData as DecodeWorkerInit);
