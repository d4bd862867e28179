// The command-line contract every command follows, in one place (cli.ts calls parseCommandArgs for
// every subcommand; the commands call runDirArg / folderOutArg / fileOutArg for their paths):
// - an argument a command does not take (unknown flag, extra or missing positional, flag without
//   its value, a value given twice) is a usage error before anything runs, never ignored;
// - a run folder is the positional DIR everywhere it is read (`--out DIR` kept as an alias where
//   scripts used it); commands that create one from inputs (run, split, merge) take `--out DIR`;
// - `-` means standard output only where a single file is written (--json, --html, report/export --out);
//   a folder can never be `-`.
// Parsing is node:util parseArgs (strict, with --no-FLAG for booleans), driven by each command's
// citty argument table, which also drives `--help` (help.ts).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { ArgDef } from 'citty';
import { FralignError } from '../errors.ts';

export type ArgTable = Readonly<Record<string, ArgDef>>;

/** What a command's run() receives: flag values by name, positionals by name, and all positionals in `_`. */
export type ParsedArgs = Record<string, string | boolean | string[] | undefined> & { _: string[] };

/** A positional whose valueHint ends in "..." takes any number of values (run's INPUTS..., merge's DIR...). */
const isVariadic = (def: ArgDef): boolean => 'valueHint' in def && typeof def.valueHint === 'string' && def.valueHint.endsWith('...');

const aliasesOf = (def: ArgDef): string[] => {
  const alias = 'alias' in def ? (def.alias as string | string[] | undefined) : undefined;
  return alias === undefined ? [] : Array.isArray(alias) ? alias : [alias];
};

const flagList = (table: ArgTable): string =>
  Object.entries(table)
    .filter(([, def]) => def.type !== 'positional')
    .map(([name]) => `--${name}`)
    .join(', ');

/**
 * Parses `rawArgs` (what follows the command's name) against the command's argument table, or
 * throws USAGE naming the argument and what the command takes. Defaults from the table are filled in.
 */
export function parseCommandArgs(command: string, table: ArgTable, rawArgs: readonly string[]): ParsedArgs {
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const [name, def] of Object.entries(table)) {
    if (def.type === 'positional') continue;
    const short = aliasesOf(def).find((alias) => alias.length === 1);
    options[name] = { type: def.type === 'boolean' ? 'boolean' : 'string', ...(short ? { short } : {}) };
  }
  let parsed;
  try {
    parsed = parseArgs({ args: joinNegativeValues(rawArgs, options), options, strict: true, allowPositionals: true, allowNegative: true, tokens: true });
  } catch (error) {
    throw usageFromParseError(command, table, error);
  }
  const seen = new Map<string, string>();
  for (const token of parsed.tokens ?? []) {
    if (token.kind !== 'option') continue;
    const def = table[token.name];
    if (def?.type !== 'boolean' && token.rawName.startsWith('--no-')) {
      throw new FralignError('USAGE', `${command}: unknown option ${token.rawName}; expected one of: ${flagList(table)}`);
    }
    if (def?.type === 'boolean' && token.inlineValue) {
      throw new FralignError('USAGE', `${command}: ${token.rawName} takes no value (got "${token.value ?? ''}"); use --${token.name} or --no-${token.name}`);
    }
    const before = seen.get(token.name);
    if (before !== undefined) {
      throw new FralignError('USAGE', `${command}: ${token.rawName} given twice (also as ${before}); give it once`);
    }
    seen.set(token.name, token.rawName);
  }

  const positionalDefs = Object.entries(table).filter(([, def]) => def.type === 'positional');
  const positionals = parsed.positionals;
  const variadic = positionalDefs.some(([, def]) => isVariadic(def));
  if (!variadic && positionals.length > positionalDefs.length) {
    const extra = positionals.slice(positionalDefs.length);
    const takes = positionalDefs.length === 0 ? 'takes no positional arguments' : `takes ${positionalDefs.map(([n]) => n.toUpperCase()).join(' ')} only`;
    throw new FralignError('USAGE', `${command}: unexpected argument "${extra[0]}" (${takes}; options start with --)`);
  }

  const args: ParsedArgs = { _: [...positionals] };
  positionalDefs.forEach(([name, def], i) => {
    const value = positionals[i];
    if (value === undefined && def.required === true) {
      throw new FralignError('USAGE', `${command}: missing ${name.toUpperCase()} (${def.description ?? 'see --help'})`);
    }
    args[name] = value;
  });
  for (const [name, def] of Object.entries(table)) {
    if (def.type === 'positional') continue;
    const value = (parsed.values as Record<string, string | boolean | undefined>)[name];
    if (value !== undefined) args[name] = value;
    else if ('default' in def && def.default !== undefined) args[name] = def.default as string | boolean;
    else if (def.required === true) throw new FralignError('USAGE', `${command}: --${name} is required (${def.description ?? 'see --help'})`);
  }
  return args;
}

/** `--min-score -0.5`: a negative number after a flag that takes a value is that value (parseArgs would call it ambiguous). */
function joinNegativeValues(rawArgs: readonly string[], options: NonNullable<ParseArgsConfig['options']>): string[] {
  const out: string[] = [];
  for (let i = 0; i < rawArgs.length; i++) {
    const arg = rawArgs[i]!;
    const next = rawArgs[i + 1];
    if (arg === '--') return [...out, ...rawArgs.slice(i)];
    const name = arg.startsWith('--') ? arg.slice(2) : Object.entries(options).find(([, o]) => `-${o.short}` === arg)?.[0];
    if (name !== undefined && options[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`--${name}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

function usageFromParseError(command: string, table: ArgTable, error: unknown): FralignError {
  const code = (error as NodeJS.ErrnoException).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const option = /'([^']+)'/.exec(message)?.[1] ?? message;
    return new FralignError('USAGE', `${command}: unknown option ${option.replace(/=.*$/, '')}; expected one of: ${flagList(table)}`);
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const option = /--[\w-]+/.exec(message)?.[0] ?? /'(-[^ ',]+)/.exec(message)?.[1] ?? '';
    if (/argument missing/.test(message)) return new FralignError('USAGE', `${command}: ${option} expects a value (${option} VALUE)`);
    if (/ambiguous/.test(message)) return new FralignError('USAGE', `${command}: ${option} is followed by an option, not a value; write ${option}=VALUE for a value starting with -`);
    if (/does not take an argument/.test(message)) return new FralignError('USAGE', `${command}: ${option} takes no value`);
  }
  return new FralignError('USAGE', `${command}: ${message}`);
}

/** `--out DIR` on align, stories and translate: the same as the positional DIR, kept for older scripts. */
export const runDirAlias = {
  out: { type: 'string', valueHint: 'DIR', description: 'Same as DIR (kept for scripts written before DIR was positional)', alias: 'o' },
} as const;

/**
 * The run folder a command reads: its positional DIR, or `--out DIR` where that alias exists. Both
 * naming different folders, neither given, `-` or '' are usage errors: a command never falls back
 * to ./out behind the user's back.
 */
export function runDirArg(command: string, args: { readonly dir?: unknown; readonly out?: unknown }): string {
  const dir = typeof args.dir === 'string' ? args.dir : undefined;
  const out = typeof args.out === 'string' ? args.out : undefined;
  if (dir !== undefined && out !== undefined && dir !== out) {
    throw new FralignError('USAGE', `${command}: two run folders given (DIR ${dir} and --out ${out}); pass one, as DIR`);
  }
  const chosen = dir ?? out;
  if (chosen === undefined) throw new FralignError('USAGE', `${command}: no run folder given; pass it as DIR (e.g. fralign ${command} out)`);
  return folderArg(chosen, dir !== undefined ? 'DIR' : '--out');
}

/** A folder argument (DIR, --out of run/split/merge): never `-` (a folder cannot be standard output) nor ''. */
export function folderArg(value: unknown, flag: string): string {
  const text = typeof value === 'string' ? value : '';
  if (text === '-') {
    throw new FralignError('USAGE', `${flag} -: a run folder cannot be standard output (- means stdout only where one file is written, e.g. inspect --json -); pass a folder`);
  }
  if (text.trim() === '') {
    throw new FralignError('USAGE', `${flag} '': expected a folder path (use ${flag === 'DIR' ? '.' : `${flag} .`} for the current folder)`);
  }
  return text;
}

/**
 * A single-file output (--json, --html, report/export --out): `-` is standard output when
 * `stdout` allows it; '' is refused. Returns the target as given.
 */
export function fileOutArg(value: string, flag: string, options: { readonly stdout: boolean; readonly why?: string } = { stdout: true }): string {
  if (value.trim() === '') throw new FralignError('USAGE', `${flag} '': expected a file name${options.stdout ? ', or - for standard output' : ''}`);
  if (value === '-' && !options.stdout) {
    throw new FralignError('USAGE', `${flag} -: ${options.why ?? 'this writes several files'}, so it cannot go to standard output; pass a file name`);
  }
  return value;
}

/**
 * Waits until what was written to standard output has left the process, so a summary printed
 * after it is true: when the reader went away (`| head`), the EPIPE ends the process first (cli.ts).
 */
export function flushStdout(): Promise<void> {
  return new Promise((resolve) => process.stdout.write('', () => resolve()));
}
