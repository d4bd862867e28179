import path from 'node:path';

/** The files a run writes into its output folder. */
export const OUTPUT_FILES = {
  sentences: 'sentences.jsonl',
  alignments: 'alignments.jsonl',
  groups: 'groups.jsonl',
  manifest: 'manifest.json',
  report: 'report.html',
} as const;

export type OutputFile = keyof typeof OUTPUT_FILES;

export function outputPath(outDir: string, file: OutputFile): string {
  return path.join(outDir, OUTPUT_FILES[file]);
}

/**
 * Names at the top of a run folder that hold run data (read by later stages and commands): a file
 * the user names for a report or export must never be one of them (src/output/user-output.ts).
 */
export const RUN_DATA: readonly string[] = [
  'sentences.jsonl',
  'alignments.jsonl',
  'groups.jsonl',
  'stories.jsonl',
  'manifest.json',
  '.fralign.lock',
  '.cache',
];
