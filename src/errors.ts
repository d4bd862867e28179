// The one error class of fralign. Stages throw it; only the CLI entry point catches and prints.

export type FralignErrorCode =
  /** Wrong command-line usage (exit 2). */
  | 'USAGE'
  /** An input file or line cannot be read as a document. */
  | 'INPUT'
  /** Two inputs claim the same document id. */
  | 'DUPLICATE_ID'
  /** The translation model is not present and cannot be fetched. */
  | 'MODEL_MISSING'
  /** The model folder exists but is not a usable MarianMT ONNX export. */
  | 'MODEL_INVALID'
  /** A stage needs an earlier stage's output that is not there. */
  | 'MISSING_STAGE_OUTPUT'
  /** An output file could not be written or parsed. */
  | 'OUTPUT'
  /** The user interrupted a long stage (Ctrl-C); finished work is saved and a rerun resumes (exit 130). */
  | 'INTERRUPTED';

export class FralignError extends Error {
  override readonly name = 'FralignError';
  readonly code: FralignErrorCode;

  constructor(code: FralignErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

export function isFralignError(error: unknown): error is FralignError {
  return error instanceof FralignError;
}
