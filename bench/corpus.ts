// Corpus-mode benchmark: generated corpora of 1k, 10k, 100k and 200k articles, (1) through split →
// stories → align (no translation), each stage a fresh `fralign` process, and (2) as a user runs it:
// `fralign run --no-translate` in one process, report included, with each stage's time and peak RSS
// inside that process; wall time, CPU time and peak RSS, how they grow (exponents); plus the story
// clustering against the generator's own stories.
//   npx tsx bench/corpus.ts [--sizes 1000,10000,100000,200000] [--modes staged,run] [--out bench/RESULTS-corpus.md]
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeFileSync } from 'node:fs';
import { generateCorpus, sourceSentences } from './corpus-data.ts';
import { machineLine } from './lib/stats.ts';

const ROOT = path.join(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000,100000,200000' },
    modes: { type: 'string', default: 'staged,run' },
    out: { type: 'string', default: path.join(ROOT, 'bench', 'RESULTS-corpus.md') },
  },
});
const sizes = (values.sizes as string).split(',').map(Number);
const modes = new Set((values.modes as string).split(','));
const { sentences, source } = await sourceSentences();

interface StageRun {
  readonly stage: string;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly rssMiB: number;
}

function runStage(stage: string, args: readonly string[], work: string): StageRun {
  const rssFile = path.join(work, `${stage}.rss`);
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--import', path.join(ROOT, 'bench', 'lib', 'peak-rss-preload.mjs'), '--import', 'tsx', path.join(ROOT, 'src', 'cli.ts'), ...args, '-q'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, FRALIGN_BENCH_RSS_FILE: rssFile },
    maxBuffer: 1 << 26,
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`bench/corpus: ${stage} failed (exit ${result.status}): ${result.stderr.slice(-2000)}`);
  const measured = JSON.parse(readFileSync(rssFile, 'utf8')) as { rssMiB: number; cpuSeconds: number };
  // One line per finished stage, so a long size still leaves figures if it is stopped.
  console.log(`bench/corpus: ${args[0]} done: ${seconds.toFixed(1)} s wall, ${measured.cpuSeconds.toFixed(1)} s CPU, ${Math.round(measured.rssMiB)} MiB`);
  return { stage, seconds, ...measured };
}

interface StageMark {
  readonly stage: string;
  readonly rssMiB: number;
  readonly endSeconds: number;
  readonly cpuSeconds: number;
}

interface WholeRun {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly rssMiB: number;
  readonly stages: readonly StageMark[];
  readonly reportFiles: number;
}

/** `fralign run INPUT --no-translate` in one process, report included; stage marks from its stage lines. */
function runWhole(input: string, dir: string, work: string): WholeRun {
  const rssFile = path.join(work, 'run.rss');
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--import', path.join(ROOT, 'bench', 'lib', 'peak-rss-preload.mjs'), '--import', 'tsx', path.join(ROOT, 'src', 'cli.ts'), 'run', input, '--no-translate', '--out', dir], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, FRALIGN_BENCH_RSS_FILE: rssFile, FRALIGN_BENCH_STAGES: '1' },
    maxBuffer: 1 << 26,
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`bench/corpus: fralign run failed (exit ${result.status}): ${result.stderr.slice(-2000)}`);
  const measured = JSON.parse(readFileSync(rssFile, 'utf8')) as { rssMiB: number; cpuSeconds: number; stages: StageMark[] };
  const pages = path.join(dir, 'report-stories');
  const reportFiles = 1 + (existsSync(pages) ? readdirSync(pages).filter((name) => name.endsWith('.html')).length : 0);
  console.log(`bench/corpus: fralign run done: ${seconds.toFixed(1)} s wall, ${measured.cpuSeconds.toFixed(1)} s CPU, ${Math.round(measured.rssMiB)} MiB; ${measured.stages.map((m) => `${m.stage} ${Math.round(m.rssMiB)} MiB`).join(', ')}`);
  return { seconds, ...measured, reportFiles };
}

/** Each stage's wall and CPU seconds (from the previous mark) and its peak RSS, in run order. */
function stageFigures(run: WholeRun): { stage: string; seconds: number; cpuSeconds: number; rssMiB: number }[] {
  return run.stages.map((mark, k) => ({
    stage: mark.stage,
    seconds: mark.endSeconds - (run.stages[k - 1]?.endSeconds ?? 0),
    cpuSeconds: mark.cpuSeconds - (run.stages[k - 1]?.cpuSeconds ?? 0),
    rssMiB: mark.rssMiB,
  }));
}

/** Growth exponent between two sizes: log(b/a) / log(sizeB/sizeA) (1 = linear). */
const exponent = (a: number, b: number, sizeA: number, sizeB: number): string => (a > 0 && b > 0 ? (Math.log(b / a) / Math.log(sizeB / sizeA)).toFixed(2) : '—');

/** Pairwise precision/recall of predicted stories against the generator's, from the contingency counts. */
function pairwise(truth: ReadonlyMap<string, number>, predicted: ReadonlyMap<string, string>): { precision: number; recall: number; f1: number } {
  const choose2 = (n: number): number => (n * (n - 1)) / 2;
  const cells = new Map<string, number>();
  const truthSizes = new Map<number, number>();
  const predSizes = new Map<string, number>();
  for (const [doc, story] of truth) {
    const p = predicted.get(doc) ?? `missing:${doc}`;
    cells.set(`${story}\0${p}`, (cells.get(`${story}\0${p}`) ?? 0) + 1);
    truthSizes.set(story, (truthSizes.get(story) ?? 0) + 1);
    predSizes.set(p, (predSizes.get(p) ?? 0) + 1);
  }
  let tp = 0;
  for (const n of cells.values()) tp += choose2(n);
  let truePairs = 0;
  for (const n of truthSizes.values()) truePairs += choose2(n);
  let predictedPairs = 0;
  for (const n of predSizes.values()) predictedPairs += choose2(n);
  const precision = predictedPairs === 0 ? 1 : tp / predictedPairs;
  const recall = truePairs === 0 ? 1 : tp / truePairs;
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall) };
}

const rows: string[] = [];
const runRows: string[] = [];
const wholeRuns: { size: number; run: WholeRun }[] = [];
const quality: string[] = [];
const started = new Date();
for (const size of sizes) {
  const work = mkdtempSync(path.join(os.tmpdir(), `fralign-bench-corpus-${size}-`));
  try {
    const input = path.join(work, 'corpus.jsonl');
    const truth = new Map<string, number>();
    await new Promise<void>((resolve, reject) => {
      const out = createWriteStream(input);
      out.on('error', reject);
      for (const article of generateCorpus(sentences, size)) {
        truth.set(article.id, article.story);
        out.write(`${JSON.stringify({ id: article.id, text: article.text, date: article.date })}\n`);
      }
      out.end(resolve);
    });
    const dir = path.join(work, 'out');
    if (modes.has('staged')) {
      const runs = [
        runStage('split', ['split', input, '--out', dir], work),
        runStage('stories', ['stories', '--out', dir], work),
        runStage('align', ['align', '--out', dir], work),
      ];
      const total = runs.reduce((sum, r) => sum + r.seconds, 0);
      const peak = Math.max(...runs.map((r) => r.rssMiB));
      const cpu = runs.reduce((sum, r) => sum + r.cpuSeconds, 0);
      rows.push(`| ${size} | ${runs.map((r) => `${r.seconds.toFixed(1)} s / ${r.cpuSeconds.toFixed(1)} s / ${Math.round(r.rssMiB)} MiB`).join(' | ')} | ${total.toFixed(1)} s / ${cpu.toFixed(1)} s | ${Math.round(peak)} MiB |`);
      console.log(`bench/corpus: ${size} articles: ${runs.map((r) => `${r.stage} ${r.seconds.toFixed(1)} s wall, ${r.cpuSeconds.toFixed(1)} s CPU, ${Math.round(r.rssMiB)} MiB`).join('; ')}`);
    }
    if (modes.has('run')) {
      const whole = path.join(work, 'run');
      const run = runWhole(input, whole, work);
      wholeRuns.push({ size, run });
      const load = os.loadavg()[0]!.toFixed(1);
      runRows.push(`| ${size} | ${run.seconds.toFixed(1)} s / ${run.cpuSeconds.toFixed(1)} s / ${Math.round(run.rssMiB)} MiB | ${stageFigures(run).map((f) => `${f.stage} ${f.seconds.toFixed(1)} s / ${f.cpuSeconds.toFixed(1)} s / ${Math.round(f.rssMiB)} MiB`).join('; ')} | ${run.reportFiles} | ${load} |`);
    }
    const storiesDir = modes.has('staged') ? dir : path.join(work, 'run');
    const stories = readFileSync(path.join(storiesDir, 'stories.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { story: string; docs: string[] });
    const predicted = new Map(stories.flatMap((s) => s.docs.map((d) => [d, s.story] as const)));
    const score = pairwise(truth, predicted);
    const largest = Math.max(...stories.map((s) => s.docs.length));
    quality.push(`| ${size} | ${new Set(truth.values()).size} | ${stories.length} | ${largest} | ${score.precision.toFixed(4)} | ${score.recall.toFixed(4)} | ${score.f1.toFixed(4)} |`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  writeReport();
}

/** Growth exponents of the one-process run between successive sizes: whole run and each stage. */
function growthLines(): string[] {
  const lines: string[] = [];
  for (let k = 1; k < wholeRuns.length; k++) {
    const [a, b] = [wholeRuns[k - 1]!, wholeRuns[k]!];
    const [fa, fb] = [stageFigures(a.run), stageFigures(b.run)];
    const perStage = fb.map((f) => {
      const g = fa.find((x) => x.stage === f.stage);
      return g ? `${f.stage} CPU ${exponent(g.cpuSeconds, f.cpuSeconds, a.size, b.size)}, RSS ${exponent(g.rssMiB, f.rssMiB, a.size, b.size)}` : '';
    });
    lines.push(`- ${a.size} → ${b.size}: run wall ${exponent(a.run.seconds, b.run.seconds, a.size, b.size)}, CPU ${exponent(a.run.cpuSeconds, b.run.cpuSeconds, a.size, b.size)}, peak RSS ${exponent(a.run.rssMiB, b.run.rssMiB, a.size, b.size)}; ${perStage.filter(Boolean).join('; ')}`);
  }
  return lines;
}

/** Written after every size, so the finished sizes are on disk even if a larger one is stopped. */
function writeReport(): string {
  const report = [
    '# Corpus-mode benchmark (bench/corpus.ts)',
    '',
    `Command: \`npx tsx bench/corpus.ts --sizes ${sizes.join(',')} --modes ${[...modes].join(',')}\` (also run by \`npm run bench -- --corpus\`), ${started.toISOString().slice(0, 16)} UTC.`,
    `Machine: ${machineLine()}. Load average after: ${os.loadavg().map((x) => x.toFixed(2)).join(' / ')} (shared machine: compare sizes within this run, not across runs).`,
    `Corpus: generated stories of 2–6 versions (10–16 sentences, invented names/numbers/words per story, sentences dropped/reordered), built from ${source}.`,
    'Wall = elapsed time; CPU = user + system time of that process (on a shared machine wall time includes waiting for a core; CPU time does not); peak RSS = VmHWM.',
    '',
    '## `fralign run --no-translate`: one process, report included',
    '',
    'Per stage: wall / CPU seconds between the stage lines the command prints, and the highest RSS sampled (every 100 ms) during the stage (bench/lib/peak-rss-preload.mjs with FRALIGN_BENCH_STAGES=1).',
    '',
    '| articles | run: wall / CPU / peak RSS | per stage: wall / CPU / peak RSS | report files | load (1 min) at end |',
    '|---|---|---|---|---|',
    ...runRows,
    '',
    'Growth exponents (log ratio / log size ratio; 1 = linear):',
    '',
    ...growthLines(),
    '',
    '## Stage by stage, each a fresh process (split → stories → align, no report)',
    '',
    '| articles | split: wall / CPU / peak RSS | stories: wall / CPU / peak RSS | align: wall / CPU / peak RSS | total wall / CPU | max peak RSS |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    'Story clustering against the generator\'s stories (pairwise over document pairs):',
    '',
    '| articles | generated stories | fralign stories | largest story | P | R | F1 |',
    '|---|---|---|---|---|---|---|',
    ...quality,
    '',
  ].join('\n');
  writeFileSync(values.out as string, report);
  return report;
}

console.log(writeReport());
