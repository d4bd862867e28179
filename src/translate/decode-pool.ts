// A fixed pool of decode workers (decode-worker.ts). Each worker takes one batch at a time; extra
// batches wait for a free worker in arrival order. Workers are started one after the other, because
// loading a session briefly needs extra memory and overlapping loads would add up.
import { Worker } from 'node:worker_threads';
import { FralignError } from '../errors.ts';
import type { DecodeWorkerInit, DecodeWorkerMessage, JobTiming, WorkerFailure } from './decode-protocol.ts';
import type { DecodeBudget, EncodedBatch, GreedyResult } from './greedy.ts';

const WORKER_ENTRY = new URL('./decode-worker.mjs', import.meta.url);

export interface DecodedBatch {
  readonly result: GreedyResult;
  /** Which worker decoded it (0-based) and when. */
  readonly worker: number;
  readonly timing: JobTiming;
}

interface Pending {
  readonly resolve: (value: DecodedBatch) => void;
  readonly reject: (error: Error) => void;
}

function errorOf(failure: WorkerFailure): Error {
  return failure.code ? new FralignError(failure.code, failure.message) : new Error(failure.message);
}

/** Starts one worker and waits until its decoder session is loaded (or fails to load). */
function startWorker(init: DecodeWorkerInit): Promise<Worker> {
  // execArgv: [] so a worker never inherits the parent's loader flags (tsx, vitest); the entry registers tsx itself.
  const worker = new Worker(WORKER_ENTRY, { workerData: init, execArgv: [] });
  return new Promise((resolve, reject) => {
    const onMessage = (message: DecodeWorkerMessage): void => {
      cleanup();
      if (message.kind === 'ready') resolve(worker);
      else {
        const error = message.kind === 'load-failed' ? errorOf(message.failure) : new Error(`decode worker sent ${message.kind} before ready`);
        // Rejected only once the thread is gone, so a caller that gives up leaves nothing running.
        void worker.terminate().finally(() => reject(error));
      }
    };
    const onError = (error: Error): void => {
      cleanup();
      void worker.terminate().finally(() => reject(new Error(`decode worker failed to start (${error.message})`, { cause: error })));
    };
    const onExit = (code: number): void => {
      cleanup();
      reject(new Error(`decode worker exited with code ${code} before loading ${init.decoderFile}`));
    };
    const cleanup = (): void => {
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
    };
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
  });
}

export class DecodePool {
  private readonly free: number[];
  private readonly waiting: ((worker: number) => void)[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextJob = 0;
  private closed = false;

  private constructor(private readonly workers: readonly Worker[]) {
    this.free = workers.map((_, i) => i);
    workers.forEach((worker, index) => {
      worker.on('message', (message: DecodeWorkerMessage) => this.onMessage(message));
      worker.on('error', (error) => this.failAll(new Error(`decode worker ${index} crashed (${error.message})`, { cause: error })));
      worker.on('exit', (code) => {
        if (!this.closed) this.failAll(new Error(`decode worker ${index} exited with code ${code}`));
      });
    });
  }

  /** Starts `size` workers; if one cannot load its decoder, the others are terminated and its error is thrown. */
  static async start(size: number, init: DecodeWorkerInit): Promise<DecodePool> {
    const workers: Worker[] = [];
    try {
      for (let i = 0; i < size; i++) workers.push(await startWorker(init));
    } catch (error) {
      await Promise.all(workers.map((worker) => worker.terminate()));
      throw error;
    }
    return new DecodePool(workers);
  }

  get size(): number {
    return this.workers.length;
  }

  /** Decodes one encoded batch on the next free worker. The batch's arrays are transferred (unusable afterwards). */
  async decode(encoded: EncodedBatch, budget: DecodeBudget): Promise<DecodedBatch> {
    if (this.closed) throw new Error('decode pool used after close()');
    const worker = this.free.pop() ?? (await new Promise<number>((resolve) => this.waiting.push(resolve)));
    try {
      const id = this.nextJob++;
      const done = new Promise<DecodedBatch>((resolve, reject) => this.pending.set(id, { resolve: (value) => resolve({ ...value, worker }), reject }));
      (this.workers[worker] as Worker).postMessage({ id, encoded, budget }, [encoded.hidden.buffer as ArrayBuffer, encoded.mask.buffer as ArrayBuffer]);
      return await done;
    } finally {
      const next = this.waiting.shift();
      if (next) next(worker);
      else this.free.push(worker);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.failAll(new Error('decode pool closed while a batch was decoding'));
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private onMessage(message: DecodeWorkerMessage): void {
    if (message.kind !== 'done' && message.kind !== 'failed') return;
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    if (message.kind === 'done') pending.resolve({ result: message.result, timing: message.timing, worker: -1 });
    else pending.reject(errorOf(message.failure));
  }

  private failAll(error: Error): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
