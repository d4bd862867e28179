// Progress on stderr for long stages: a bar on a terminal, a plain line every few seconds otherwise.
import cliProgress from 'cli-progress';
import type { TranslateProgress } from '../translate/stage.ts';

/** Seconds between plain progress lines when stderr is not a terminal. */
const PLAIN_PROGRESS_EVERY_S = 10;

export interface ProgressReporter {
  readonly update: (progress: TranslateProgress) => void;
  readonly stop: () => void;
}

export function progressReporter(quiet: boolean): ProgressReporter {
  if (quiet) return { update: () => {}, stop: () => {} };
  const started = performance.now();
  let firstCached: number | undefined;
  // Cached sentences arrive at once; the rate counts only what the model translated.
  const elapsedS = (): number => Math.max(0.001, (performance.now() - started) / 1000);
  const rate = (p: TranslateProgress): number => (p.done - (firstCached ?? 0)) / elapsedS();
  // Batches run shortest first, so sentences/s rises during a run: the ETA comes from source tokens.
  const eta = (p: TranslateProgress): string => {
    if (p.modelTokensDone === 0 || p.modelTokensTotal === 0) return '…';
    const seconds = Math.round(((p.modelTokensTotal - p.modelTokensDone) * elapsedS()) / p.modelTokensDone);
    return seconds >= 60 ? `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s` : `${seconds}s`;
  };
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: 'translate [{bar}] {value}/{total} sentences | {rate}/s | ETA {tokenEta}', stream: process.stderr, hideCursor: true, etaBuffer: 50 },
      cliProgress.Presets.shades_classic,
    );
    let startedBar = false;
    return {
      update: (p) => {
        firstCached ??= p.cached;
        if (!startedBar) {
          bar.start(p.total, p.done, { rate: '0.0', tokenEta: eta(p) });
          startedBar = true;
        } else bar.update(p.done, { rate: rate(p).toFixed(1), tokenEta: eta(p) });
      },
      stop: () => {
        if (startedBar) bar.stop();
        startedBar = false;
      },
    };
  }
  let lastLine = 0;
  return {
    update: (p) => {
      firstCached ??= p.cached;
      const now = performance.now();
      if (now - lastLine < PLAIN_PROGRESS_EVERY_S * 1000 && p.done < p.total) return;
      lastLine = now;
      console.error(`translate: ${p.done}/${p.total} sentences (${p.cached} cached), ${rate(p).toFixed(1)}/s, ETA ${eta(p)}`);
    },
    stop: () => {},
  };
}

/** One bar per downloaded model file, on stderr. */
export function downloadReporter(): (p: { file: string; loaded: number; total: number }) => void {
  const bars = new cliProgress.MultiBar(
    { format: '{file} [{bar}] {percentage}% {value}/{total} bytes', stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  const byFile = new Map<string, cliProgress.SingleBar>();
  return ({ file, loaded, total }) => {
    let bar = byFile.get(file);
    if (!bar) {
      bar = bars.create(total, 0, { file });
      byFile.set(file, bar);
    }
    bar.setTotal(total);
    bar.update(loaded, { file });
    if (loaded >= total) bar.stop();
  };
}
