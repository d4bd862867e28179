// Fault injection for tests: an in-process wrapper around node:fs/promises and node:fs that can make
// the n-th write (or fsync, close, rename, cache append) fail with ENOSPC/EIO, or return a short
// write, and can make readdir of a chosen folder fail. A test file installs it with
//
//   vi.mock('node:fs/promises', async (real) => (await import('./helpers/fault-fs.ts')).faultyFsPromises(await real()));
//   vi.mock('node:fs', async (real) => (await import('./helpers/fault-fs.ts')).faultyFs(await real()));
//
// and then arms one fault at a time with `faults.arm(...)`. Only files under `faults.root` count,
// so model loading and vitest's own files are never touched.
import type * as FsPromises from 'node:fs/promises';
import type * as Fs from 'node:fs';
import path from 'node:path';

export type FaultOp = 'write' | 'sync' | 'close' | 'rename' | 'append';
/** 'short': the write stores half its bytes and says so (a correct writer continues). 'short-then-ENOSPC': what a filling disk does. */
export type FaultKind = 'ENOSPC' | 'EIO' | 'short' | 'short-then-ENOSPC';

export interface FaultPlan {
  readonly op: FaultOp;
  /** 1-based: the n-th such operation under `root` fails. */
  readonly at: number;
  readonly kind: FaultKind;
}

class FaultState {
  root: string | undefined;
  plan: FaultPlan | undefined;
  /** Operations seen since the last arm(), per kind. */
  counts: Record<FaultOp, number> = { write: 0, sync: 0, close: 0, rename: 0, append: 0 };
  /** Whether the armed fault has happened. */
  fired = false;
  /** After a short write in 'short-then-ENOSPC', every later write under root fails. */
  private diskFull = false;
  /** Folder path → errno code that readdir of it fails with. */
  readonly unreadable = new Map<string, string>();

  arm(root: string, plan: FaultPlan | undefined): void {
    this.root = path.resolve(root);
    this.plan = plan;
    this.counts = { write: 0, sync: 0, close: 0, rename: 0, append: 0 };
    this.fired = false;
    this.diskFull = false;
  }

  reset(): void {
    this.root = undefined;
    this.plan = undefined;
    this.fired = false;
    this.diskFull = false;
    this.unreadable.clear();
  }

  watched(file: unknown): boolean {
    return this.root !== undefined && typeof file === 'string' && path.resolve(file).startsWith(this.root + path.sep);
  }

  /** Counts an operation; returns the fault to apply to it, if any. */
  next(op: FaultOp): FaultKind | undefined {
    if (this.diskFull && (op === 'write' || op === 'append')) return 'ENOSPC';
    const n = ++this.counts[op];
    if (this.plan && this.plan.op === op && this.plan.at === n) {
      this.fired = true;
      if (this.plan.kind === 'short-then-ENOSPC') this.diskFull = true;
      return this.plan.kind;
    }
    return undefined;
  }
}

export const faults = new FaultState();

export function errnoError(code: string, syscall: string, file?: string): NodeJS.ErrnoException {
  const text = code === 'ENOSPC' ? 'no space left on device' : code === 'EIO' ? 'i/o error' : code === 'EACCES' ? 'permission denied' : code.toLowerCase();
  const error = new Error(`${code}: ${text}, ${syscall}${file ? ` '${file}'` : ''}`) as NodeJS.ErrnoException;
  error.code = code;
  error.syscall = syscall;
  return error;
}

function failure(kind: FaultKind, syscall: string, file: string): NodeJS.ErrnoException {
  return errnoError(kind === 'EIO' ? 'EIO' : 'ENOSPC', syscall, file);
}

type Handle = FsPromises.FileHandle;

function wrapHandle(handle: Handle, file: string): Handle {
  return new Proxy(handle, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (key === 'write') {
        return async (buffer: Buffer | string, ...rest: unknown[]) => {
          const fault = faults.next('write');
          if (fault === undefined) return (target.write as (...a: unknown[]) => Promise<unknown>).call(target, buffer, ...rest);
          if (fault === 'short' || fault === 'short-then-ENOSPC') {
            const bytes = typeof buffer === 'string' ? Buffer.from(buffer) : buffer;
            const offset = typeof rest[0] === 'number' ? rest[0] : 0;
            const length = typeof rest[1] === 'number' ? rest[1] : bytes.length - offset;
            const half = Math.max(1, Math.floor(length / 2));
            return target.write(bytes, offset, Math.min(half, length));
          }
          throw failure(fault, 'write', file);
        };
      }
      if (key === 'sync' || key === 'close') {
        return async () => {
          const fault = faults.next(key);
          if (fault !== undefined && fault !== 'short') {
            if (key === 'close') await target.close();
            throw failure(fault, key === 'sync' ? 'fsync' : 'close', file);
          }
          return key === 'sync' ? target.sync() : target.close();
        };
      }
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** node:fs/promises with faults; everything not wrapped is the real function. */
export function faultyFsPromises(real: typeof FsPromises): typeof FsPromises {
  const wrapped = {
    ...real,
    open: (async (file: string, ...rest: unknown[]) => {
      const handle = await (real.open as (...a: unknown[]) => Promise<Handle>)(file, ...rest);
      return faults.watched(file) ? wrapHandle(handle, file) : handle;
    }) as typeof real.open,
    rename: (async (from: string, to: string) => {
      if (faults.watched(to)) {
        const fault = faults.next('rename');
        if (fault !== undefined && fault !== 'short') throw failure(fault, 'rename', to);
      }
      return real.rename(from, to);
    }) as typeof real.rename,
    readdir: (async (dir: string, ...rest: unknown[]) => {
      const code = faults.unreadable.get(path.resolve(String(dir)));
      if (code) throw errnoError(code, 'scandir', String(dir));
      return (real.readdir as (...a: unknown[]) => Promise<unknown>)(dir, ...rest);
    }) as typeof real.readdir,
  };
  return { ...wrapped, default: wrapped } as typeof FsPromises;
}

/** node:fs with a faulty appendFileSync (the translation cache's append). */
export function faultyFs(real: typeof Fs): typeof Fs {
  const wrapped = {
    ...real,
    appendFileSync: ((file: Fs.PathOrFileDescriptor, data: string | Uint8Array, ...rest: unknown[]) => {
      if (faults.watched(file)) {
        const fault = faults.next('append');
        if (fault !== undefined && fault !== 'short') {
          if (fault === 'short-then-ENOSPC') {
            // A torn append: half the line lands, then the disk is full.
            const text = String(data);
            real.appendFileSync(file, text.slice(0, Math.floor(text.length / 2)));
          }
          throw failure(fault === 'EIO' ? 'EIO' : 'ENOSPC', 'write', String(file));
        }
      }
      return (real.appendFileSync as (...a: unknown[]) => void)(file, data, ...rest);
    }) as typeof real.appendFileSync,
  };
  return { ...wrapped, default: wrapped } as unknown as typeof Fs;
}
