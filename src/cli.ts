// The only place that catches errors and prints them; everything below it throws FralignError.
import { isFralignError, printable, type FralignErrorCode } from './errors.ts';
import { VERSION } from './version.ts';
import { interruptExitCode } from './output/signals.ts';
import { helpUsesColor, renderHelp } from './commands/help.ts';
import { commandOf, dispatch, main } from './commands/main.ts';
import { terminalColumns } from './inspect/terminal.ts';

/** Exit codes: 0 ok, 1 some documents failed (or a runtime error), 2 usage error / missing model, 130 interrupted. */
async function cli(rawArgs: string[]): Promise<number> {
  // `fralign help [command]` is `fralign [command] --help`.
  if (rawArgs[0] === 'help') rawArgs = [...rawArgs.slice(1), '--help'];
  if (rawArgs.length === 0 || rawArgs.includes('--help') || rawArgs.includes('-h')) {
    const found = await commandOf(rawArgs);
    const stream = rawArgs.length === 0 ? process.stderr : process.stdout;
    const text = await renderHelp(found?.[1] ?? main, { name: found?.[0] ?? '', color: helpUsesColor(stream.isTTY, process.env), width: terminalColumns(stream.columns, process.env) });
    // Bare `fralign` is a usage error: the help goes to stderr so a pipe's consumer sees nothing.
    stream.write(text);
    return rawArgs.length === 0 ? 2 : 0;
  }
  if (rawArgs.length === 1 && (rawArgs[0] === '--version' || rawArgs[0] === '-v' || rawArgs[0] === '-V')) {
    console.log(VERSION);
    return 0;
  }
  try {
    return await dispatch(rawArgs);
  } catch (error) {
    if (isFralignError(error)) {
      console.error(`fralign: ${printable(error.message)}`);
      return exitCodeOf(error.code);
    }
    // The reader of our output went away (`| head`): what it wanted, it has.
    if (isEpipe(error)) return 0;
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

const isEpipe = (error: unknown): boolean => (error as NodeJS.ErrnoException | undefined)?.code === 'EPIPE';

/**
 * `fralign … | head -1`: when the reader closes the pipe, the next write fails with EPIPE. That is
 * the reader's choice, not a fault: end at once, quietly, exit 0 (as jq, csvkit and gh do). Any other
 * failure to write standard output (a full disk behind `>`) gets one line and exit 2.
 */
function endQuietlyOnEpipe(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (isEpipe(error)) process.exit(0);
    process.stderr.write(`fralign: cannot write to standard output: ${printable(error.message)}\n`);
    process.exit(2);
  });
  process.stderr.on('error', (error: NodeJS.ErrnoException) => process.exit(isEpipe(error) ? 0 : 2));
}

endQuietlyOnEpipe();
process.exitCode = await cli(process.argv.slice(2));
