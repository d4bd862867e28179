// `fralign inspect DIR`: aligned sentences side by side in the terminal, or `--html FILE` for a report page.
import { defineCommand } from 'citty';
import { FralignError } from '../errors.ts';
import { writeReport } from '../inspect/html.ts';
import { loadRunOutputs } from '../inspect/load.ts';
import { renderTerminal, shouldUseColor } from '../inspect/terminal.ts';

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
      description: 'Document ids or unique prefixes: one = its pairs with any other; several = pairs among them; with --html, the columns (default: all)',
    },
    'min-score': {
      type: 'string',
      valueHint: 'X',
      description: 'Only pairs scoring at least X (with --facts: groups; with --html: heat-map cells) (default: no minimum)',
    },
    limit: { type: 'string', valueHint: 'N', description: 'Show at most N pairs or facts in the terminal (default: all)' },
    facts: { type: 'boolean', description: 'Terminal: one block per fact group instead of per pair (default: false)' },
    width: { type: 'string', valueHint: 'COLUMNS', description: 'Terminal width in columns (default: the terminal, else 100)' },
    html: { type: 'string', valueHint: 'FILE', description: 'Write the HTML report to FILE instead of printing' },
  },
  async run({ args }) {
    const docs = args.docs === undefined ? undefined : parseDocList(args.docs);
    const minScore = args['min-score'] === undefined ? undefined : parseNumber(args['min-score'], '--min-score');
    const limit = args.limit === undefined ? undefined : parseCount(args.limit, '--limit');
    const width = args.width === undefined ? undefined : parseCount(args.width, '--width');
    const outputs = await loadRunOutputs(args.dir);

    if (args.html !== undefined) {
      const written = await writeReport(outputs, args.html, { docs, minScore });
      const pages = written.files.length > 1 ? `index + ${written.files.length - 1} story pages` : 'one page';
      const stories = written.stories > 1 ? `${written.stories} stories (${pages}), ` : '';
      console.log(
        `wrote ${args.html}: ${stories}${written.versions} versions, ${written.facts} facts, ` +
          `${written.pairs} aligned pairs, ${Math.round(written.bytes / 1024)} KiB`,
      );
      return 0;
    }

    const color = shouldUseColor(process.stdout.isTTY, process.env);
    process.stdout.write(
      renderTerminal(outputs, {
        docs,
        minScore,
        limit,
        color,
        width: width ?? process.stdout.columns ?? 100,
        view: args.facts ? 'facts' : 'pairs',
      }),
    );
    return 0;
  },
});

function parseDocList(value: string): string[] {
  const ids = value.split(',').map((id) => id.trim()).filter((id) => id !== '');
  if (ids.length === 0) throw new FralignError('USAGE', `--docs: expected comma-separated document ids, got "${value}"`);
  return ids;
}

function parseNumber(value: string, flag: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number)) {
    throw new FralignError('USAGE', `${flag}: expected a number such as 0.5, got "${value}"`);
  }
  return number;
}

function parseCount(value: string, flag: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) {
    throw new FralignError('USAGE', `${flag}: expected a positive whole number, got "${value}"`);
  }
  return Number(value);
}
