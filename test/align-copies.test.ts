// Near-duplicate versions of a big story cost nothing (issue 25): they are aligned once, through a
// representative, and their sentences join the representative's fact groups by text alone.
import { describe, expect, it } from 'vitest';
import { documentSegments } from '../bench/align-data.ts';
import { storyVersions } from '../bench/story-data.ts';
import { COPY_DICE, linkCopy, planCopies } from '../src/align/copies.ts';
import { alignSegments, comparePairs } from '../src/align/index.ts';
import { alignStoryForm } from '../src/align/story.ts';
import { segmentDocument } from '../src/segment/index.ts';
import type { AlignmentPair } from '../src/types.ts';

const original = [
  'La Russie achète des millions de roquettes à la Corée du Nord.',
  'Un responsable américain a déclaré lundi que 300 obus avaient été livrés.',
  'La Maison Blanche a confirmé la livraison de drones iraniens en août.',
];

describe('linkCopy (a copy sentence → its representative sentence, by text)', () => {
  it.each([
    { name: 'the same text links with Dice 1', copy: original[0] as string, to: 0, dice: 1 },
    { name: 'a changed number links to the sentence it rewords', copy: 'Un responsable américain a déclaré lundi que 450 obus avaient été livrés.', to: 1, dice: 'near' },
    { name: 'a swapped word links too', copy: 'La Maison Blanche a confirmé la livraison de drones iraniens en septembre.', to: 2, dice: 'near' },
    { name: 'a new local intro links to nothing', copy: 'À Lyon, les habitants suivent la guerre avec inquiétude depuis des mois.', to: -1, dice: 0 },
  ])('$name', ({ copy, to, dice }) => {
    const links = linkCopy(documentSegments('copy', [copy]), documentSegments('rep', original));
    if (to === -1) return expect(links).toEqual([]);
    expect(links.map((l) => l.representative.index)).toEqual([to]);
    if (dice === 1) expect(links[0]?.dice).toBe(1);
    else expect(links[0]?.dice).toBeGreaterThanOrEqual(COPY_DICE);
  });

  it('a text repeated in both maps occurrence to occurrence', () => {
    const links = linkCopy(documentSegments('copy', ['Même phrase.', 'Même phrase.']), documentSegments('rep', ['Même phrase.', 'Autre chose ici.', 'Même phrase.']));
    expect(links.map((l) => l.representative.index)).toEqual([0, 2]);
  });
});

describe('planCopies', () => {
  it('takes the copy with most sentences as representative (ties: first id) and keeps every other version', () => {
    const segments = [...documentSegments('b', ['x.', 'y.', 'z.']), ...documentSegments('a', ['x.', 'y.']), ...documentSegments('c', ['x.', 'y.']), ...documentSegments('d', ['w.'])];
    const plan = planCopies(['a', 'b', 'c', 'd'], [['a', 'b', 'c']], segments);
    expect(plan.representatives).toEqual(['b', 'd']);
    expect([...plan.representativeOf]).toEqual([['a', 'b'], ['c', 'b']]);
  });
});

describe('a big story with near-duplicates (compact form)', () => {
  // 40 versions: 36 near-copies of one seed (bench/story-data.ts) and 4 rewrites of other seeds.
  const copies = [...storyVersions('copies', 36)];
  const others = [...storyVersions('rewrites', 5)].slice(1).map((a) => ({ ...a, id: `w${a.id}` }));
  const segments = [...copies, ...others].flatMap((a) => segmentDocument({ id: a.id, path: a.id, text: a.text, meta: {} }));
  const docs = [...new Set(segments.map((s) => s.doc))].sort();
  const duplicates = [copies.map((a) => a.id)];
  const result = alignStoryForm(segments, { docs, duplicates });
  const pairs = [...result.pairs];
  const representative = 'v00000';

  it('is aligned through one representative per group of copies', () => {
    expect(result.form).toBe('compact');
    const docsInPairs = new Set(pairs.flatMap((p) => [p.a_doc, p.b_doc]));
    expect(docsInPairs.has(representative)).toBe(true);
    // A copy pairs with its representative only, with the copy signal.
    for (const p of pairs.filter((p) => p.a_doc !== representative && p.b_doc !== representative && copies.some((a) => a.id === p.a_doc || a.id === p.b_doc))) throw new Error(`copy pair outside the representative: ${p.a} ${p.b}`);
    const copyPairs = pairs.filter((p) => p.signals.copy === 1);
    expect(copyPairs.length).toBeGreaterThan(35 * 15);
    expect(copyPairs.every((p) => p.grade === 2 && p.score >= COPY_DICE)).toBe(true);
  });

  it('every linked sentence of a copy lands in its representative sentence\'s fact group; every sentence is in exactly one group', () => {
    const groupOf = new Map<string, string>();
    for (const g of result.groups) for (const m of g.members) {
      expect(groupOf.has(m.id)).toBe(false);
      groupOf.set(m.id, g.id);
    }
    const alignable = segments.filter((s) => s.kind !== 'boilerplate');
    expect(groupOf.size).toBe(alignable.length);
    for (const p of pairs.filter((p) => p.signals.copy === 1)) expect(groupOf.get(p.a)).toBe(groupOf.get(p.b));
    // Groups numbered g1.. by document coverage.
    expect(result.groups.map((g) => g.id)).toEqual(result.groups.map((_, n) => `g${n + 1}`));
    const coverage = result.groups.map((g) => g.docs.length);
    expect(coverage).toEqual([...coverage].sort((x, y) => y - x));
  });

  it('writes the pairs in the stage\'s order, and the representatives\' pairs as aligning them alone gives', () => {
    expect(pairs).toEqual([...pairs].sort(comparePairs));
    const kept = segments.filter((s) => !copies.some((a) => a.id === s.doc && a.id !== representative));
    const key = (p: AlignmentPair): string => `${p.a}\t${p.b}\t${p.score}`;
    expect(pairs.filter((p) => p.signals.copy !== 1).map(key)).toEqual(alignSegments(kept).pairs.map(key));
  });

  it('a story of at most 32 versions is aligned in full, exactly as before', () => {
    const small = segments.filter((s) => docs.indexOf(s.doc) < 20 || s.doc.startsWith('w'));
    const smallDocs = [...new Set(small.map((s) => s.doc))].sort();
    const full = alignStoryForm(small, { docs: smallDocs, duplicates: [copies.map((a) => a.id).filter((d) => smallDocs.includes(d))] });
    expect(full.form).toBe('full');
    expect([...full.pairs]).toEqual(alignSegments(small).pairs);
  });
});

describe('the align stage on a big story with copies', () => {
  it('writes the compact form and says so in the manifest; a run without one names no compact form', async () => {
    const { mkdtemp, readFile, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { runAlignStage } = await import('../src/align/stage.ts');
    const articles = [...storyVersions('copies', 34)];
    const segments = articles.flatMap((a) => segmentDocument({ id: a.id, path: a.id, text: a.text, meta: {} }));
    const docs = articles.map((a) => a.id).sort();
    const manifestOf = async (duplicates: string[][]): Promise<{ stages: { align: { counts: { pairs: number; compact_stories?: number }; compact?: { stories: string[] } } } }> => {
      const dir = await mkdtemp(path.join(tmpdir(), 'fralign-copies-'));
      await writeFile(path.join(dir, 'sentences.jsonl'), segments.map((s) => JSON.stringify(s)).join('\n') + '\n');
      await writeFile(path.join(dir, 'stories.jsonl'), JSON.stringify({ story: 's1', docs, title: null, dates: [], duplicates }) + '\n');
      await runAlignStage(dir);
      const groups = (await readFile(path.join(dir, 'groups.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { members: unknown[] });
      expect(groups.reduce((n, g) => n + g.members.length, 0)).toBe(segments.filter((s) => s.kind !== 'boilerplate').length);
      return JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));
    };
    const compact = await manifestOf([docs]);
    expect(compact.stages.align.compact?.stories).toEqual(['s1']);
    expect(compact.stages.align.counts.compact_stories).toBe(1);
    // 33 copies x about 17 sentences against their representative: no all-pairs over the copies.
    expect(compact.stages.align.counts.pairs).toBeLessThan(33 * 25);
    const full = await manifestOf([]);
    expect(full.stages.align.compact).toBeUndefined();
    expect(full.stages.align.counts.compact_stories).toBeUndefined();
    expect(full.stages.align.counts.pairs).toBeGreaterThan(33 * 34 * 5);
  }, 60_000);
});
