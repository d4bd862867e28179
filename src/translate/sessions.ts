// Creating onnxruntime sessions, shared by the main thread (encoder) and the decode workers
// (decoder), so both fail with the same one-line MODEL_INVALID message.
import * as ort from 'onnxruntime-node';
import { FralignError } from '../errors.ts';

/** Session knobs the engine exposes; every field is plain data so it can be posted to a worker. */
export interface SessionTuning {
  /** intraOpNumThreads. */
  readonly threads: number;
  /**
   * onnxruntime's CPU memory arena. Default false: the arena keeps the largest buffers a batch
   * ever needed and never gives them back (speed and peak RSS measured the same either way).
   */
  readonly memArena: boolean;
  /**
   * Pre-packed weight copies for the GEMM kernels. Default true: turning it off lowered the RSS
   * after loading but not the peak, and cost ~20% speed (docs/translation.md).
   */
  readonly prepacking: boolean;
}

export const DEFAULT_SESSION_TUNING: SessionTuning = { threads: 1, memArena: false, prepacking: true };

export function sessionOptions(tuning: SessionTuning): ort.InferenceSession.SessionOptions {
  const session: Record<string, string> = {};
  // Spinning threads burn a core waiting for work; on a 2-core machine that core is the other worker's.
  // (The binding flattens nested keys: { session: { x: '1' } } sets the config key 'session.x'.)
  if (tuning.threads > 1) session['intra_op.allow_spinning'] = '0';
  if (!tuning.prepacking) session['disable_prepacking'] = '1';
  return {
    intraOpNumThreads: tuning.threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    enableCpuMemArena: tuning.memArena,
    extra: { session },
  };
}

/** `describe` names the weights in the error message (e.g. 'fp32'). */
export async function createSession(file: string, describe: string, tuning: SessionTuning): Promise<ort.InferenceSession> {
  try {
    return await ort.InferenceSession.create(file, sessionOptions(tuning));
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new FralignError('MODEL_INVALID', `${file}: onnxruntime cannot load this ${describe} ONNX file (${detail}); re-fetch the model`, { cause: error });
  }
}
