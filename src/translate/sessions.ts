// Creating onnxruntime sessions, shared by the main thread (encoder) and the decode workers
// (decoder), so both fail with the same one-line MODEL_INVALID message.
import * as ort from 'onnxruntime-node';
import { FralignError } from '../errors.ts';
import { refetchAdvice } from './advice.ts';

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
export async function createSession(file: string, describe: string, tuning: SessionTuning, role?: SessionRole): Promise<ort.InferenceSession> {
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(file, sessionOptions(tuning));
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new FralignError('MODEL_INVALID', `${file}: onnxruntime cannot load this ${describe} ONNX file (${detail}); ${refetchAdvice(file)}`, { cause: error });
  }
  if (role) checkArchitecture(session, file, role);
  return session;
}

/** Which half of the MarianMT export a session is, and the names fralign feeds and reads. */
export type SessionRole = 'encoder' | 'decoder';
const EXPECTED: Readonly<Record<SessionRole, { inputs: readonly string[]; outputs: readonly string[] }>> = {
  encoder: { inputs: ['input_ids', 'attention_mask'], outputs: ['last_hidden_state'] },
  decoder: { inputs: ['input_ids', 'encoder_hidden_states', 'encoder_attention_mask'], outputs: ['logits'] },
};

/**
 * A model of another architecture (an encoder-only export, a decoder without `logits`) loads
 * fine and then fails in the first run with onnxruntime's "invalid output name": say so at load.
 */
function checkArchitecture(session: ort.InferenceSession, file: string, role: SessionRole): void {
  const missing = [
    ...EXPECTED[role].inputs.filter((name) => !session.inputNames.includes(name)).map((name) => `input ${name}`),
    ...EXPECTED[role].outputs.filter((name) => !session.outputNames.includes(name)).map((name) => `output ${name}`),
  ];
  if (missing.length === 0) return;
  throw new FralignError(
    'MODEL_INVALID',
    `${file}: not a MarianMT ${role} export (no ${missing.join(', ')}; it has inputs ${session.inputNames.join(', ') || 'none'} and outputs ${session.outputNames.join(', ') || 'none'}); ` +
      `fralign needs a MarianMT (opus-mt) ONNX export with encoder_model.onnx and decoder_model_merged.onnx; ${refetchAdvice(file)}`,
  );
}
