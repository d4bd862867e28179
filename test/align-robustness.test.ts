// What a user notices when the collection is awkward: the same wire copy run twice, near-copies,
// dozens of versions, a very long and a very short version, versions sharing only a headline.
import { beforeAll, describe, expect, it } from 'vitest';
import { documentSegments as document, headlineOnlyVersions, seededRandom, segmentSeeds } from '../bench/align-data.ts';
import { alignSegments } from '../src/align/index.ts';
import type { AlignmentPair, Segment } from '../src/types.ts';

let seeds: Segment[];
beforeAll(async () => {
  seeds = (await segmentSeeds()).segments;
});


/** The same document under another id (what two outlets running one wire copy look like). */
function copyOf(segments: readonly Segment[], doc: string, edit: (fr: string, index: number) => string | undefined = (fr) => fr): Segment[] {
  const sentences = segments.map((s, n) => edit(s.fr, n)).filter((fr): fr is string => fr !== undefined);
  return document(doc, sentences);
}

const key = (p: AlignmentPair): string => `${p.a}\t${p.b}`;
const alignable = (doc: string): Segment[] => seeds.filter((s) => s.doc === doc && s.kind !== 'boilerplate');

describe('duplicates', () => {
  it('an exact duplicate of one version aligns sentence by sentence with it, and leaves every other pair and its score as it was', () => {
    const original = alignable('001_a381a8de4f316d59');
    const withCopy = [...seeds, ...copyOf(original, 'zz-wire-copy')];
    const before = alignSegments(seeds).pairs;
    const after = alignSegments(withCopy).pairs;
    const copyPairs = after.filter((p) => p.a_doc === '001_a381a8de4f316d59' && p.b_doc === 'zz-wire-copy');
    expect(copyPairs.map((p) => [p.a.split(':')[1], p.b.split(':')[1], p.grade])).toEqual(original.map((_, n) => [String(n), String(n), 2]));
    // Pairs between the original versions: the same set, with scores moved by the IDF only (the
    // margin's neighbours are in the pair's own documents, so the copy cannot halve them).
    const afterByKey = new Map(after.filter((p) => p.b_doc !== 'zz-wire-copy').map((p) => [key(p), p]));
    const kept = before.filter((p) => afterByKey.has(key(p)));
    expect(kept.length).toBeGreaterThanOrEqual(0.95 * before.length);
    expect(afterByKey.size).toBeLessThanOrEqual(1.05 * before.length);
    for (const p of kept) expect(Math.abs((afterByKey.get(key(p))?.score ?? 0) - p.score) / p.score).toBeLessThan(0.1);
  });

  it('a near-duplicate (words changed, a sentence dropped) still aligns each sentence with its edited copy', () => {
    const original = alignable('000_cbf94cc716c46ff7');
    const edited = copyOf(original, 'zz-near-copy', (fr, n) => (n === 3 ? undefined : fr.replace(/\bla Russie\b/u, 'Moscou').replace(/\ba déclaré\b/u, 'a affirmé')));
    const pairs = alignSegments([...original, ...edited]).pairs;
    const expected = original.map((s, n) => [s.id, n < 3 ? `zz-near-copy:${n}` : n === 3 ? undefined : `zz-near-copy:${n - 1}`]).filter(([, b]) => b !== undefined);
    expect(pairs.map((p) => [p.a, p.b])).toEqual(expected);
  });
});

describe('many versions', () => {
  it('55 versions, each dropping and shuffling sentences of one story, align with precision and recall above 0.9', () => {
    const source = alignable('001_a381a8de4f316d59').map((s) => s.fr);
    const random = seededRandom(7);
    const origin = new Map<string, number>();
    const segments = Array.from({ length: 55 }, (_, v) => {
      const kept = source.map((fr, n) => ({ fr, n, order: random() })).filter(() => random() > 0.3).sort((x, y) => x.order - y.order);
      const doc = `v${String(v).padStart(2, '0')}`;
      kept.forEach((k, index) => origin.set(`${doc}:${index}`, k.n));
      return document(doc, kept.map((k) => k.fr));
    }).flat();
    const pairs = alignSegments(segments).pairs;
    const correct = pairs.filter((p) => origin.get(p.a) === origin.get(p.b)).length;
    let gold = 0;
    const byDoc = new Map<string, number[]>();
    for (const s of segments) byDoc.set(s.doc, [...(byDoc.get(s.doc) ?? []), origin.get(s.id) as number]);
    const docs = [...byDoc.values()];
    for (let x = 0; x < docs.length; x++) for (let y = x + 1; y < docs.length; y++) gold += (docs[x] as number[]).filter((n) => (docs[y] as number[]).includes(n)).length;
    expect(correct / pairs.length).toBeGreaterThan(0.9);
    expect(correct / gold).toBeGreaterThan(0.9);
  });
});

describe('uneven versions', () => {
  it('two one-sentence briefs with the same sentence align (a margin over a one-sentence neighbourhood is not stuck at 1)', () => {
    const fr = 'La Russie achète des millions d’obus à la Corée du Nord.';
    expect(alignSegments([...document('a', [fr]), ...document('b', [fr])]).pairs.map((p) => [p.a, p.b, p.grade])).toEqual([['a:0', 'b:0', 2]]);
  });

  it('a two-sentence brief aligns each sentence with its source in a long version of all the seeds, and nothing else', () => {
    const long = copyOf(seeds.filter((s) => s.kind !== 'boilerplate'), 'long');
    const briefSource = alignable('002_791b76ca8c774dff').slice(2, 4);
    const brief = copyOf(briefSource, 'brief');
    const pairs = alignSegments([...long, ...brief]).pairs;
    const sourceIndex = (fr: string): string => `long:${long.findIndex((s) => s.fr === fr)}`;
    expect(pairs.map((p) => [p.a, p.b])).toEqual(brief.map((s) => [s.id, sourceIndex(s.fr)]));
  });

  it('two versions of different stories sharing only a headline align the headline and nothing else', () => {
    expect(alignSegments(headlineOnlyVersions(seeds)).pairs.map((p) => [p.a, p.b])).toEqual([['a:0', 'b:0']]);
  });

});
