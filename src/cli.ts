// The only place that catches errors and prints them; everything below it throws FralignError.
import { defineCommand, runCommand, showUsage, type CommandDef } from 'citty';
import { isFralignError } from './errors.ts';
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
    inspect: () => import('./commands/inspect.ts').then((m) => m.default),
    'fetch-model': () => import('./commands/fetch-model.ts').then((m) => m.default),
  },
});

/** Exit codes: 0 ok, 1 some documents failed (or a runtime error), 2 usage error / missing model. */
async function cli(rawArgs: string[]): Promise<number> {
  if (rawArgs.length === 0 || rawArgs.includes('--help') || rawArgs.includes('-h')) {
    await showUsage(...(await resolveForUsage(main, rawArgs)));
    return rawArgs.length === 0 ? 2 : 0;
  }
  if (rawArgs.length === 1 && (rawArgs[0] === '--version' || rawArgs[0] === '-v')) {
    console.log(VERSION);
    return 0;
  }
  try {
    const { result } = await runCommand(main, { rawArgs });
    return typeof result === 'number' ? result : 0;
  } catch (error) {
    if (isFralignError(error)) {
      console.error(`fralign: ${error.message}`);
      return error.code === 'USAGE' || error.code === 'MODEL_MISSING' ? 2 : 1;
    }
    if (error instanceof Error && error.name === 'CLIError') {
      console.error(`fralign: ${error.message} (see fralign --help)`);
      return 2;
    }
    console.error(error);
    return 1;
  }
}

/** Finds the (sub)command whose usage `--help` should print; citty does not export its own resolver. */
async function resolveForUsage(cmd: CommandDef, rawArgs: string[]): Promise<[CommandDef, CommandDef | undefined]> {
  const subCommands = typeof cmd.subCommands === 'function' ? await cmd.subCommands() : await cmd.subCommands;
  const name = rawArgs.find((arg) => !arg.startsWith('-'));
  const loader = name && subCommands ? subCommands[name] : undefined;
  if (!loader) return [cmd, undefined];
  const sub = (typeof loader === 'function' ? await loader() : await loader) as CommandDef;
  return [sub, cmd];
}

process.exitCode = await cli(process.argv.slice(2));
