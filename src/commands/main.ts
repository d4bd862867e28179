// The subcommand table and the dispatch every command goes through: the command named by the first
// argument, its arguments parsed by the contract (contract.ts), then its run(). Errors are thrown,
// never printed: src/cli.ts is the only place that catches them.
import { defineCommand, type CommandDef, type Resolvable } from 'citty';
import { FralignError } from '../errors.ts';
import { VERSION } from '../version.ts';
import { parseCommandArgs, type ArgTable } from './contract.ts';

export const main = defineCommand({
  meta: {
    name: 'fralign',
    version: VERSION,
    description: 'Split, translate (fr→en, local ONNX MarianMT) and align sentences across French news articles.',
  },
  subCommands: {
    run: () => import('./run.ts').then((m) => m.default),
    split: () => import('./split.ts').then((m) => m.default),
    translate: () => import('./translate.ts').then((m) => m.default),
    'translate-text': () => import('./translate-text.ts').then((m) => m.default),
    align: () => import('./align.ts').then((m) => m.default),
    stories: () => import('./stories.ts').then((m) => m.default),
    merge: () => import('./merge.ts').then((m) => m.default),
    inspect: () => import('./inspect.ts').then((m) => m.default),
    report: () => import('./report.ts').then((m) => m.default),
    export: () => import('./export.ts').then((m) => m.default),
    'fetch-model': () => import('./fetch-model.ts').then((m) => m.default),
  },
});

const resolve = async <T>(value: Resolvable<T> | undefined): Promise<T | undefined> =>
  typeof value === 'function' ? await (value as () => T | Promise<T>)() : await value;

async function subCommandLoaders(): Promise<Record<string, Resolvable<CommandDef>>> {
  return ((await resolve(main.subCommands)) ?? {}) as Record<string, Resolvable<CommandDef>>;
}

/** Every subcommand's name, in --help order. */
export async function commandNames(): Promise<string[]> {
  return Object.keys(await subCommandLoaders());
}

export async function loadCommand(name: string): Promise<CommandDef | undefined> {
  const loader = (await subCommandLoaders())[name];
  return loader === undefined ? undefined : ((await resolve(loader)) as CommandDef);
}

export async function argTableOf(command: CommandDef): Promise<ArgTable> {
  return ((await resolve(command.args)) ?? {}) as ArgTable;
}

export const isPositional = (arg: string): boolean => !arg.startsWith('-');

/** The subcommand named by the first positional argument (for --help), else undefined. */
export async function commandOf(rawArgs: readonly string[]): Promise<[string, CommandDef] | undefined> {
  const name = rawArgs.find(isPositional);
  const command = name === undefined ? undefined : await loadCommand(name);
  return name !== undefined && command ? [name, command] : undefined;
}

/**
 * Runs `fralign NAME ARGS...`: the name must come first (`fralign --quiet run` is refused: a flag
 * before the command belongs to no command), the rest is parsed by the contract. Returns the exit code.
 */
export async function dispatch(rawArgs: readonly string[]): Promise<number> {
  const [name, ...rest] = rawArgs;
  const command = name === undefined ? undefined : await loadCommand(name);
  if (name === undefined || !command) {
    const known = (await commandNames()).join(', ');
    const what = name === undefined ? 'no command given' : name.startsWith('-') ? `unknown option ${name} before the command` : `unknown command "${name}"`;
    throw new FralignError('USAGE', `${what}; expected one of: ${known}`);
  }
  const args = parseCommandArgs(name, await argTableOf(command), rest);
  // citty's runCommand would parse again (leniently) and discard the return value: run() directly.
  const result: unknown = await command.run?.({ rawArgs: rest, args: args as never, cmd: command });
  return typeof result === 'number' ? result : 0;
}
