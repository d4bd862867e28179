// Bits every command shares: positional inputs, failure lines, summary wording.
import { FralignError, printable } from '../errors.ts';
import type { SplitCounts } from '../pipeline/split.ts';
import type { DocumentFailure } from '../types.ts';

export function inputArgs(positionals: readonly unknown[]): string[] {
  const inputs = positionals.map(String).filter((s) => s !== '');
  if (inputs.length === 0) {
    throw new FralignError('USAGE', 'no inputs given; pass article files, folders of *.txt, or .jsonl files (e.g. `fralign split seeds`)');
  }
  return inputs;
}

/** One line per failed input on stderr; the manifest keeps the same list. */
export function printFailures(failures: readonly DocumentFailure[]): void {
  for (const failure of failures) console.error(`fralign: ${printable(failure.message)}`);
}

export function summariseSplit(counts: SplitCounts, failed: number): string {
  const { body, title, boilerplate } = counts.kinds;
  const failedPart = failed > 0 ? `, ${failed} failed` : '';
  return `${counts.documents} documents${failedPart}, ${counts.segments} segments (${body} body, ${title} title, ${boilerplate} boilerplate)`;
}
