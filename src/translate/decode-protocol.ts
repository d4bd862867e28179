// Messages between the engine (main thread) and a decode worker. Plain data only: everything here
// crosses threads by structured clone, typed arrays by transfer.
import type { FralignErrorCode } from '../errors.ts';
import type { DecodeBudget, EncodedBatch, GreedyResult } from './greedy.ts';
import type { MarianSettings } from './marian-config.ts';
import type { SessionTuning } from './sessions.ts';

/** workerData of a decode worker. */
export interface DecodeWorkerInit {
  readonly decoderFile: string;
  /** For error messages ('fp32', 'q8'). */
  readonly dtype: string;
  readonly settings: MarianSettings;
  readonly tuning: SessionTuning;
}

export interface DecodeJob {
  readonly id: number;
  readonly encoded: EncodedBatch;
  readonly budget: DecodeBudget;
}

/** When a job ran inside the worker, in ms since the Unix epoch (performance.timeOrigin + now()). */
export interface JobTiming {
  readonly startedMs: number;
  readonly endedMs: number;
}

/** A failure inside the worker, rebuilt as FralignError (code set) or Error on the main thread. */
export interface WorkerFailure {
  readonly code?: FralignErrorCode;
  readonly message: string;
}

export type DecodeWorkerMessage =
  | { readonly kind: 'ready' }
  | { readonly kind: 'load-failed'; readonly failure: WorkerFailure }
  | { readonly kind: 'done'; readonly id: number; readonly result: GreedyResult; readonly timing: JobTiming }
  | { readonly kind: 'failed'; readonly id: number; readonly failure: WorkerFailure };
