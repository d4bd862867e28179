// The report stage: the run folder's JSONL files → DIR/report.html (+ DIR/report-stories/ for a run
// of many stories), read story by story from the files (src/report/run-files.ts), never the whole
// run in memory.
import { markOutputsStale, outputPath, updateManifest } from '../output/index.ts';
import { writeReportFrom } from '../report/page.ts';
import { runFilesSource } from '../report/run-files.ts';

export interface ReportStageResult {
  readonly file: string;
  readonly bytes: number;
  readonly ms: number;
}

export async function runReportStage(outDir: string): Promise<ReportStageResult> {
  const started = performance.now();
  const source = await runFilesSource(outDir);
  const file = outputPath(outDir, 'report');
  await markOutputsStale(outDir, 'report');
  const { bytes } = await writeReportFrom(source, file);
  const ms = Math.round(performance.now() - started);
  await updateManifest(outDir, { stages: { report: { status: 'done', ms, counts: { bytes } } } });
  return { file, bytes, ms };
}
