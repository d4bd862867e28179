// `fralign inspect DIR`: aligned sentences side by side in the terminal, or `--html FILE` for a report page.
import { defineCommand } from 'citty';
import { FralignError } from '../errors.ts';
import { renderHtml, writeReport } from '../inspect/html.ts';
import { folderArg } from './contract.ts';
import { checkUserOutput, openRunFolder, jsonLines, resolveUserOutput, writeChunks as writeOutput, writeUserOutput } from '../output/index.ts';
import { groupRecords, pairRecords } from '../output/records.ts';
import { buildReport, loadRunOutputs } from '../inspect/load.ts';
import { selectDocs, selectGroups, selectPairs } from '../inspect/outputs.ts';
import { renderTerminalChunks, shouldUseColor, terminalColumns } from '../inspect/terminal.ts';
import { showFlagged } from './inspect-flagged.ts';

export default defineCommand({
  meta: {
    name: 'inspect',
    description: 'Show aligned sentences side by side (terminal), or write a self-contained HTML report (--html).',
  },
  args: {
    dir: { type: 'positional', required: true, description: 'Run folder with sentences.jsonl, alignments.jsonl, groups.jsonl' },
    docs: {
      type: 'string',
      valueHint: 'A,B',
      description: 'Documents by outlet name (as in the report), id or unique id prefix: one = its pairs with any other; several = pairs among them; with --html, the columns (default: all)',
    },
    story: { type: 'string', valueHint: 'ID', description: 'Only this story (an id from stories.jsonl, e.g. s3; the report lists them) (default: all stories)' },
    'min-score': {
      type: 'string',
      valueHint: 'X',
      description: 'Only pairs scoring at least X (with --facts: groups; with --html: heat-map cells) (default: no minimum)',
    },
    limit: { type: 'string', valueHint: 'N', description: 'Show at most N pairs or facts in the terminal (default: all)' },
    offset: { type: 'string', valueHint: 'N', description: 'Skip the first N matching pairs or facts: with --limit, one page of a large run (default: 0)' },
    facts: { type: 'boolean', description: 'Terminal: one block per fact group instead of per pair (default: false)' },
    width: { type: 'string', valueHint: 'COLUMNS', description: 'Terminal width in columns (default: $COLUMNS, else the terminal, else 100)' },
    html: { type: 'string', valueHint: 'FILE', description: 'Write the HTML report to FILE instead of printing (- for standard output)' },
    json: {
      type: 'string',
      valueHint: 'FILE',
      description: 'Write the selected pairs (with --facts: fact groups; with --flagged: sentences) as JSON lines, every field present, to FILE (- for standard output)',
    },
    flagged: {
      type: 'boolean',
      description: 'List the sentences whose translation is flagged (number, name, untranslated, length-ratio, repeat, length-cap, source-en, source-other: docs/translation.md); needs only sentences.jsonl',
    },
    flags: { type: 'string', valueHint: 'A,B', description: 'With --flagged (implied): only these flags, e.g. number,name (default: all but split)' },
  },
  async run({ args }) {
    const docs = args.docs === undefined ? undefined : parseDocList(args.docs);
    const story = args.story === undefined ? undefined : parseStory(args.story);
    const minScore = args['min-score'] === undefined ? undefined : parseNumber(args['min-score'], '--min-score');
    const limit = args.limit === undefined ? undefined : parseCount(args.limit, '--limit');
    const width = args.width === undefined ? undefined : parseCount(args.width, '--width');
    const offset = args.offset === undefined ? undefined : parseCount(args.offset, '--offset', 0);
    const dir = folderArg(args.dir, 'DIR');
    if (args.json !== undefined && args.html !== undefined) throw new FralignError('USAGE', '--json and --html each write the output; give one of them');
    if (args.html !== undefined) checkHtmlTarget(args.html, dir);
    const json = args.json;
    if (json !== undefined) checkUserOutput(json, { flag: '--json', runDir: dir });
    await openRunFolder(dir, { create: false, mode: 'read' });
    if (args.flagged || args.flags !== undefined) {
      if (args.html !== undefined || args.facts) throw new FralignError('USAGE', '--flagged lists sentences: it goes with --docs, --limit, --offset, --json and --width, not --html or --facts');
      if (story !== undefined) throw new FralignError('USAGE', '--flagged lists sentences by document: use --docs (outlet names or ids), not --story');
      const color = shouldUseColor(process.stdout.isTTY, process.env);
      await showFlagged(dir, { docs, flags: args.flags, limit, offset, json, color, width: width ?? terminalColumns(process.stdout.columns, process.env) });
      return 0;
    }
    const outputs = await loadRunOutputs(dir);

    if (json !== undefined) {
      const shownDocs = selectDocs(outputs, docs, story);
      const records = args.facts
        ? [...groupRecords(selectGroups(outputs, shownDocs), outputs.sentences)].filter((g) => minScore === undefined || g.score >= minScore)
        : [...pairRecords(selectPairs(outputs, { docs, story, minScore }), outputs.sentences)];
      const lines = jsonLines(records.slice(0, limit ?? records.length));
      await writeUserOutput(json, { flag: '--json', runDir: dir }, (out) => writeOutput(out, lines));
      return 0;
    }

    if (args.html !== undefined) {
      const target = resolveUserOutput(args.html, { flag: '--html', runDir: dir });
      if (target.kind !== 'file') {
        // Standard output, a device or a FIFO: one page, streamed (story pages need a folder beside a file).
        const page = buildReport(() => renderHtml(outputs, { docs, story, minScore }), outputs);
        await writeUserOutput(args.html, { flag: '--html', runDir: dir }, (out) => writeOutput(out, page));
        return 0;
      }
      // A symlink is written through: the report (and its story folder) goes beside the link's target.
      const written = await writeReport(outputs, target.path, { docs, story, minScore });
      const pages = written.files.length > 1 ? `index + ${written.files.length - 1} story pages` : 'one page';
      const stories = written.stories > 1 ? `${written.stories} stories (${pages}), ` : '';
      console.error(
        `inspect: wrote ${args.html}: ${stories}${written.versions} versions, ${written.facts} facts, ` +
          `${written.pairs} aligned pairs, ${Math.round(written.bytes / 1024)} KiB`,
      );
      return 0;
    }

    const color = shouldUseColor(process.stdout.isTTY, process.env);
    await writeChunks(
      renderTerminalChunks(outputs, {
        docs,
        story,
        minScore,
        limit,
        offset,
        color,
        width: width ?? terminalColumns(process.stdout.columns, process.env),
        view: args.facts ? 'facts' : 'pairs',
      }),
    );
    return 0;
  },
});

function parseDocList(value: string): string[] {
  const ids = value.split(',').map((id) => id.trim()).filter((id) => id !== '');
  if (ids.length === 0) throw new FralignError('USAGE', `--docs: expected comma-separated outlet names or document ids, got "${value}"`);
  return ids;
}

function parseStory(value: string): string {
  if (value.trim() === '') throw new FralignError('USAGE', '--story: expected a story id such as s1 (stories.jsonl lists them)');
  return value.trim();
}

function parseNumber(value: string, flag: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number)) {
    throw new FralignError('USAGE', `${flag}: expected a number such as 0.5, got "${value}"`);
  }
  return number;
}

function parseCount(value: string, flag: string, min = 1): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < min) {
    throw new FralignError('USAGE', `${flag}: expected a ${min === 0 ? 'non-negative' : 'positive'} whole number, got "${value}"`);
  }
  return Number(value);
}

/** --html names the page to write: refuse '' (the current folder), a regular file not named .html, and the run's data (the output policy). */
function checkHtmlTarget(target: string, dir: string): void {
  if (target.trim() === '') throw new FralignError('USAGE', "--html '': expected a file name such as report.html");
  const resolved = resolveUserOutput(target, { flag: '--html', runDir: dir });
  if (resolved.kind === 'file' && !/\.html?$/i.test(target)) {
    throw new FralignError('USAGE', `--html ${target}: expected a file name ending in .html (refusing to overwrite what may be data)`);
  }
}

/** Writes chunks to stdout as they are made, waiting when the pipe is full (bounded memory); stops quietly when the reader goes away (| head). */
async function writeChunks(chunks: Iterable<string>): Promise<void> {
  let closed = false;
  const onError = (error: NodeJS.ErrnoException): void => {
    if (error.code === 'EPIPE') closed = true;
  };
  process.stdout.on('error', onError);
  try {
    for (const chunk of chunks) {
      if (closed) return;
      if (!process.stdout.write(chunk)) await new Promise<void>((resolve) => process.stdout.once('drain', resolve).once('close', resolve));
    }
  } finally {
    process.stdout.off('error', onError);
  }
}
