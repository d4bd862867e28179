// SIGINT, SIGTERM and SIGHUP, one mechanism for every command that holds a run folder: the lock is
// released, one line says what is saved and how to resume, and the exit code is the one shells
// give a process killed by that signal (128 + its number: 130, 143, 129), so scripts, Slurm and
// Kubernetes see an interruption, not a failure. A stage that can stop cleanly (translation
// finishes the batches in flight, which land in the cache) registers with `whileInterruptible`;
// the first signal asks it to stop, a second one stops at once.
import { readFileSync } from 'node:fs';
import path from 'node:path';

const EXIT_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
type HandledSignal = keyof typeof EXIT_CODES;

let installed = false;
let received: HandledSignal | undefined;
const stoppers = new Set<(signal: HandledSignal) => void>();
let releaseLocks: () => void = () => undefined;
let folders: () => string[] = () => [];

/** The exit code for an interrupted command: 128 + the signal's number (130 when none was seen). */
export function interruptExitCode(): number {
  return received ? EXIT_CODES[received] : 130;
}

/** The signal that interrupted this process, if any. */
export function interruptedBy(): HandledSignal | undefined {
  return received;
}

/** Installs the handlers once (run-folder.ts calls it when the first lock is taken). */
export function installSignalHandlers(hooks?: { release: () => void; folders: () => string[] }): void {
  if (hooks) {
    releaseLocks = hooks.release;
    folders = hooks.folders;
  }
  if (installed) return;
  installed = true;
  for (const signal of Object.keys(EXIT_CODES) as HandledSignal[]) process.on(signal, () => onSignal(signal));
}

/**
 * Runs `work` with a stop hook: the first signal calls `stop` (the stage then ends with an
 * INTERRUPTED error naming what it saved) instead of exiting at once.
 */
export async function whileInterruptible<T>(stop: (signal: HandledSignal) => void, work: () => Promise<T>): Promise<T> {
  stoppers.add(stop);
  try {
    return await work();
  } finally {
    stoppers.delete(stop);
  }
}

function onSignal(signal: HandledSignal): void {
  const first = received === undefined;
  received ??= signal;
  if (first && stoppers.size > 0) {
    process.stderr.write(`\nfralign: ${signal}: finishing the work in flight and saving it (${signal === 'SIGINT' ? 'Ctrl-C' : signal} again to stop at once)\n`);
    for (const stop of stoppers) stop(signal);
    return;
  }
  const saved = folders().map(describeSaved).join('; ');
  releaseLocks();
  process.stderr.write(`\nfralign: interrupted by ${signal}${saved ? `; ${saved}` : ''}; run the same command again to resume\n`);
  process.exit(EXIT_CODES[signal]);
}

/** What a run folder holds, from its manifest: the stages that finished. */
function describeSaved(dir: string): string {
  try {
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { stages?: Record<string, { status?: string }> };
    const done = Object.entries(manifest.stages ?? {}).filter(([, stage]) => stage?.status === 'done').map(([name]) => name);
    return `${dir} keeps ${done.length > 0 ? `the finished stages (${done.join(', ')})` : 'no finished stage'} and the translation cache`;
  } catch {
    return `${dir} keeps what finished before (no manifest yet)`;
  }
}
