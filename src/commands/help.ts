// `--help` text: usage, arguments, options, subcommands, examples and exit codes, wrapped to the
// terminal's width (string-width counts wide and combining characters as a terminal shows them), with
// colour only when helpUsesColor says so (citty's own renderer decides colour once, at import).
import type { ArgDef, CommandDef, Resolvable } from 'citty';
import picocolors from 'picocolors';
import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';

type Colors = ReturnType<typeof picocolors.createColors>;

/** Exit codes, as `fralign --help` lists them (cli.ts exitCodeOf maps error codes onto them). */
export const EXIT_CODES: readonly (readonly [number, string])[] = [
  [0, 'success'],
  [1, 'some documents failed (the others were written; see the manifest) or an output could not be read/written'],
  [2, 'usage error (unknown command or flag, bad value) or the translation model is missing'],
  [130, 'interrupted (Ctrl-C); finished work is saved and a rerun resumes'],
];

/**
 * Commands a user can paste, per subcommand ('' = the top level). test/cli-help-examples.test.ts runs
 * every one of them, in order, in a folder holding the files they name (seeds/, corpus.jsonl…).
 */
export const EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  '': [
    'fralign run seeds --out out                  # split, translate, align, out/report.html',
    'fralign inspect out --json - | jq .score     # machine-readable pairs',
    'fralign export out --format parquet          # out/export/translation.parquet',
    'fralign run corpus.jsonl --no-translate --out fr  # French only, no model needed',
    'cat corpus.jsonl | fralign split - --out fr  # JSONL on standard input',
  ],
  run: [
    'fralign run seeds --out out',
    'fralign run articles/ --meta outlets.csv --out out   # outlet names for .txt files',
    'fralign run seeds --no-english --threshold 1.2 --out out',
    'FRALIGN_MODELS=/data/models fralign run corpus.jsonl --offline --out out',
  ],
  split: [
    'fralign split seeds --out out',
    'fralign split a.txt b.txt --meta meta.jsonl --out out',
    'zcat corpus.jsonl.gz | fralign split - --out out',
  ],
  translate: ['fralign translate out', 'fralign translate out --model models/Xenova/opus-mt-fr-en --offline'],
  'translate-text': [
    'echo "La Russie achète des obus." | fralign translate-text --model test/fixtures/models/tiny-marian  # in a clone: the test model',
    'fralign translate-text article.txt --offline > article.en.txt   # one English line per French line',
    "jq -c '{id, fr: .text}' corpus.jsonl | fralign translate-text --jsonl | jq -r .en",
    'fralign translate-text --cache-dir ~/.cache/fralign < notes.txt  # reuse translations across calls',
  ],
  stories: ['fralign stories out', 'fralign stories out --stories one   # every document a version of one story'],
  align: ['fralign align out', 'fralign align out --threshold 1.2 --no-merge'],
  inspect: [
    'fralign inspect out --docs "Le Monde,Le Figaro" --limit 10',
    'fralign inspect out --story s1 --facts --min-score 0.6',
    'fralign inspect out --json - > pairs.jsonl',
    'fralign inspect out --html report.html',
  ],
  report: ['fralign report out                 # out/report.html', 'fralign report out --out ~/report.html'],
  export: [
    'fralign export out --format hf --out - > train.jsonl',
    'fralign export out --format moses --out corpus   # corpus.fr + corpus.en',
    'fralign export out --format tmx --pairs aligned  # French↔French pairs across outlets',
    'fralign export out --format parquet --out pairs.parquet',
    'fralign export out --format parquet --table sentences   # out/export/sentences.parquet, fixed types',
  ],
  'fetch-model': ['fralign fetch-model', 'fralign fetch-model --models-dir models'],
};

/** Colour on a terminal unless NO_COLOR is set; FORCE_COLOR (not "0") forces it on anywhere. */
export function helpUsesColor(isTTY: boolean | undefined, env: Readonly<Record<string, string | undefined>>): boolean {
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY === true && env.TERM !== 'dumb';
}

const resolve = async <T>(value: Resolvable<T> | undefined): Promise<T | undefined> =>
  typeof value === 'function' ? await (value as () => T | Promise<T>)() : await value;

export interface HelpOptions {
  /** The command's name as typed ('' for the top level). */
  readonly name: string;
  readonly color: boolean;
  /** Terminal columns to wrap to (default 100). */
  readonly width?: number;
}

export async function renderHelp(command: CommandDef, options: HelpOptions): Promise<string> {
  const c = picocolors.createColors(options.color);
  const width = Math.max(60, options.width ?? 100);
  const meta = (await resolve(command.meta)) ?? {};
  const args = Object.entries(((await resolve(command.args)) ?? {}) as Record<string, ArgDef>);
  const subCommands = Object.entries(((await resolve(command.subCommands)) ?? {}) as Record<string, Resolvable<CommandDef>>);
  const full = options.name === '' ? 'fralign' : `fralign ${options.name}`;
  const positionals = args.filter(([, def]) => def.type === 'positional');
  const flags = args.filter(([, def]) => def.type !== 'positional');

  const out: string[] = [...wrap(meta.description ?? '', width), ''];
  const usage = [full, '[OPTIONS]', ...positionals.map(([n, def]) => (def.required === false ? `[${n.toUpperCase()}...]` : `<${n.toUpperCase()}>`)), subCommands.length > 0 ? '<COMMAND>' : '']
    .filter(Boolean)
    .join(' ');
  out.push(`${heading('USAGE', c)}  ${c.cyan(usage)}`, '');
  if (positionals.length > 0) out.push(heading('ARGUMENTS', c), '', ...table(positionals.map(([n, def]) => [n.toUpperCase(), describe(def)]), width, c), '');
  const always: [string, string][] = [['-h, --help', 'Show this help (also `fralign help [COMMAND]`)']];
  if (options.name === '') always.push(['-V, --version', 'Print the version and exit']);
  out.push(heading('OPTIONS', c), '', ...table([...flags.flatMap(([n, def]) => flagRows(n, def)), ...always], width, c), '');
  if (subCommands.length > 0) {
    const rows: [string, string][] = [];
    for (const [sub, loader] of subCommands) rows.push([sub, (await resolve((await resolve(loader))?.meta))?.description ?? '']);
    out.push(heading('COMMANDS', c), '', ...table(rows, width, c), '', `Run ${c.cyan('fralign <command> --help')} (or ${c.cyan('fralign help <command>')}) for a command's options.`, '');
  }
  const examples = EXAMPLES[options.name] ?? [];
  if (examples.length > 0) out.push(heading('EXAMPLES', c), '', ...examples.map((example) => `  ${example}`), '');
  out.push(heading('EXIT CODES', c), '', ...table(EXIT_CODES.map(([code, meaning]) => [String(code), meaning]), width, c), '');
  return `${out.join('\n')}\n`;
}

const heading = (text: string, c: Colors): string => c.underline(c.bold(text));

function describe(def: ArgDef): string {
  const parts = [def.description ?? ''];
  if ('required' in def && def.required === true) parts.push('(required)');
  if ('default' in def && def.default !== undefined && def.type !== 'boolean') parts.push(`(default: ${String(def.default)})`);
  return parts.filter(Boolean).join(' ');
}

function flagRows(name: string, def: ArgDef): [string, string][] {
  const aliases = 'alias' in def && def.alias !== undefined ? (Array.isArray(def.alias) ? def.alias : [def.alias]) : [];
  const hint = def.type === 'boolean' ? '' : `=<${('valueHint' in def && def.valueHint) || name.toUpperCase()}>`;
  const rows: [string, string][] = [[[...aliases.map((a) => `-${a}`), `--${name}`].join(', ') + hint, describe(def)]];
  if (def.type === 'boolean' && def.default === true) rows.push([`--no-${name}`, `Turn --${name} off (it is on by default)`]);
  return rows;
}

/** Two columns: names padded to the widest (at most 34), descriptions wrapped beside them. */
function table(rows: readonly (readonly [string, string])[], width: number, c: Colors): string[] {
  const left = Math.min(34, Math.max(...rows.map(([name]) => stringWidth(name))));
  const right = Math.max(20, width - left - 6);
  return rows.flatMap(([name, text]) => {
    const [first = '', ...rest] = wrap(text, right);
    const pad = stringWidth(name) > left ? `\n${' '.repeat(left + 6)}` : ' '.repeat(left - stringWidth(name) + 4);
    return [`  ${c.cyan(name)}${pad}${first}`, ...rest.map((line) => `${' '.repeat(left + 6)}${line}`)];
  });
}

function wrap(text: string, width: number): string[] {
  return wrapAnsi(text, width, { hard: true, trim: true }).split('\n');
}
