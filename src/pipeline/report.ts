// The report stage: the run folder's JSONL files → one self-contained DIR/report.html.
import { buildReport, loadRunOutputs } from '../inspect/load.ts';
import { renderHtml } from '../inspect/html.ts';
import { markOutputsStale, outputPath, updateManifest, writeFileAtomic } from '../output/index.ts';

export interface ReportStageResult {
  readonly file: string;
  readonly bytes: number;
  readonly ms: number;
}

export async function runReportStage(outDir: string): Promise<ReportStageResult> {
  const started = performance.now();
  const outputs = await loadRunOutputs(outDir);
  const page = buildReport(() => renderHtml(outputs), outputs);
  const file = outputPath(outDir, 'report');
  await markOutputsStale(outDir, 'report');
  await writeFileAtomic(file, page);
  const ms = Math.round(performance.now() - started);
  const bytes = Buffer.byteLength(page);
  await updateManifest(outDir, { stages: { report: { status: 'done', ms, counts: { bytes } } } });
  return { file, bytes, ms };
}
