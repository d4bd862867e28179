// Body of a decode worker thread: owns one decoder session and runs the greedy loop on encoded
// batches posted by the engine. onnxruntime-node's `run` blocks the thread that calls it, so
// decoding in workers is what lets two batches use two cores at once (docs/translation.md).
import { parentPort, workerData } from 'node:worker_threads';
import type * as ort from 'onnxruntime-node';
import { isFralignError } from '../errors.ts';
import type { DecodeJob, DecodeWorkerInit, DecodeWorkerMessage, WorkerFailure } from './decode-protocol.ts';
import { decodeGreedy } from './greedy.ts';
import { createSession } from './sessions.ts';

function failureOf(error: unknown): WorkerFailure {
  if (isFralignError(error)) return { code: error.code, message: error.message };
  return { message: error instanceof Error ? error.message : String(error) };
}

function post(message: DecodeWorkerMessage): void {
  parentPort?.postMessage(message);
}

async function start(init: DecodeWorkerInit): Promise<void> {
  let decoder: ort.InferenceSession;
  try {
    decoder = await createSession(init.decoderFile, init.dtype, init.tuning);
  } catch (error) {
    post({ kind: 'load-failed', failure: failureOf(error) });
    return;
  }
  // Jobs arrive one at a time (the pool never gives a busy worker a second job), so no queue here.
  parentPort?.on('message', (job: DecodeJob) => {
    const startedMs = performance.timeOrigin + performance.now();
    decodeGreedy(decoder, init.settings, job.encoded, job.budget).then(
      (result) => post({ kind: 'done', id: job.id, result, timing: { startedMs, endedMs: performance.timeOrigin + performance.now() } }),
      (error: unknown) => post({ kind: 'failed', id: job.id, failure: failureOf(error) }),
    );
  });
  post({ kind: 'ready' });
}

await start(workerData as DecodeWorkerInit);
