// Opening a run folder: check the folder is usable, take its lock so no command reads a folder
// another is rewriting and two runs never interleave their outputs, and clear temp files a killed
// run left behind. Writers hold DIR/.fralign.lock alone; readers each hold a
// DIR/.fralign.lock.read-HOST-PID, several at once (docs/reliability.md, "the lock").
import { closeSync, openSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, utimesSync, writeSync } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FralignError } from '../errors.ts';
import { processAlive, removeStaleTemps } from './atomic-write.ts';
import { installSignalHandlers } from './signals.ts';

export const LOCK_FILE = '.fralign.lock';
/** Readers' lock files start with this (`.fralign.lock.read-HOST-PID`). */
const READ_LOCK_PREFIX = `${LOCK_FILE}.read-`;

/** What a lock file holds: enough for the other process's error message and for stale detection. */
export interface LockInfo {
  readonly pid: number;
  readonly host: string;
  readonly started: string;
  readonly command: string;
  readonly mode?: LockMode;
}

/** 'write': the command rewrites the folder (exclusive); 'read': it only reads it (shared with other readers). */
export type LockMode = 'read' | 'write';

/** A holder refreshes its lock file's mtime this often (an unref'd timer: it never keeps the process alive). */
export const HEARTBEAT_MS = 10_000;

/**
 * A lock whose heartbeat (file mtime) is older than this is taken over, whatever its host: the
 * holder's machine is gone (a Kubernetes pod retried elsewhere, a Slurm requeue on another node).
 * FRALIGN_LOCK_STALE_SECONDS overrides it. On this host a lock whose pid is gone is stale at once,
 * and one whose pid is alive is live (a stage that keeps the event loop busy cannot lose it).
 */
export const DEFAULT_LOCK_STALE_MS = 120_000;

function staleAfterMs(): number {
  const seconds = Number(process.env['FRALIGN_LOCK_STALE_SECONDS']);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_LOCK_STALE_MS;
}

/** Temp files of writers from before pids were in the name (`.NAME.RANDOM.tmp`): only removed under the lock. */
const LEGACY_TEMP = /^\..+\.[0-9a-f]{8}\.tmp$/;

/** A lock younger than this whose content cannot be read may be one being written right now. */
const UNREADABLE_LOCK_GRACE_MS = 10_000;

/** Checks an --out value without touching the disk: '' would silently mean the current folder. */
export function checkOutArg(out: unknown, flag = '--out'): string {
  if (typeof out !== 'string' || out.trim() === '') {
    const current = flag.startsWith('-') ? `${flag} .` : '.';
    throw new FralignError('USAGE', `${flag} '': expected a folder path (use ${current} for the current folder)`);
  }
  return out;
}

/**
 * Validates `out` and takes its lock, held until the process exits (also on Ctrl-C and errors; a
 * kill -9 leaves a lock that the next run sees is stale and takes over). `create`: make the folder
 * when missing (split, run); otherwise a missing folder is left to the stage's own "run split
 * first" error and no lock is needed.
 */
export async function openRunFolder(outArg: unknown, options: { create: boolean; mode?: LockMode }): Promise<string> {
  const out = checkOutArg(outArg);
  let info;
  try {
    info = await stat(out);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') throw outError(out, 'cannot create the folder', error);
    if (code !== 'ENOENT') throw outError(out, 'cannot use the folder', error);
  }
  if (info && !info.isDirectory()) {
    throw new FralignError('USAGE', `--out ${out}: is a file, not a folder; pass a folder for the run's outputs`);
  }
  if (!info) {
    if (!options.create) return out;
    try {
      await mkdir(out, { recursive: true });
    } catch (error) {
      throw outError(out, 'cannot create the folder', error);
    }
  }
  if (options.mode === 'read') {
    acquireReadLock(out);
    return out;
  }
  acquireLock(out);
  await removeLeftovers(out);
  return out;
}

function outError(out: string, what: string, error: unknown): FralignError {
  const code = (error as NodeJS.ErrnoException).code ?? 'error';
  const why = code === 'ENOTDIR' || code === 'EEXIST' ? `${code}: a file is in the way` : (error as Error).message;
  return new FralignError('USAGE', `--out ${out}: ${what} (${why}); choose a folder you can write to`, { cause: error });
}

const held = new Set<string>();
let heartbeat: NodeJS.Timeout | undefined;

function lockInfo(mode: LockMode): LockInfo {
  return { pid: process.pid, host: os.hostname(), started: new Date().toISOString(), command: commandLine(), mode };
}

function createLockFile(file: string, info: LockInfo): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new FralignError('WRITE_FAILED', `${file}: cannot create the run lock (${(error as Error).message}); make ${path.dirname(file)} writable`, { cause: error });
  }
  try {
    writeSync(fd, `${JSON.stringify(info)}\n`);
  } finally {
    closeSync(fd);
  }
  hold(file);
  return true;
}

function hold(file: string): void {
  held.add(file);
  if (held.size === 1) {
    process.once('exit', releaseAll);
    installSignalHandlers({ release: releaseAll, folders: heldFolders });
  }
  // At most a quarter of the stale timeout, so a short FRALIGN_LOCK_STALE_SECONDS still beats in time.
  heartbeat ??= setInterval(beat, Math.min(HEARTBEAT_MS, staleAfterMs() / 4)).unref();
}

/** Refreshes the mtime of every lock this process holds: the sign, seen from any host, that it is alive. */
function beat(): void {
  const now = new Date();
  for (const file of held) {
    try {
      utimesSync(file, now, now);
    } catch {
      // Removed by hand or taken over: nothing to refresh; the write that follows says what failed.
    }
  }
}

/** Takes DIR/.fralign.lock (exclusive), or throws LOCKED naming the live process that holds it or reads the folder. */
export function acquireLock(dir: string): void {
  const file = path.join(dir, LOCK_FILE);
  if (held.has(file)) return;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (createLockFile(file, lockInfo('write'))) {
      // A reader that registered first keeps the folder: give the lock back and say who reads.
      const reader = liveReaders(dir)[0];
      if (reader) {
        release(file);
        throw lockedError(dir, reader, 'is being read by');
      }
      return;
    }
    takeOverIfStale(dir, file);
  }
  throw new FralignError('LOCKED', `${file}: could not take the run lock (another process keeps taking it); wait and run again`);
}

/** Takes a reader's lock on DIR (shared with other readers), or throws LOCKED when a live writer holds the folder. */
export function acquireReadLock(dir: string): void {
  const file = path.join(dir, `${READ_LOCK_PREFIX}${os.hostname().replace(/[^\w.-]/g, '_')}-${process.pid}`);
  if (held.has(file) || held.has(path.join(dir, LOCK_FILE))) return;
  try {
    rmSync(file, { force: true });
    createLockFile(file, lockInfo('read'));
  } catch (error) {
    // A folder the reader cannot write (a read-only mount, another user's run) is still readable:
    // no reader lock then, but a live writer is still refused below.
    const code = ((error as FralignError).cause as NodeJS.ErrnoException | undefined)?.code ?? (error as NodeJS.ErrnoException).code;
    if (code !== 'EACCES' && code !== 'EPERM' && code !== 'EROFS') throw error;
  }
  const writer = path.join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    let state: LockState;
    try {
      state = readLock(writer);
    } catch {
      return;
    }
    if (state.state === 'absent') return;
    if (state.state === 'live' || state.state === 'young') {
      release(file);
      throw state.state === 'live'
        ? lockedError(dir, state.info, 'is being written by')
        : new FralignError('LOCKED', `${dir} is being locked by another fralign process right now (${writer}); wait and run again`);
    }
    takeOverIfStale(dir, writer);
  }
}

function lockedError(dir: string, info: LockInfo, what: string): FralignError {
  const { pid, host, started, command } = info;
  const file = path.join(dir, LOCK_FILE);
  return new FralignError(
    'LOCKED',
    `${dir} ${what} fralign pid ${pid} on ${host} (started ${started}: ${command}); wait for it to finish, or use another --out` +
      (host === os.hostname() ? '' : `; a lock from another host is taken over once its heartbeat is ${Math.round(staleAfterMs() / 1000)} s old (${file})`),
  );
}

/** Removes a stale lock file (saying so when it was judged by its heartbeat), or throws LOCKED for a live one. */
function takeOverIfStale(dir: string, file: string): void {
  const holder = readLock(file);
  if (holder.state === 'live') throw lockedError(dir, holder.info, 'is in use by');
  if (holder.state === 'young') {
    throw new FralignError('LOCKED', `${dir} is being locked by another fralign process right now (${file}); wait and run again`);
  }
  if (holder.state === 'stale' && holder.info && holder.reason === 'heartbeat') {
    const { pid, host } = holder.info;
    console.error(`fralign: taking over ${file} from fralign pid ${pid} on ${host}: no heartbeat for ${Math.round(holder.ageMs / 1000)} s (more than ${Math.round(staleAfterMs() / 1000)} s)`);
  }
  // The holder is gone (killed, its machine gone, or restarted): the lock is stale; take it over.
  rmSync(file, { force: true });
}

type LockState =
  | { state: 'live'; info: LockInfo }
  | { state: 'stale'; info?: LockInfo; reason: 'dead' | 'heartbeat' | 'unreadable'; ageMs: number }
  | { state: 'young' }
  | { state: 'absent' };

function readLock(file: string): LockState {
  let text: string;
  let ageMs: number;
  try {
    ageMs = Date.now() - statSync(file).mtimeMs;
    text = readFileSync(file, 'utf8');
  } catch {
    return { state: 'absent' };
  }
  let info: LockInfo | undefined;
  try {
    const value = JSON.parse(text) as Partial<LockInfo>;
    if (typeof value.pid === 'number' && typeof value.host === 'string') info = value as LockInfo;
  } catch {
    info = undefined;
  }
  if (!info) return ageMs < UNREADABLE_LOCK_GRACE_MS ? { state: 'young' } : { state: 'stale', reason: 'unreadable', ageMs };
  if (info.host === os.hostname()) {
    // Same host: the pid decides (a recorded pid equal to ours is an earlier process's, reused).
    return processAlive(info.pid) && info.pid !== process.pid ? { state: 'live', info } : { state: 'stale', info, reason: 'dead', ageMs };
  }
  // Another host: its pid cannot be checked from here; the heartbeat decides.
  return ageMs <= staleAfterMs() ? { state: 'live', info } : { state: 'stale', info, reason: 'heartbeat', ageMs };
}

/** The live readers of DIR (stale reader files are removed on the way). */
function liveReaders(dir: string): LockInfo[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const live: LockInfo[] = [];
  for (const name of names) {
    if (!name.startsWith(READ_LOCK_PREFIX)) continue;
    const file = path.join(dir, name);
    const state = readLock(file);
    if (state.state === 'live') live.push(state.info);
    else if (state.state === 'stale') takeOverIfStale(dir, file);
  }
  return live;
}

/** Removes one lock file this process holds. */
function release(file: string): void {
  try {
    const info = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockInfo>;
    if (info.pid === process.pid && info.host === os.hostname()) unlinkSync(file);
  } catch {
    // Already gone, or replaced: not ours to remove.
  }
  held.delete(file);
  if (held.size === 0 && heartbeat) {
    clearInterval(heartbeat);
    heartbeat = undefined;
  }
}

/** Removes the locks this process holds (synchronously: it also runs from the 'exit' event and signal handlers). */
export function releaseAll(): void {
  for (const file of [...held]) release(file);
}

/** The run folders this process holds a lock on (for the interrupt message). */
export function heldFolders(): string[] {
  return [...new Set([...held].map((file) => path.dirname(file)))];
}

/** Under the lock no other fralign writes here, so any temp file from an earlier writer is a leftover. */
async function removeLeftovers(dir: string): Promise<void> {
  await removeStaleTemps(dir);
  let names: string[] = [];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (LEGACY_TEMP.test(name)) await rm(path.join(dir, name), { force: true }).catch(() => undefined);
  }
}

function commandLine(): string {
  return ['fralign', ...process.argv.slice(2)].join(' ').slice(0, 200);
}
