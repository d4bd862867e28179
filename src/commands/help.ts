// `--help` text: citty's usage block, then examples and exit codes, with colour only on a terminal.
import { stripVTControlCharacters } from 'node:util';
import { renderUsage, type CommandDef } from 'citty';

/** Exit codes, as `fralign --help` lists them (cli.ts exitCodeOf maps error codes onto them). */
export const EXIT_CODES: readonly (readonly [number, string])[] = [
  [0, 'success'],
  [1, 'some documents failed (the others were written; see the manifest) or an output could not be read/written'],
  [2, 'usage error (unknown command or flag, bad value) or the translation model is missing'],
  [130, 'interrupted (Ctrl-C); finished work is saved and a rerun resumes'],
];

/** Commands a user can paste, per subcommand ('' = the top level). */
const EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  '': [
    'fralign run seeds --out out                  # split, translate, align, out/report.html',
    'fralign run corpus.jsonl --no-translate      # French only, no model needed',
    'cat corpus.jsonl | fralign split - --out out # JSONL on standard input',
    'fralign export out --format parquet          # out/export/translation.parquet',
    'fralign inspect out --json - | jq .score     # machine-readable pairs',
  ],
  run: [
    'fralign run seeds --out out',
    'fralign run articles/ --meta outlets.csv --out out   # outlet names for .txt files',
    'fralign run corpus.jsonl --scorer weighted --no-english --out out',
    'FRALIGN_MODELS=/data/models fralign run corpus.jsonl --offline',
  ],
  split: [
    'fralign split seeds --out out',
    'fralign split a.txt b.txt --meta meta.jsonl --out out',
    'zcat corpus.jsonl.gz | fralign split - --out out',
  ],
  translate: ['fralign translate --out out', 'fralign translate --out out --model models/Xenova/opus-mt-fr-en --offline'],
  align: ['fralign align --out out', 'fralign align --out out --scorer weighted --threshold 1.2'],
  inspect: [
    'fralign inspect out --docs 000_lemonde,001_figaro --limit 10',
    'fralign inspect out --facts --min-score 0.6',
    'fralign inspect out --json - > pairs.jsonl',
    'fralign inspect out --html report.html',
  ],
  report: ['fralign report out                 # out/report.html', 'fralign report out --out /tmp/r.html'],
  export: [
    'fralign export out --format hf --out - > train.jsonl',
    'fralign export out --format moses --out corpus   # corpus.fr + corpus.en',
    'fralign export out --format tmx --pairs aligned  # French↔French pairs across outlets',
    'fralign export out --format parquet --out pairs.parquet',
  ],
  'fetch-model': ['fralign fetch-model', 'fralign fetch-model --models-dir /data/models'],
};

/** Colour on a terminal unless NO_COLOR is set; FORCE_COLOR (not "0") forces it on anywhere. */
export function helpUsesColor(isTTY: boolean | undefined, env: Readonly<Record<string, string | undefined>>): boolean {
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY === true && env.TERM !== 'dumb';
}

export async function renderHelp(command: CommandDef, parent: CommandDef | undefined, name: string, color: boolean): Promise<string> {
  const usage = await renderUsage(command, parent);
  const examples = EXAMPLES[name] ?? [];
  const lines = [usage.trimEnd(), ''];
  if (examples.length > 0) lines.push('EXAMPLES', '', ...examples.map((example) => `  ${example}`), '');
  lines.push('EXIT CODES', '', ...EXIT_CODES.map(([code, meaning]) => `  ${String(code).padEnd(4)}${meaning}`), '');
  const text = `${lines.join('\n')}\n`;
  return color ? text : stripVTControlCharacters(text);
}
