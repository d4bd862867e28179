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
  /** The disk refused a write (full, read-only, I/O error); the previous file is untouched (exit 2). */
  | 'WRITE_FAILED'
  /** Another fralign process holds the output folder's lock (exit 2). */
  | 'LOCKED'
  /** An output was made from inputs that have since been rewritten; rerun the stage that makes it. */
  | 'STALE_OUTPUT'
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

/**
 * A message as one terminal line: line breaks folded, ESC/C0/C1 control characters shown as \xNN,
 * bidi controls as \uXXXX.
 * Messages quote file names and article text, which must not drive the user's terminal.
 */
export function printable(message: string): string {
  return message
    .replace(/\s*[\r\n]+\s*/g, ' ')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`)
    // Bidi controls (U+202E in a file name reverses the rest of the line on screen): shown as \uXXXX.
    .replace(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
