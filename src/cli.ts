// The only place that catches errors and prints them; everything below it throws FralignError.
import { stripVTControlCharacters } from 'node:util';
import { defineCommand, runCommand, showUsage, type CommandDef, type Resolvable } from 'citty';
import { FralignError, isFralignError, type FralignErrorCode } from './errors.ts';
import { VERSION } from './version.ts';

const main = defineCommand({
  meta: {
    name: 'fralign',
    version: VERSION,
    description: 'Split, translate (fr→en, local ONNX MarianMT) and align sentences across French news articles.',
  },
  subCommands: {
    run: () => import('./commands/run.ts').then((m) => m.default),
    split: () => import('./commands/split.ts').then((m) => m.default),
    translate: () => import('./commands/translate.ts').then((m) => m.default),
    align: () => import('./commands/align.ts').then((m) => m.default),
    stories: () => import('./commands/stories.ts').then((m) => m.default),
    merge: () => import('./commands/merge.ts').then((m) => m.default),
    inspect: () => import('./commands/inspect.ts').then((m) => m.default),
    'fetch-model': () => import('./commands/fetch-model.ts').then((m) => m.default),
  },
});

/** Exit codes: 0 ok, 1 some documents failed (or a runtime error), 2 usage error / missing model, 130 interrupted. */
async function cli(rawArgs: string[]): Promise<number> {
  if (rawArgs.length === 0 || rawArgs.includes('--help') || rawArgs.includes('-h')) {
    const [command, parent] = await resolveSubCommand(main, rawArgs);
    await showUsage(command ?? main, command ? parent : undefined);
    return rawArgs.length === 0 ? 2 : 0;
  }
  if (rawArgs.length === 1 && (rawArgs[0] === '--version' || rawArgs[0] === '-v')) {
    console.log(VERSION);
    return 0;
  }
  try {
    const [command] = await resolveSubCommand(main, rawArgs);
    if (!command) {
      const known = Object.keys(await subCommandLoaders(main)).join(', ');
      throw new FralignError('USAGE', `unknown command "${rawArgs.find(isPositional) ?? ''}"; expected one of: ${known}`);
    }
    // citty's runCommand discards a subcommand's return value, so the subcommand is run directly.
    const rest = rawArgs.slice(rawArgs.findIndex(isPositional) + 1);
    await rejectUnknownFlags(command, rest);
    const { result } = await runCommand(command, { rawArgs: rest });
    return typeof result === 'number' ? result : 0;
  } catch (error) {
    if (isFralignError(error)) {
      console.error(`fralign: ${error.message}`);
      return exitCodeOf(error.code);
    }
    if (error instanceof Error && error.name === 'CLIError') {
      console.error(`fralign: ${stripVTControlCharacters(error.message)} (see fralign --help)`);
      return 2;
    }
    console.error(error);
    return 1;
  }
}

/** Exit codes a script can branch on: 2 = fix the command line or fetch the model, 130 = Ctrl-C (as shells report SIGINT). */
function exitCodeOf(code: FralignErrorCode): number {
  if (code === 'USAGE' || code === 'MODEL_MISSING') return 2;
  if (code === 'INTERRUPTED') return 130;
  return 1;
}

const isPositional = (arg: string): boolean => !arg.startsWith('-');

/** citty accepts any flag; a typo like `--ouy` would silently fall back to a default, so refuse it. */
async function rejectUnknownFlags(command: CommandDef, rawArgs: readonly string[]): Promise<void> {
  const args = (typeof command.args === 'function' ? await command.args() : await command.args) ?? {};
  const known = new Set<string>();
  for (const [name, def] of Object.entries(args)) {
    known.add(name);
    const alias = 'alias' in def ? (def.alias as string | string[] | undefined) : undefined;
    const aliases = alias === undefined ? [] : Array.isArray(alias) ? alias : [alias];
    for (const alias of aliases) known.add(alias);
  }
  for (const arg of rawArgs) {
    if (arg === '--') break;
    if (!arg.startsWith('-') || /^-\d/.test(arg)) continue;
    const name = arg.replace(/^--?(no-)?/, '').replace(/=.*$/, '');
    if (!known.has(name)) {
      const flags = Object.keys(args).filter((n) => args[n]?.type !== 'positional').map((n) => `--${n}`);
      throw new FralignError('USAGE', `unknown option ${arg.replace(/=.*$/, '')}; expected one of: ${flags.join(', ')}`);
    }
  }
}

async function subCommandLoaders(cmd: CommandDef): Promise<Record<string, Resolvable<CommandDef>>> {
  const subCommands = typeof cmd.subCommands === 'function' ? await cmd.subCommands() : await cmd.subCommands;
  return (subCommands ?? {}) as Record<string, Resolvable<CommandDef>>;
}

/** The subcommand named by the first positional argument, and its parent; citty does not export its own resolver. */
async function resolveSubCommand(cmd: CommandDef, rawArgs: string[]): Promise<[CommandDef | undefined, CommandDef]> {
  const name = rawArgs.find(isPositional);
  const loader = name ? (await subCommandLoaders(cmd))[name] : undefined;
  if (!loader) return [undefined, cmd];
  const sub = (typeof loader === 'function' ? await loader() : await loader) as CommandDef;
  return [sub, cmd];
}

process.exitCode = await cli(process.argv.slice(2));
