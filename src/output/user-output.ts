// The ONE output-path policy for files the user names (report --out, export --out, inspect --json /
// --html …). Every command that writes a user-named file goes through here, so the rules hold
// everywhere:
//   - '-' is standard output (where the command allows it);
//   - a device, FIFO or socket — and anything under /dev or /proc — is written TO (streamed), never
//     replaced: `--out /dev/null` as root must not turn the system's node into a regular file;
//   - a regular file or an absent path is written atomically: a temp file beside it, fsync, rename;
//   - a symlink is written THROUGH: its target gets the content under the same rules, the link stays
//     (docs/reliability.md); a dangling symlink or a folder is refused;
//   - a path inside the run folder that holds run data (sentences.jsonl, manifest.json, .cache/ …)
//     is refused, whatever way it is spelt (symlinks and `..` resolved).
import { constants, createWriteStream, fstatSync, lstatSync, realpathSync, statSync, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { Writable } from 'node:stream';
import { FralignError } from '../errors.ts';
import { endStream, handleStream, writeError, writeStreamAtomic } from './atomic-write.ts';
import { RUN_DATA } from './files.ts';

export interface UserOutputOptions {
  /** The flag the path came from ('--out', '--json', '--html' …), used in messages. */
  readonly flag: string;
  /** The run folder being read: a path inside it that holds run data is refused. Default: none. */
  readonly runDir?: string;
  /** '-' means standard output (default true); false: '-' is refused. */
  readonly allowStdout?: boolean;
}

/** Where a user-named output goes, once links are followed. */
export type ResolvedOutput =
  | { readonly kind: 'stdout' }
  /** /dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N: this process's open descriptor, written to. */
  | { readonly kind: 'fd'; readonly fd: number }
  /** Device, FIFO, socket, /dev or /proc path: opened and written to, never replaced. */
  | { readonly kind: 'stream'; readonly path: string; readonly stats: Stats }
  /** Regular file or absent: written atomically at `path` (the link's target when a link was named). */
  | { readonly kind: 'file'; readonly path: string };

/** Validation only (no writes): call it while checking flags, before any stage writes. Throws USAGE. */
export function checkUserOutput(target: string, options: UserOutputOptions): void {
  resolveUserOutput(target, options);
}

/** What `target` is under the policy above; throws USAGE when it is refused. Reads, never writes. */
export function resolveUserOutput(target: string, options: UserOutputOptions): ResolvedOutput {
  const { flag } = options;
  if (typeof target !== 'string' || target.trim() === '') {
    throw new FralignError('USAGE', `${flag} '': expected a file name${options.allowStdout === false ? '' : ' (or - for standard output)'}`);
  }
  if (target === '-') {
    if (options.allowStdout === false) throw new FralignError('USAGE', `${flag} -: this output cannot go to standard output; give a file name`);
    return { kind: 'stdout' };
  }
  const fd = descriptorOf(target);
  if (fd !== undefined) return { kind: 'fd', fd };
  const link = lstatOrUndefined(target);
  let stats = link;
  if (link?.isSymbolicLink()) {
    stats = statOrUndefined(target);
    if (!stats) throw new FralignError('USAGE', `${flag} ${target}: is a symlink to a path that does not exist; point it at a file or name another file`);
  }
  if (stats?.isDirectory()) throw new FralignError('USAGE', `${flag} ${target}: is a folder; give a file name`);
  const lexical = path.resolve(target);
  if (stats && (!stats.isFile() || isSystemPath(lexical))) {
    // Streamed to: no run-data check needed for devices, but a FIFO inside the run folder is still refused.
    if (options.runDir !== undefined && stats.isFile()) refuseRunData(target, realOrResolved(target), options);
    return { kind: 'stream', path: target, stats };
  }
  if (!stats && isSystemPath(lexical)) {
    throw new FralignError('USAGE', `${flag} ${target}: does not exist, and fralign does not create files under /dev or /proc`);
  }
  const real = stats ? realpathSync(target) : realOrResolved(target);
  if (options.runDir !== undefined) refuseRunData(target, real, options);
  return { kind: 'file', path: real };
}

/**
 * Writes the file the user named: '-' → stdout; device/FIFO/socket → streamed to, never replaced;
 * regular file or absent → atomic write beside it; symlink → written through to its target.
 * `write` writes the content to `out` (see writeChunks) and resolves when done.
 */
export async function writeUserOutput(
  target: string,
  options: UserOutputOptions,
  write: (out: NodeJS.WritableStream) => Promise<void>,
): Promise<void> {
  const resolved = resolveUserOutput(target, options);
  if (resolved.kind === 'stdout') {
    await write(process.stdout);
    return;
  }
  if (resolved.kind === 'fd') {
    // A socket or pipe behind the descriptor cannot be reopened by path: write to the descriptor.
    if (resolved.fd === 1 || resolved.fd === 2) {
      await write(resolved.fd === 1 ? process.stdout : process.stderr);
      return;
    }
    const out = createWriteStream('', { fd: resolved.fd, autoClose: false });
    try {
      await write(out);
      await endStream(out);
    } catch (error) {
      throw writeError(target, error, 'cannot write');
    }
    return;
  }
  if (resolved.kind === 'stream') {
    await writeToStream(resolved, target, write);
    return;
  }
  await writeStreamAtomic(resolved.path, write);
}

/** Writes `chunks` to `out`, waiting when it is full (bounded memory); rejects when the stream fails. */
export async function writeChunks(out: NodeJS.WritableStream, chunks: string | Uint8Array | Iterable<string | Uint8Array>): Promise<void> {
  const pieces = typeof chunks === 'string' || chunks instanceof Uint8Array ? [chunks] : chunks;
  const stream = out as NodeJS.WritableStream & Partial<Writable>;
  for (const chunk of pieces) {
    if (stream.errored) throw stream.errored;
    if (stream.destroyed) return;
    if (!out.write(chunk)) {
      await new Promise<void>((resolve, reject) => {
        const done = (error?: Error): void => {
          out.off('drain', onDrain).off('error', done).off('close', onDrain);
          if (error) reject(error);
          else resolve();
        };
        const onDrain = (): void => done();
        out.on('drain', onDrain).on('error', done).on('close', onDrain);
      });
    }
  }
  if (stream.errored) throw stream.errored;
}

/** The run's data names (top level of the run folder) a user-named output must never be. */
function refuseRunData(target: string, real: string, options: UserOutputOptions): void {
  const runDir = realOrResolved(options.runDir!);
  const relative = path.relative(runDir, real);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return;
  const first = relative.split(path.sep)[0]!;
  if (RUN_DATA.includes(first) || first.startsWith('.fralign.lock')) {
    throw new FralignError(
      'USAGE',
      `${options.flag} ${target}: that is the run's ${relative}, which fralign reads; write to another file (outside ${options.runDir}, or e.g. ${path.join(options.runDir!, 'export')})`,
    );
  }
}

/** The descriptor a /dev/stdout-like path names in this process, when it is open. */
function descriptorOf(target: string): number | undefined {
  const named = { '/dev/stdout': 1, '/dev/stderr': 2 }[target];
  const match = /^\/(?:dev\/fd|proc\/self\/fd)\/(\d+)$/.exec(target);
  const fd = named ?? (match ? Number(match[1]) : undefined);
  if (fd === undefined) return undefined;
  try {
    fstatSync(fd);
    return fd;
  } catch {
    return undefined;
  }
}

const isSystemPath = (absolute: string): boolean => /^\/(dev|proc)(\/|$)/.test(absolute);

function lstatOrUndefined(file: string): Stats | undefined {
  try {
    return lstatSync(file);
  } catch {
    return undefined;
  }
}

function statOrUndefined(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

/** The real path of `file`, or of its nearest existing folder joined with the rest when absent. */
function realOrResolved(file: string): string {
  const absolute = path.resolve(file);
  const rest: string[] = [];
  let dir = absolute;
  for (;;) {
    try {
      return path.join(realpathSync(dir), ...rest.reverse());
    } catch {
      const parent = path.dirname(dir);
      if (parent === dir) return absolute;
      rest.push(path.basename(dir));
      dir = parent;
    }
  }
}

async function writeToStream(
  resolved: { readonly path: string; readonly stats: Stats },
  target: string,
  write: (out: NodeJS.WritableStream) => Promise<void>,
): Promise<void> {
  if (resolved.stats.isSocket()) {
    const socket = net.createConnection(resolved.path);
    try {
      await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
      await write(socket);
      await new Promise<void>((resolve, reject) => socket.end(resolve).once('error', reject));
    } catch (error) {
      socket.destroy();
      throw writeError(target, error, 'cannot write to the socket');
    }
    return;
  }
  // No O_CREAT, no O_TRUNC: the node (or the file behind /dev/stdout) is written to as it is; a
  // regular file behind /dev/… is appended to, as a shell's `>>` would.
  const flags = resolved.stats.isFile() ? constants.O_WRONLY | constants.O_APPEND : constants.O_WRONLY;
  let handle: FileHandle | undefined;
  try {
    handle = await open(resolved.path, flags);
    const out = handleStream(handle);
    await write(out);
    await endStream(out);
  } catch (error) {
    // The reader of a FIFO went away (`fralign … --json fifo` with `head` reading it): the reader's
    // choice, as with `| head` on standard output. The EPIPE goes up as it is, so the command stops
    // before its summary claims a whole file was written, and the entry point exits 0 quietly.
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') throw error;
    throw writeError(target, error, 'cannot write');
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
