// Progress a person can trust (issue 20 part 3): the bar fits a 60-column terminal with its rate and
// ETA, no ETA is shown before decoding has been timed (a 1-minute job whose model takes 20 s to
// load must not announce "33 min"), status lines ("loading model …") come on lines of their own.
import { describe, expect, it } from 'vitest';
import { ETA_MIN_BATCHES, ETA_MIN_S, formatDuration, ProgressClock, progressLine, progressReporter } from '../src/commands/progress.ts';
import type { TranslateProgress } from '../src/translate/stage.ts';

const progress = (done: number, total: number, tokensDone: number, tokensTotal: number, cached = 0): TranslateProgress => ({
  done,
  total,
  cached,
  modelTokensDone: tokensDone,
  modelTokensTotal: tokensTotal,
});

/**
 * A 1-minute job: 60 batches of 16 sentences (20 tokens each), the first batch finishing after a
 * 20 s model load, then one batch a second. Yields [seconds since start, progress].
 */
function* oneMinuteJob(): Generator<[number, TranslateProgress]> {
  const batches = 60;
  yield [0, progress(0, batches * 16, 0, batches * 16 * 20)];
  for (let b = 1; b <= batches; b++) yield [20 + (b - 1), progress(b * 16, batches * 16, b * 16 * 20, batches * 16 * 20)];
}

/** What a terminal shows, line by line: a cursor move to column 1 starts the line over. */
const visible = (text: string): string[] =>
  text
    // eslint-disable-next-line no-control-regex
    .replace(/\x1b\[1G/gu, '\n')
    // eslint-disable-next-line no-control-regex
    .replace(/\x1b(\[[0-9;?]*[A-Za-z]|[78])/gu, '')
    .split(/[\r\n]/u)
    .filter((line) => line !== '');

describe('progress line', () => {
  it.each([
    ['start, nothing timed', progress(0, 1234, 0, 50_000), undefined, undefined],
    ['mid-run', progress(617, 1234, 25_000, 50_000), 12.34, 95],
    ['big corpus, slow', progress(123_456, 1_234_567, 1, 2), 0.4, 7 * 3600 + 5],
    ['done', progress(1234, 1234, 50_000, 50_000), 250, 0],
  ])('%s: fits 60 columns with the counts, rate and ETA', (_, p, rate, eta) => {
    const line = progressLine(p, rate, eta, 60);
    expect(line.length).toBeLessThanOrEqual(59);
    expect(line).toContain(`${p.done}/${p.total}`);
    expect(line).toContain(rate === undefined ? '-/s' : '/s');
    expect(line).toContain(eta === undefined ? 'ETA …' : `ETA ${formatDuration(eta)}`);
    expect(line).toContain('[');
  });

  it.each([20, 30, 40])('at %i columns the rate and ETA still come before the bar is given up', (columns) => {
    const line = progressLine(progress(617, 1234, 25_000, 50_000), 12.3, 95, columns);
    expect(line.length).toBeLessThanOrEqual(columns - 1);
    expect(line).toContain('ETA');
  });

  it.each([
    [5, '5s'],
    [65, '1m05s'],
    [3 * 3600 + 125, '3h02m'],
  ])('%i s reads %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});

describe('ETA', () => {
  it(`is withheld until ${ETA_MIN_BATCHES} batches and ${ETA_MIN_S} s after the first (which paid for loading) are timed, then close to the truth`, () => {
    const clock = new ProgressClock();
    const seen: [number, number | undefined][] = [];
    for (const [t, p] of oneMinuteJob()) {
      clock.observe(p, t * 1000);
      seen.push([t, clock.etaSeconds()]);
    }
    const first = seen.findIndex(([, eta]) => eta !== undefined);
    // Until then nothing; never an ETA far above the 60 s the job really takes.
    expect(first).toBeGreaterThan(ETA_MIN_BATCHES);
    for (const [t, eta] of seen.slice(first)) {
      const left = 79 - t;
      expect(Math.abs((eta as number) - left)).toBeLessThanOrEqual(Math.max(2, left * 0.2));
    }
  });

  it('cached sentences alone start no clock', () => {
    const clock = new ProgressClock();
    clock.observe(progress(500, 1000, 0, 9000, 500), 0);
    clock.observe(progress(500, 1000, 0, 9000, 500), 30_000);
    expect(clock.etaSeconds()).toBeUndefined();
    expect(clock.rate()).toBeUndefined();
  });
});

describe('reporter', () => {
  const run = (isTTY: boolean): string => {
    let out = '';
    let now = 0;
    const stream = { isTTY, columns: 60, write: (text: string) => (out += text) };
    const reporter = progressReporter(false, stream, () => now);
    reporter.status('loading model tiny (int8, 2 decode workers)…');
    for (const [t, p] of oneMinuteJob()) {
      now = t * 1000;
      reporter.update(p);
      if (t === 20) reporter.status('model loaded in 20.0 s');
    }
    reporter.stop();
    return out;
  };

  it('on a 60-column terminal: every drawn line fits, status lines stand alone, the ETA never reads minutes for this job', () => {
    const lines = visible(run(true));
    expect(lines).toContain('translate: loading model tiny (int8, 2 decode workers)…');
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(60);
    const etas = lines.flatMap((line) => [...line.matchAll(/ETA (\d+)m/gu)].map((m) => Number(m[1])));
    expect(etas.every((minutes) => minutes < 2)).toBe(true);
  });

  it('without a terminal: plain lines, "ETA once a few batches are timed" at first, never a wild figure', () => {
    const lines = visible(run(false));
    expect(lines[0]).toBe('translate: loading model tiny (int8, 2 decode workers)…');
    const progressLines = lines.filter((line) => line.includes('sentences'));
    expect(progressLines[0]).toContain('ETA once a few batches are timed');
    expect(progressLines.join('\n')).not.toMatch(/ETA \d+m/u);
    expect(progressLines.at(-1)).toContain('done');
  });

  it('quiet prints nothing', () => {
    let out = '';
    const reporter = progressReporter(true, { isTTY: true, columns: 60, write: (text: string) => (out += text) });
    reporter.status('loading model');
    reporter.update(progress(1, 2, 1, 2));
    reporter.stop();
    expect(out).toBe('');
  });
});
