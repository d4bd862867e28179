// Bits every command shares: positional inputs, failure lines, summary wording.
import os from 'node:os';
import { FralignError, printable } from '../errors.ts';
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
  for (const failure of failures) console.error(`fralign: ${printable(failure.message)}`);
}

export function summariseSplit(counts: SplitCounts, failed: number): string {
  const { body, title, boilerplate } = counts.kinds;
  const failedPart = failed > 0 ? `, ${failed} failed` : '';
  // Languages other than French (src/lang/detect.ts): said only when there are some.
  const list = (counts: Readonly<Record<string, number>>): string => Object.entries(counts).map(([lang, n]) => `${lang} ${n}`).join(', ');
  const others = counts.segment_languages ?? {};
  const otherSegments = Object.values(others).reduce((a, b) => a + b, 0);
  const otherDocs = Object.fromEntries(Object.entries(counts.languages ?? {}).filter(([lang]) => lang !== 'fr'));
  const otherDocCount = Object.values(otherDocs).reduce((a, b) => a + b, 0);
  const languages =
    otherSegments === 0 ? '' : `; not French: ${plural(otherSegments, 'segment')} (${list(others)})${otherDocCount > 0 ? `, ${plural(otherDocCount, 'document')} (${list(otherDocs)})` : ''}`;
  return `${plural(counts.documents, 'document')}${failedPart}, ${plural(counts.segments, 'segment')} (${body} body, ${title} title, ${boilerplate} boilerplate)${languages}`;
}

/** What the caps below are computed from (the machine's, unless a test says otherwise). */
export interface MachineResources {
  readonly cores: number;
  readonly memoryBytes: number;
}

export function machineResources(): MachineResources {
  return { cores: os.availableParallelism(), memoryBytes: os.totalmem() };
}

/**
 * Memory one more decode worker needs: its own decoder session. Measured with the default
 * opus-mt-fr-en model: 2 workers peak at 1.85 GB, 1 worker at 1.3 GB (bench/RESULTS-translate.md).
 */
export const WORKER_MEMORY_BYTES = 0.6 * 2 ** 30;

const gib = (bytes: number): string => (bytes / 2 ** 30).toFixed(1);

/**
 * --concurrency: at most one decode worker per core, and no more workers than memory holds
 * (each one past the first costs WORKER_MEMORY_BYTES). More would only thrash: 1000 workers grew
 * to 7.2 GB in 70 s with the tiny test model.
 */
export function capConcurrency(value: number | undefined, machine: MachineResources = machineResources()): number | undefined {
  if (value === undefined) return undefined;
  const byMemory = Math.max(1, Math.floor(machine.memoryBytes / WORKER_MEMORY_BYTES) - 1);
  const max = Math.max(1, Math.min(machine.cores, byMemory));
  if (value > max) {
    throw new FralignError(
      'USAGE',
      `--concurrency ${value}: at most ${max} on this machine (${machine.cores} cores, ${gib(machine.memoryBytes)} GiB memory; ` +
        `each decode worker uses a core and holds its own decoder, ~${gib(WORKER_MEMORY_BYTES)} GiB with the default model)`,
    );
  }
  return value;
}

/** --threads: onnxruntime threads per session; more than the cores only adds contention. */
export function capThreads(value: number | undefined, machine: MachineResources = machineResources()): number | undefined {
  if (value === undefined) return undefined;
  if (value > machine.cores) {
    throw new FralignError('USAGE', `--threads ${value}: at most ${machine.cores} on this machine (its number of cores)`);
  }
  return value;
}
