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
