// How much of a story the reference form (src/align/references.ts) recovers: one story of N
// distinct rewrites (bench/story-data.ts) aligned in the full form and in the reference form with R
// references, scored against the generator's own gold (two sentences of versions retelling the
// same seed state the same fact when they come from the same seed sentence; across seeds there is
// no gold, so only same-seed sentence pairs are scored). Two views: the pairs written (the reference
// form writes only pairs with a reference, so its recall of all gold pairs is capped), and the fact
// groups (every two members of a group are a predicted same-fact pair: the transitive view the
// reference form is meant to keep). Also how many of the full form's same-group pairs it keeps.
// Usage: npx tsx scripts/eval-references.ts [--sizes 60] [--references 8,16,32]
import { parseArgs } from 'node:util';
import { storySources, storyVersions } from '../bench/story-data.ts';
import { alignStory } from '../src/align/index.ts';
import { alignWithReferences } from '../src/align/references.ts';
import { segmentDocument } from '../src/segment/index.ts';
import type { AlignmentPair, FactGroup } from '../src/types.ts';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '60' }, references: { type: 'string', default: '8,16,32' } } });
const key = (a: string, b: string): string => (a < b ? `${a}\t${b}` : `${b}\t${a}`);
const docOf = (id: string): string => id.split(':')[0] as string;

/** Every two members of a group from different documents. */
function groupPairs(groups: readonly FactGroup[]): Set<string> {
  const out = new Set<string>();
  for (const g of groups) for (const x of g.members) for (const y of g.members) if (x.id < y.id && x.doc !== y.doc) out.add(key(x.id, y.id));
  return out;
}

function prf(predicted: Iterable<string>, gold: ReadonlySet<string>, scored: (k: string) => boolean): string {
  let hits = 0;
  let total = 0;
  for (const k of predicted) {
    if (!scored(k)) continue;
    total++;
    if (gold.has(k)) hits++;
  }
  const p = total === 0 ? 0 : hits / total;
  const r = gold.size === 0 ? 0 : hits / gold.size;
  return `${p.toFixed(3)} / ${r.toFixed(3)} / ${(p + r === 0 ? 0 : (2 * p * r) / (p + r)).toFixed(3)}`;
}

console.log('| versions | form | document pairs | pairs | pairs P / R / F1 | group pairs P / R / F1 | of the full form\'s group pairs | align s |\n|---|---|---|---|---|---|---|---|');
for (const size of (values.sizes as string).split(',').map(Number)) {
  const versions = [...storyVersions('rewrites', size)];
  const segments = versions.flatMap((a) => segmentDocument({ id: a.id, path: a.id, text: a.text, meta: {} }));
  const seedOf = new Map(versions.map((v, n) => [v.id, n % 5]));
  const bySource = new Map<string, string[]>();
  for (const [id, s] of storySources(versions, segments)) if (s !== null) bySource.set(s, [...(bySource.get(s) ?? []), id]);
  const gold = new Set<string>();
  for (const ids of bySource.values()) for (const x of ids) for (const y of ids) if (x < y && docOf(x) !== docOf(y)) gold.add(key(x, y));
  const sameSeed = (k: string): boolean => {
    const [a, b] = k.split('\t').map((id) => seedOf.get(docOf(id))) as [number, number];
    return a === b;
  };
  const run = (label: string, references: number | undefined): Set<string> => {
    const started = performance.now();
    const aligned = references === undefined ? alignStory(segments) : alignWithReferences(segments, {}, references);
    const pairs: AlignmentPair[] = [...aligned.pairs()];
    const seconds = (performance.now() - started) / 1000;
    const keys = new Set(pairs.map((p) => key(p.a, p.b)));
    const docPairs = new Set(pairs.map((p) => `${p.a_doc}\t${p.b_doc}`)).size;
    const grouped = groupPairs(aligned.groups);
    const kept = fullGroups === undefined ? '-' : `${((100 * [...fullGroups].filter((k) => grouped.has(k)).length) / fullGroups.size).toFixed(1)} %`;
    console.log(`| ${size} | ${label} | ${docPairs} | ${keys.size} | ${prf(keys, gold, sameSeed)} | ${prf(grouped, gold, sameSeed)} | ${kept} | ${seconds.toFixed(1)} |`);
    return grouped;
  };
  let fullGroups: Set<string> | undefined;
  fullGroups = run('full', undefined);
  for (const r of (values.references as string).split(',').map(Number)) run(`reference, R = ${r}`, r);
}
