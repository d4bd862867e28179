// `fralign inspect DIR --html FILE`: the report page (see src/report/): outlets by name, facts with
// word diffs, click-to-context, search and filters, similarity maps. Pure; writeReport does the I/O.
import { renderReport, type ReportOptions } from '../report/page.ts';
import type { RunOutputs } from './outputs.ts';

export type HtmlOptions = ReportOptions;
export { writeReport, type WrittenReport } from '../report/page.ts';

/** Renders the whole report as one page string (every story in it). `docs` picks the versions; `minScore` the kept pairs. */
export function renderHtml(outputs: RunOutputs, options: HtmlOptions = {}): string {
  return renderReport(outputs, options);
}
