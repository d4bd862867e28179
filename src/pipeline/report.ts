// The report stage: the run folder's JSONL files → DIR/report.html, written in chunks.
import { loadRunOutputs } from '../inspect/load.ts';
import { writeReport } from '../inspect/html.ts';
import { markOutputsStale, outputPath, updateManifest } from '../output/index.ts';

export interface ReportStageResult {
  readonly file: string;
  readonly bytes: number;
  readonly ms: number;
}

export async function runReportStage(outDir: string): Promise<ReportStageResult> {
  const started = performance.now();
  const outputs = await loadRunOutputs(outDir);
  const file = outputPath(outDir, 'report');
  await markOutputsStale(outDir, 'report');
  const { bytes } = await writeReport(outputs, file);
  const ms = Math.round(performance.now() - started);
  await updateManifest(outDir, { stages: { report: { status: 'done', ms, counts: { bytes } } } });
  return { file, bytes, ms };
}
