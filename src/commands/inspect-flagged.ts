// `fralign inspect DIR --flagged`: reads only DIR/sentences.jsonl (a translated run need not be
// aligned yet) and lists the flagged sentences in the terminal or as JSON lines.
import { flaggedSegments, parseFlagList, renderFlagged } from '../inspect/flagged.ts';
import { selectDocs } from '../inspect/outputs.ts';
import { jsonLines, outputPath, readJsonlFile, writeChunks, writeUserOutput } from '../output/index.ts';
import { segmentRecords } from '../output/records.ts';
import type { Segment } from '../types.ts';
import { writeStdout } from './stdout.ts';

export interface ShowFlaggedOptions {
  readonly docs?: readonly string[] | undefined;
  readonly flags?: string | undefined;
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
  /** A --json target ('-' = stdout), already checked by the caller. */
  readonly json?: string | undefined;
  readonly color: boolean;
  readonly width: number;
}

/** --docs as elsewhere in inspect (selectDocs: outlet names, ids or unique prefixes). */
function resolveDocs(segments: readonly Segment[], docs: readonly string[], dir: string): Set<string> {
  return new Set(selectDocs({ dir, sentences: segments, alignments: [], groups: [] }, docs));
}

export async function showFlagged(dir: string, options: ShowFlaggedOptions): Promise<void> {
  const flags = options.flags === undefined ? undefined : parseFlagList(options.flags);
  const all = await readJsonlFile<Segment>(outputPath(dir, 'sentences'), `run \`fralign split <articles> --out ${dir}\` and \`fralign translate ${dir}\` first`);
  const docs = options.docs ? resolveDocs(all, options.docs, dir) : undefined;
  const considered = docs ? all.filter((s) => docs.has(s.doc)) : all;
  const matched = flaggedSegments(considered, flags);
  const offset = options.offset ?? 0;
  const shown = matched.slice(offset, options.limit === undefined ? undefined : offset + options.limit);
  if (options.json !== undefined) {
    const lines = jsonLines([...segmentRecords(shown)]);
    if (options.json === '-') {
      await writeStdout(lines);
      return;
    }
    await writeUserOutput(options.json, { flag: '--json', runDir: dir }, (out) => writeChunks(out, lines));
    return;
  }
  const translated = considered.some((s) => s.en !== undefined || (s.en_flags ?? []).length > 0);
  if (!translated) {
    process.stderr.write(`fralign: ${outputPath(dir, 'sentences')} has no translations yet, so nothing is flagged; run \`fralign translate ${dir}\`\n`);
  }
  const text = [...renderFlagged(shown, matched, { color: options.color, width: options.width, considered: considered.length })];
  await writeStdout(text);
}
