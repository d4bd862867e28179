// Progress on stderr for long stages: a bar on a terminal, a plain line every few seconds otherwise,
// and one-line status messages ("loading model …", the one-time int8 derivation) before either.
// What a person can trust: the bar always fits the terminal with its rate and ETA visible, and no
// ETA is shown before enough decoding has been timed to make one (loading the model is not decoding).
import cliProgress from 'cli-progress';
import type { TranslateProgress } from '../translate/stage.ts';

/** Seconds between plain progress lines when stderr is not a terminal. */
const PLAIN_PROGRESS_EVERY_S = 10;

/**
 * The ETA waits for this much timed decoding after the first finished batch (that batch pays for
 * loading the model, and with two workers the next one was mostly decoded before it): at least
 * ETA_MIN_BATCHES batches and ETA_MIN_S seconds. Batches run shortest first, so the estimate comes
 * from source tokens, not sentences.
 */
export const ETA_MIN_BATCHES = 4;
export const ETA_MIN_S = 5;

/** Rate and ETA from the batches timed so far; both undefined until there is enough to go on. */
export class ProgressClock {
  private start: { readonly ms: number; readonly tokens: number; readonly done: number } | undefined;
  private batches = 0;
  private latest: { readonly ms: number; readonly p: TranslateProgress } | undefined;

  observe(p: TranslateProgress, nowMs: number): void {
    this.latest = { ms: nowMs, p };
    if (p.modelTokensDone === 0) return;
    if (!this.start) this.start = { ms: nowMs, tokens: p.modelTokensDone, done: p.done };
    else this.batches++;
  }

  private timed(): { seconds: number; tokens: number; done: number; p: TranslateProgress } | undefined {
    if (!this.start || !this.latest || this.batches < ETA_MIN_BATCHES) return undefined;
    const seconds = (this.latest.ms - this.start.ms) / 1000;
    const tokens = this.latest.p.modelTokensDone - this.start.tokens;
    if (seconds < ETA_MIN_S || tokens <= 0) return undefined;
    return { seconds, tokens, done: this.latest.p.done - this.start.done, p: this.latest.p };
  }

  /** Sentences per second the model translates (cache hits excluded). */
  rate(): number | undefined {
    const t = this.timed();
    return t ? t.done / t.seconds : undefined;
  }

  /** Seconds left, or undefined while too little is timed. */
  etaSeconds(): number | undefined {
    const t = this.timed();
    return t ? ((t.p.modelTokensTotal - t.p.modelTokensDone) * t.seconds) / t.tokens : undefined;
  }
}

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

const rateText = (rate: number | undefined): string => (rate === undefined ? '-/s' : `${rate < 10 ? rate.toFixed(1) : Math.round(rate)}/s`);
const etaText = (eta: number | undefined): string => (eta === undefined ? 'ETA …' : `ETA ${formatDuration(eta)}`);

/**
 * One progress line of at most `columns - 1` characters (the last column is left free: writing it
 * makes some terminals wrap). The bar shrinks to make room for the counts, rate and ETA, and is
 * dropped below 5 cells; those three are never cut.
 */
export function progressLine(p: TranslateProgress, rate: number | undefined, eta: number | undefined, columns: number): string {
  const tail = `${p.done}/${p.total} ${rateText(rate)} ${etaText(eta)}`;
  const width = Math.max(0, columns - 1);
  for (const label of ['translate ', '']) {
    const barCells = width - label.length - tail.length - 3; // ' [' + ']' around the bar, then a space
    if (barCells >= 5) {
      const filled = p.total === 0 ? barCells : Math.round((barCells * p.done) / p.total);
      return `${label}[${'█'.repeat(filled)}${'░'.repeat(barCells - filled)}] ${tail}`;
    }
  }
  return tail.length <= width ? tail : `${p.done}/${p.total} ${etaText(eta)}`.slice(0, width);
}

export interface ProgressReporter {
  readonly update: (progress: TranslateProgress) => void;
  /** A status line ("loading model …"): printed on its own line, never into the bar. */
  readonly status: (message: string) => void;
  readonly stop: () => void;
}

/** Where progress goes: stderr, or a stand-in with the same shape (tests). */
export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

export function progressReporter(quiet: boolean, stream: ProgressStream = process.stderr, now: () => number = () => performance.now()): ProgressReporter {
  if (quiet) return { update: () => {}, status: () => {}, stop: () => {} };
  const clock = new ProgressClock();
  // $COLUMNS when the stream does not know its width (help does the same).
  const columns = (): number => stream.columns ?? (Number(process.env.COLUMNS) || 80);
  if (stream.isTTY) {
    let last: TranslateProgress | undefined;
    const bar = new cliProgress.SingleBar(
      {
        stream: stream as NodeJS.WriteStream,
        hideCursor: true,
        // cli-progress cuts lines at the terminal width (rate and ETA first); ours already fit.
        format: () => (last ? progressLine(last, clock.rate(), clock.etaSeconds(), columns()) : ''),
        linewrap: false,
      },
      cliProgress.Presets.shades_classic,
    );
    let active = false;
    return {
      update: (p) => {
        clock.observe(p, now());
        last = p;
        // The bar starts with the first finished batch, so "loading model" lines come before it.
        if (!active && p.done > p.cached && p.done < p.total) {
          bar.start(p.total, p.done);
          active = true;
        } else if (active) bar.update(p.done);
      },
      status: (message) => {
        if (active) {
          bar.stop();
          active = false;
        }
        stream.write(`translate: ${message}\n`);
      },
      stop: () => {
        if (active) bar.stop();
        active = false;
      },
    };
  }
  let lastLine = -Infinity;
  return {
    update: (p) => {
      const t = now();
      clock.observe(p, t);
      if (t - lastLine < PLAIN_PROGRESS_EVERY_S * 1000 && p.done < p.total) return;
      lastLine = t;
      const eta = clock.etaSeconds();
      const rate = clock.rate();
      stream.write(
        `translate: ${p.done}/${p.total} sentences (${p.cached} cached)${rate === undefined ? '' : `, ${rateText(rate)}`}, ` +
          `${p.done >= p.total ? 'done' : eta === undefined ? 'ETA once a few batches are timed' : etaText(eta)}\n`,
      );
    },
    status: (message) => {
      stream.write(`translate: ${message}\n`);
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
