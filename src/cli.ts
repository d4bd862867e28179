// The only place that catches errors and prints them; everything below it throws FralignError.
import { stripVTControlCharacters } from 'node:util';
import { defineCommand, runCommand, showUsage, type CommandDef, type Resolvable } from 'citty';
import { FralignError, isFralignError, printable, type FralignErrorCode } from './errors.ts';
import { VERSION } from './version.ts';
import { interruptExitCode } from './output/signals.ts';
import { helpUsesColor, renderHelp } from './commands/help.ts';

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
    'translate-text': () => import('./commands/translate-text.ts').then((m) => m.default),
    align: () => import('./commands/align.ts').then((m) => m.default),
    stories: () => import('./commands/stories.ts').then((m) => m.default),
    merge: () => import('./commands/merge.ts').then((m) => m.default),
    inspect: () => import('./commands/inspect.ts').then((m) => m.default),
    report: () => import('./commands/report.ts').then((m) => m.default),
    export: () => import('./commands/export.ts').then((m) => m.default),
    'fetch-model': () => import('./commands/fetch-model.ts').then((m) => m.default),
  },
});

/** Exit codes: 0 ok, 1 some documents failed (or a runtime error), 2 usage error / missing model, 130 interrupted. */
async function cli(rawArgs: string[]): Promise<number> {
  // `fralign help [command]` is `fralign [command] --help`.
  if (rawArgs[0] === 'help') rawArgs = [...rawArgs.slice(1), '--help'];
  if (rawArgs.length === 0 || rawArgs.includes('--help') || rawArgs.includes('-h')) {
    const [command, parent] = await resolveSubCommand(main, rawArgs);
    const name = command ? (rawArgs.find(isPositional) ?? '') : '';
    const stream = rawArgs.length === 0 ? process.stderr : process.stdout;
    const text = await renderHelp(command ?? main, { name, color: helpUsesColor(stream.isTTY, process.env), width: stream.columns });
    // Bare `fralign` is a usage error: the help goes to stderr so a pipe's consumer sees nothing.
    stream.write(text);
    return rawArgs.length === 0 ? 2 : 0;
  }
  if (rawArgs.length === 1 && (rawArgs[0] === '--version' || rawArgs[0] === '-v' || rawArgs[0] === '-V')) {
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
      console.error(`fralign: ${printable(error.message)}`);
      return exitCodeOf(error.code);
    }
    if (error instanceof Error && error.name === 'CLIError') {
      console.error(`fralign: ${printable(stripVTControlCharacters(error.message))} (see fralign --help)`);
      return 2;
    }
    return unexpected(error);
  }
}

/**
 * An error no stage turned into a FralignError still gets one line, not a stack trace: a system
 * error (disk full, permission) names its path and exits 2 like the other "fix the machine" cases;
 * anything else is a bug, exit 1, with the stack behind FRALIGN_DEBUG=1.
 */
function unexpected(error: unknown): number {
  if (process.env['FRALIGN_DEBUG']) console.error(error);
  const errno = (error as NodeJS.ErrnoException | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (typeof errno === 'string' && /^E[A-Z]+$/.test(errno)) {
    console.error(`fralign: ${printable(message)}; check the path, permissions and free space, then run the same command again`);
    return 2;
  }
  console.error(`fralign: internal error: ${printable(message)} (set FRALIGN_DEBUG=1 for the stack trace, and please report it)`);
  return 1;
}


/**
 * Exit codes a script can branch on: 2 = fix the command line, fetch the model, free the disk or
 * wait for the other run (nothing was lost, the same command works once fixed), 130 = Ctrl-C (as
 * shells report SIGINT), 1 = some input or output data is bad (named in the message).
 */
function exitCodeOf(code: FralignErrorCode): number {
  if (code === 'USAGE' || code === 'MODEL_MISSING' || code === 'WRITE_FAILED' || code === 'LOCKED') return 2;
  // 130 / 143 / 129: as shells report SIGINT / SIGTERM / SIGHUP (src/output/signals.ts).
  if (code === 'INTERRUPTED') return interruptExitCode();
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
    // `-` alone is standard input/output, a value, not a flag.
    if (!arg.startsWith('-') || arg === '-' || /^-\d/.test(arg)) continue;
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
