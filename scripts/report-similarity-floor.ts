// Where the report's similarity-map floor sits in a run: character-trigram cosine of every
// cross-version pair of non-boilerplate sentences, kept pairs (alignments.jsonl) apart from the rest.
//   npx tsx scripts/report-similarity-floor.ts RUN_DIR      (e.g. a `fralign run seeds --out RUN_DIR` folder)
import { loadRunOutputs } from '../src/inspect/load.ts';
import { cosine, trigrams } from '../src/report/similarity.ts';

const dir = process.argv[2];
if (!dir) throw new Error('usage: npx tsx scripts/report-similarity-floor.ts RUN_DIR');
const outputs = await loadRunOutputs(dir);
const kept = new Set(outputs.alignments.map((p) => `${p.a}|${p.b}`));
const body = outputs.sentences.filter((s) => s.kind !== 'boilerplate');
const vectors = new Map(body.map((s) => [s.id, trigrams(s.fr)]));
const others: number[] = [];
const keptScores: number[] = [];
for (const a of body) {
  for (const b of body) {
    if (a.doc >= b.doc) continue;
    const value = cosine(vectors.get(a.id)!, vectors.get(b.id)!);
    (kept.has(`${a.id}|${b.id}`) || kept.has(`${b.id}|${a.id}`) ? keptScores : others).push(value);
  }
}
const quantile = (xs: number[], q: number) => [...xs].sort((x, y) => x - y)[Math.floor(q * (xs.length - 1))]?.toFixed(2) ?? '-';
console.log(`other pairs (${others.length}): median ${quantile(others, 0.5)}, 75th ${quantile(others, 0.75)}, 90th ${quantile(others, 0.9)}`);
console.log(`kept pairs (${keptScores.length}): 5th ${quantile(keptScores, 0.05)}, 10th ${quantile(keptScores, 0.1)}, median ${quantile(keptScores, 0.5)}`);
