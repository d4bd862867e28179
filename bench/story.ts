// Story-size benchmark: ONE story of N versions (near-copies, or distinct rewrites: bench/story-data.ts)
// through split → stories (--stories one) → align → report, each stage a fresh `fralign` process
// (wall, CPU = user + system, peak RSS = VmHWM), then `fralign run --no-translate --stories one` as
// one process; growth exponents between sizes. Prints a markdown section for bench/RESULTS-corpus.md.
//   npx tsx bench/story.ts [--sizes 50,200,500,1000,2000] [--kinds copies,rewrites] [--no-run] [--full-stories] [--timeout 1200]
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { machineLine } from './lib/stats.ts';
import { storyVersions, type StoryKind } from './story-data.ts';

const ROOT = path.join(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '50,200,500,1000,2000' },
    kinds: { type: 'string', default: 'copies,rewrites' },
    run: { type: 'boolean', default: true },
    'no-run': { type: 'boolean', default: false },
    timeout: { type: 'string', default: '1800' },
    // Every story all-pairs (`fralign align --full-stories`): the full form's own growth.
    'full-stories': { type: 'boolean', default: false },
  },
});
const sizes = (values.sizes as string).split(',').map(Number);
const kinds = (values.kinds as string).split(',') as StoryKind[];
const timeoutMs = Number(values.timeout) * 1000;

interface Measured {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly rssMiB: number;
  readonly failed?: string;
}

function fralign(args: readonly string[], work: string, label: string): Measured {
  const rssFile = path.join(work, `${label}.rss`);
  rmSync(rssFile, { force: true });
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--import', path.join(ROOT, 'bench', 'lib', 'peak-rss-preload.mjs'), '--import', 'tsx', path.join(ROOT, 'src', 'cli.ts'), ...args, '-q'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, FRALIGN_BENCH_RSS_FILE: rssFile },
    maxBuffer: 1 << 26,
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
  });
  const seconds = (performance.now() - started) / 1000;
  const measured = existsSync(rssFile) ? (JSON.parse(readFileSync(rssFile, 'utf8')) as { rssMiB: number; cpuSeconds: number }) : { rssMiB: NaN, cpuSeconds: NaN };
  const failed = result.status === 0 ? undefined : result.signal === 'SIGKILL' ? `killed after ${values.timeout} s` : `exit ${result.status}: ${result.stderr.trim().split('\n').at(-1) ?? ''}`;
  console.error(`bench/story: ${label} ${failed ?? 'done'}: ${seconds.toFixed(1)} s wall, ${measured.cpuSeconds.toFixed(1)} s CPU, ${Math.round(measured.rssMiB)} MiB (load ${os.loadavg()[0]?.toFixed(1)})`);
  return { seconds, ...measured, ...(failed ? { failed } : {}) };
}

const STAGES = ['split', 'stories', 'align', 'report'] as const;
interface Row {
  readonly kind: StoryKind;
  readonly size: number;
  readonly stages: Record<string, Measured>;
  readonly run?: Measured;
  readonly pairs: number;
  readonly alignmentsMiB: number;
  readonly duplicates: number;
  readonly form: string;
}
const rows: Row[] = [];
const started = new Date();
const loadBefore = os.loadavg().map((x) => x.toFixed(1)).join(' / ');
for (const kind of kinds) {
  for (const size of sizes) {
    const work = mkdtempSync(path.join(os.tmpdir(), `fralign-bench-story-${kind}-${size}-`));
    try {
      const input = path.join(work, 'story.jsonl');
      await new Promise<void>((resolve, reject) => {
        const out = createWriteStream(input);
        out.on('error', reject);
        for (const article of storyVersions(kind, size)) out.write(`${JSON.stringify({ id: article.id, text: article.text })}\n`);
        out.end(resolve);
      });
      const dir = path.join(work, 'out');
      const stages: Record<string, Measured> = {};
      const args: Record<(typeof STAGES)[number], string[]> = { split: ['split', input, '--out', dir], stories: ['stories', '--out', dir, '--stories', 'one'], align: ['align', '--out', dir, ...(values['full-stories'] ? ['--full-stories'] : [])], report: ['report', dir] };
      for (const stage of STAGES) {
        stages[stage] = fralign(args[stage], work, `${kind} ${size} ${stage}`);
        if (stages[stage].failed) break;
      }
      const stories = existsSync(path.join(dir, 'stories.jsonl')) ? readFileSync(path.join(dir, 'stories.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { duplicates: string[][] }) : [];
      const duplicates = stories.reduce((n, s) => n + s.duplicates.reduce((m, g) => m + g.length, 0), 0);
      const alignments = path.join(dir, 'alignments.jsonl');
      const manifest = existsSync(path.join(dir, 'manifest.json')) ? (JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { stages?: { align?: { counts?: { pairs?: number; compact_stories?: number; reference_stories?: number } } } }) : {};
      const counts = manifest.stages?.align?.counts;
      const row: Row = {
        kind,
        size,
        stages,
        pairs: counts?.pairs ?? NaN,
        alignmentsMiB: existsSync(alignments) ? statSync(alignments).size / 2 ** 20 : NaN,
        duplicates,
        form: counts === undefined ? '-' : [(counts.compact_stories ?? 0) > 0 ? 'compact' : '', (counts.reference_stories ?? 0) > 0 ? 'reference' : ''].filter(Boolean).join(' + ') || 'full',
      };
      const runRow = values.run && !values['no-run'] ? fralign(['run', input, '--out', path.join(work, 'run'), '--no-translate', '--stories', 'one', ...(values['full-stories'] ? ['--full-stories'] : [])], work, `${kind} ${size} run`) : undefined;
      rows.push(runRow ? { ...row, run: runRow } : row);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
}

const cell = (m: Measured | undefined): string => (m === undefined ? '-' : m.failed ? `${m.failed} (${m.seconds.toFixed(0)} s, ${Math.round(m.rssMiB)} MiB)` : `${m.seconds.toFixed(1)} s / ${m.cpuSeconds.toFixed(1)} s / ${Math.round(m.rssMiB)} MiB`);
const lines: string[] = [];
lines.push(`Command: \`npx tsx bench/story.ts --sizes ${values.sizes} --kinds ${values.kinds}\`, ${started.toISOString().slice(0, 16)} UTC, ${((Date.now() - started.getTime()) / 60000).toFixed(0)} min.`);
lines.push(`Machine: ${machineLine()}. Load average before: ${loadBefore}; after: ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')}.`);
lines.push('Each cell: wall / CPU (user + system) / peak RSS (VmHWM) of one fresh `fralign` process; one run per size. On a shared machine wall time includes waiting for a core, CPU time does not.');
lines.push('');
lines.push(`| versions | kind | copies marked | split | stories | align | report | run (one process) | pairs | alignments.jsonl | form |`);
lines.push('|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  lines.push(`| ${r.size} | ${r.kind} | ${r.duplicates} | ${STAGES.map((s) => cell(r.stages[s])).join(' | ')} | ${cell(r.run)} | ${Number.isNaN(r.pairs) ? '-' : r.pairs} | ${Number.isNaN(r.alignmentsMiB) ? '-' : `${r.alignmentsMiB.toFixed(1)} MiB`} | ${r.form} |`);
}
lines.push('');
lines.push('Growth exponents (log(CPU ratio) / log(size ratio)) of the align stage, and of the whole `run`:');
lines.push('');
for (const kind of kinds) {
  const mine = rows.filter((r) => r.kind === kind);
  const steps: string[] = [];
  for (let n = 1; n < mine.length; n++) {
    const x = mine[n - 1] as Row;
    const y = mine[n] as Row;
    const exp = (a?: Measured, b?: Measured): string => (a && b && !a.failed && !b.failed ? (Math.log(b.cpuSeconds / a.cpuSeconds) / Math.log(y.size / x.size)).toFixed(2) : '-');
    steps.push(`${x.size} → ${y.size}: align ${exp(x.stages.align, y.stages.align)}, run ${exp(x.run, y.run)}`);
  }
  const first = mine.find((r) => r.size === 200);
  const last = mine.find((r) => r.size === 1000);
  const overall = first && last && !first.stages.align?.failed && !last.stages.align?.failed ? (Math.log((last.stages.align as Measured).cpuSeconds / (first.stages.align as Measured).cpuSeconds) / Math.log(5)).toFixed(2) : '-';
  lines.push(`- ${kind}: ${steps.join('; ')}; align 200 → 1,000: ${overall}`);
}
console.log(lines.join('\n'));
