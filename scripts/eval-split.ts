// Scores fralign's sentence splitter beside simple splitters on the external dev suite
// (../shared/eval/segment, gold made by others), with the suite's own scorer, and prints the
// table docs/segmentation.md shows. Reads ../shared/eval; says so and exits 2 when it is absent.
// Usage: npx tsx scripts/eval-split.ts [--errors N] [--data a,b] [--json FILE]
//   --errors N   also print the scorer's error classes with N examples each (fralign only)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { scoreQuoteVariants } from './split/quote-variants.ts';
import { cldr, fralign, sbdLines, sentenceSplitter } from './split/systems.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SUITE = resolve(ROOT, '..', 'shared', 'eval', 'segment');
const SCORER = join(SUITE, 'score.mjs');
const SYSTEMS = join(ROOT, 'scripts', 'split', 'systems.ts');

/** Export name in scripts/split/systems.ts → label in the table. fralign first, then the baselines. */
const SPLITTERS: ReadonlyArray<readonly [string, string]> = [
  ['fralign', 'fralign'],
  ['sbdLines', 'sbd (line breaks)'],
  ['cldr', 'Intl.Segmenter (CLDR rules)'],
  ['sentenceSplitter', 'sentence-splitter (defaults)'],
];

const { values } = parseArgs({ options: { errors: { type: 'string' }, data: { type: 'string', default: 'all' }, json: { type: 'string' } } });

if (!existsSync(SCORER)) {
  console.error(`eval-split: the external dev suite is absent (no ${SCORER}); nothing scored. It lives in ../shared/eval/segment beside the repository.`);
  process.exit(2);
}

interface Row {
  readonly dataset: string;
  readonly system: string;
  readonly p: number;
  readonly r: number;
  readonly f1: number;
  readonly fp: number;
  readonly fn: number;
  readonly gold: number;
}

function score(splitters: ReadonlyArray<readonly [string, string]>, extra: readonly string[], quiet: boolean): Row[] {
  const work = mkdtempSync(join(tmpdir(), 'fralign-eval-split-'));
  const jsonFile = join(work, 'scores.json');
  const args = ['--import', 'tsx', SCORER, '--data', values.data as string, '--json', jsonFile, ...extra];
  for (const [exportName, label] of splitters) args.push('--module', SYSTEMS, '--export', exportName, '--label', label);
  if (quiet) args.push('--quiet');
  const run = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', quiet ? 'pipe' : 'inherit', 'inherit'] });
  try {
    if (run.status !== 0) throw new Error(`eval-split: the scorer exited with ${run.status}`);
    return (JSON.parse(readFileSync(jsonFile, 'utf8')) as { results: Row[] }).results;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (values.errors !== undefined) score([SPLITTERS[0] as readonly [string, string]], ['--errors', values.errors], false);
const rows = score(SPLITTERS, [], true);

const pct = (x: number): string => (100 * x).toFixed(1);
const datasets = [...new Set(rows.map((row) => row.dataset))];
const baselines = SPLITTERS.slice(1).map(([, label]) => label);
console.log(`Boundary F1 (%) on ../shared/eval/segment, scored by its score.mjs; in brackets P / R and false/missed boundaries\n`);
console.log(`| dataset | fralign F1 (P / R) | best simple splitter F1 | ${baselines.join(' | ')} | fralign ≥ best |`);
console.log(`|---|---|---|${baselines.map(() => '---').join('|')}|---|`);
let allMet = true;
for (const dataset of datasets) {
  const of = (label: string): Row | undefined => rows.find((row) => row.dataset === dataset && row.system === label);
  const ours = of('fralign');
  if (!ours) continue;
  const simple = baselines.map(of).filter((row): row is Row => row !== undefined);
  const best = simple.reduce((top, row) => (row.f1 > top.f1 ? row : top));
  const met = Number(pct(ours.f1)) >= Number(pct(best.f1));
  allMet &&= met;
  console.log(
    `| ${dataset} | **${pct(ours.f1)}** (${pct(ours.p)} / ${pct(ours.r)}; ${ours.fp}/${ours.fn}) | ${pct(best.f1)} (${best.system}) | ` +
      `${simple.map((row) => `${pct(row.f1)} (${row.fp}/${row.fn})`).join(' | ')} | ${met ? 'yes' : 'NO'} |`,
  );
}
console.log(`\nfralign ${allMet ? 'matches or beats' : 'is BELOW'} the best simple splitter on ${allMet ? 'every' : 'some'} dev set (F1 compared at one decimal, as printed).`);

// Robustness: the news gold with its quotes re-typed (see scripts/split/quote-variants.ts).
const NEWS = 'wmt22-fr-news';
if (datasets.includes(NEWS)) {
  const functions = { fralign, sbdLines, cldr, sentenceSplitter } as const;
  const variants = await scoreQuoteVariants(SUITE, NEWS, SPLITTERS.map(([name, label]) => [label, functions[name as keyof typeof functions]] as const));
  const labels = SPLITTERS.map(([, label]) => label);
  console.log(`\nSame gold (${NEWS}), quotes re-typed: boundary F1 (FP/FN)\n`);
  console.log(`| quotes | ${labels.join(' | ')} |`);
  console.log(`|---|${labels.map(() => '---').join('|')}|`);
  for (const style of [...new Set(variants.map((score) => score.style))]) {
    const cells = labels.map((label) => variants.find((score) => score.style === style && score.system === label));
    console.log(`| ${style} | ${cells.map((cell) => (cell ? `${pct(cell.f1)} (${cell.fp}/${cell.fn})` : '-')).join(' | ')} |`);
  }
}
if (values.json) writeFileSync(values.json as string, `${JSON.stringify(rows, null, 1)}\n`);
