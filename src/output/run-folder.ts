// Opening a run folder for writing: check --out names a usable folder, take its lock so two runs
// never interleave their outputs, and clear temp files a killed run left behind.
import { closeSync, openSync, readFileSync, rmSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FralignError } from '../errors.ts';
import { processAlive, removeStaleTemps } from './atomic-write.ts';

export const LOCK_FILE = '.fralign.lock';

/** What a lock file holds: enough for the other process's error message and for stale detection. */
export interface LockInfo {
  readonly pid: number;
  readonly host: string;
  readonly started: string;
  readonly command: string;
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
export async function openRunFolder(outArg: unknown, options: { create: boolean }): Promise<string> {
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

/** Takes DIR/.fralign.lock, or throws LOCKED naming the live process that holds it. */
export function acquireLock(dir: string): void {
  const file = path.join(dir, LOCK_FILE);
  if (held.has(file)) return;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      try {
        const info: LockInfo = { pid: process.pid, host: os.hostname(), started: new Date().toISOString(), command: commandLine() };
        writeSync(fd, `${JSON.stringify(info)}\n`);
      } finally {
        closeSync(fd);
      }
      held.add(file);
      if (held.size === 1) process.once('exit', releaseAll);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') {
        throw new FralignError('WRITE_FAILED', `${file}: cannot create the run lock (${(error as Error).message}); make ${dir} writable`, { cause: error });
      }
    }
    const holder = readLock(file);
    if (holder.state === 'live') {
      const { pid, host, started, command } = holder.info;
      throw new FralignError(
        'LOCKED',
        `${dir} is in use by fralign pid ${pid} on ${host} (started ${started}: ${command}); wait for it to finish, or use another --out` +
          (host === os.hostname() ? '' : `; if no fralign runs on ${host}, delete ${file}`),
      );
    }
    if (holder.state === 'young') {
      throw new FralignError('LOCKED', `${dir} is being locked by another fralign process right now (${file}); wait and run again`);
    }
    // The holder is gone (killed, or the machine restarted): the lock is stale; take it over.
    rmSync(file, { force: true });
  }
  throw new FralignError('LOCKED', `${file}: could not take the run lock (another process keeps taking it); wait and run again`);
}

type LockState = { state: 'live'; info: LockInfo } | { state: 'stale' } | { state: 'young' };

function readLock(file: string): LockState {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { state: 'stale' };
  }
  let info: LockInfo | undefined;
  try {
    const value = JSON.parse(text) as Partial<LockInfo>;
    if (typeof value.pid === 'number' && typeof value.host === 'string') info = value as LockInfo;
  } catch {
    info = undefined;
  }
  if (!info) {
    let age = Infinity;
    try {
      age = Date.now() - statSync(file).mtimeMs;
    } catch {
      return { state: 'stale' };
    }
    return age < UNREADABLE_LOCK_GRACE_MS ? { state: 'young' } : { state: 'stale' };
  }
  // A pid on another host cannot be checked from here: assume it is alive.
  if (info.host !== os.hostname() || (processAlive(info.pid) && info.pid !== process.pid)) return { state: 'live', info };
  return { state: 'stale' };
}

/** Removes the locks this process holds (synchronously: it also runs from the 'exit' event). */
export function releaseAll(): void {
  for (const file of held) {
    try {
      const info = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockInfo>;
      if (info.pid === process.pid) unlinkSync(file);
    } catch {
      // Already gone, or replaced: not ours to remove.
    }
  }
  held.clear();
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
