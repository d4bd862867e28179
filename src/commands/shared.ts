// Bits every command shares: positional inputs, failure lines, summary wording.
import { FralignError } from '../errors.ts';
import type { SplitCounts } from '../pipeline/split.ts';
import type { DocumentFailure } from '../types.ts';

/** The split flags shared by `fralign split` and `fralign run`. */
export const splitArgs = {
  meta: {
    type: 'string',
    valueHint: 'FILE',
    description: 'Document metadata (source/outlet, title, url, date) as CSV with a header or JSONL, one row per document, keyed by an id or file column (default: none; a .txt article may also have NAME.meta.json beside it)',
  },
} as const;

/** `1 document`, `2 documents`. */
export const plural = (n: number, word: string): string => `${n} ${n === 1 ? word : `${word}s`}`;

export function inputArgs(positionals: readonly unknown[]): string[] {
  const inputs = positionals.map(String).filter((s) => s !== '');
  if (inputs.length === 0) {
    throw new FralignError('USAGE', 'no inputs given; pass article files, folders of *.txt, .jsonl files, or - for JSONL on standard input (e.g. `fralign split seeds`)');
  }
  return inputs;
}

/** One line per failed input on stderr; the manifest keeps the same list. */
export function printFailures(failures: readonly DocumentFailure[]): void {
  for (const failure of failures) console.error(`fralign: ${failure.message}`);
}

export function summariseSplit(counts: SplitCounts, failed: number): string {
  const { body, title, boilerplate } = counts.kinds;
  const failedPart = failed > 0 ? `, ${failed} failed` : '';
  return `${plural(counts.documents, 'document')}${failedPart}, ${plural(counts.segments, 'segment')} (${body} body, ${title} title, ${boilerplate} boilerplate)`;
}
