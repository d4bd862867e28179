// The reference form (issue 25 part 4): a story of very many distinct versions is aligned with its
// reference versions only (O(N x R) document pairs, not N^2), the fact groups in full. The
// thresholds are passed small here, as copiesFrom is in align-copies.test.ts.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../bench/align-data.ts';
import { storySources, storyVersions } from '../bench/story-data.ts';
import { bridgeCandidates, witnessDocuments, type FoundPair } from '../src/align/consistency.ts';
import { alignSegments, alignStory, comparePairs, sortedAlignable } from '../src/align/index.ts';
import { alignWithReferences, chooseReferences } from '../src/align/references.ts';
import { runAlignStage } from '../src/align/stage.ts';
import { alignStoryForm } from '../src/align/story.ts';
import { updateManifest } from '../src/output/index.ts';
import { mergeRuns } from '../src/pipeline/merge.ts';
import { segmentDocument } from '../src/segment/index.ts';
import type { FactGroup, Segment } from '../src/types.ts';
import { runCliAsync, SEEDS } from './helpers/cli.ts';

const segmentsOf = (versions: readonly { id: string; text: string }[]): Segment[] => versions.flatMap((a) => segmentDocument({ id: a.id, path: a.id, text: a.text, meta: {} }));
const docsOf = (segments: readonly Segment[]): string[] => [...new Set(segments.map((s) => s.doc))].sort();
const seedOf = (doc: string): number => Number(doc.slice(1)) % 5;

describe('a story of more than referencesFrom distinct versions (reference form)', () => {
  // 30 rewrites of the five seeds (bench/story-data.ts: version v retells seed v mod 5).
  const versions = [...storyVersions('rewrites', 30)];
  const segments = segmentsOf(versions);
  const docs = docsOf(segments);
  const forms = { referencesFrom: 20, references: 6 };
  const result = alignStoryForm(segments, { docs, duplicates: [] }, {}, forms);
  const pairs = [...result.pairs];
  const references = new Set(result.references);

  it('aligns only document pairs with a reference, and every such pair that shares a fact', () => {
    expect(result.references).toHaveLength(6);
    expect(pairs.length).toBeGreaterThan(500);
    for (const p of pairs) if (!references.has(p.a_doc) && !references.has(p.b_doc)) throw new Error(`pair without a reference: ${p.a} ${p.b}`);
    // Every version is aligned with every reference (all retell one story).
    const docPairs = new Set(pairs.map((p) => `${p.a_doc}\t${p.b_doc}`));
    const expected = docs.flatMap((x) => docs.filter((y) => x < y && (references.has(x) || references.has(y))).map((y) => `${x}\t${y}`));
    expect([...docPairs].sort()).toEqual(expected.sort());
  });

  it('writes the pairs as alignSegments sorts them, side a the document whose id sorts first', () => {
    expect(pairs).toEqual([...pairs].sort(comparePairs));
    expect(pairs.every((p) => p.a_doc < p.b_doc)).toBe(true);
    // The record's signals are the pair's cosines, as in the full form.
    expect(pairs.every((p) => typeof p.signals['chars'] === 'number' && typeof p.signals['words'] === 'number')).toBe(true);
  });

  it('puts every alignable segment in exactly one group, numbered by document coverage', () => {
    const seen = new Set<string>();
    for (const g of result.groups) for (const m of g.members) {
      expect(seen.has(m.id)).toBe(false);
      seen.add(m.id);
    }
    expect(seen.size).toBe(segments.filter((s) => s.kind !== 'boilerplate').length);
    expect(result.groups.map((g) => g.id)).toEqual(result.groups.map((_, n) => `g${n + 1}`));
    const coverage = result.groups.map((g) => g.docs.length);
    expect(coverage).toEqual([...coverage].sort((x, y) => y - x));
    // Groups join non-reference versions through the references: some group spans most versions.
    expect(coverage[0]).toBeGreaterThan(docs.length / 2);
  });

  it('chooses the references from the set of segments alone (any input order), spread over the retold seeds', () => {
    const shuffled = [...segments].reverse();
    const again = alignStoryForm(shuffled, { docs, duplicates: [] }, {}, forms);
    expect(again.references).toEqual(result.references);
    expect([...again.pairs]).toEqual(pairs);
    expect(again.groups).toEqual(result.groups);
    // As many references as seeds: one per seed (the discount by the closest reference spreads them).
    expect(chooseReferences(sortedAlignable(segments), 5).map(seedOf).sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('a story at or below the threshold is aligned in full, exactly as alignSegments aligns it', () => {
    const small = segments.filter((s) => docs.indexOf(s.doc) < 12);
    const full = alignStoryForm(small, { docs: docsOf(small), duplicates: [] }, {}, { referencesFrom: 12, references: 6 });
    expect(full.references).toBeUndefined();
    const expected = alignSegments(small);
    expect([...full.pairs]).toEqual(expected.pairs);
    expect(full.groups).toEqual(expected.groups);
  });

  it('composes with the copies form: the representatives are what is counted and aligned', () => {
    // 12 near-copies of seed 1 (one representative) beside the 30 rewrites: 31 representatives.
    const copies = [...storyVersions('copies', 12)].map((a) => ({ ...a, id: `c${a.id}` }));
    const all = [...segments, ...segmentsOf(copies)];
    const both = alignStoryForm(all, { docs: docsOf(all), duplicates: [copies.map((a) => a.id)] }, {}, { copiesFrom: 32, referencesFrom: 30, references: 6 });
    expect(both.form).toBe('compact');
    expect(both.references).toHaveLength(6);
    const bothPairs = [...both.pairs];
    for (const p of bothPairs.filter((p) => p.signals['copy'] !== 1)) if (!both.references?.includes(p.a_doc) && !both.references?.includes(p.b_doc)) throw new Error(`pair without a reference: ${p.a} ${p.b}`);
    expect(bothPairs.some((p) => p.signals['copy'] === 1)).toBe(true);
    expect(both.groups.reduce((n, g) => n + g.members.length, 0)).toBe(all.filter((s) => s.kind !== 'boilerplate').length);
  });
});

describe('bridges in the reference form', () => {
  it('are exactly the unrestricted candidates whose earlier document is a reference', () => {
    // 10 documents of 6 sentences, random one-to-one pairs: documents 0-2 are the references.
    const random = seededRandom(3);
    const docOf = Int32Array.from({ length: 60 }, (_, x) => Math.floor(x / 6));
    const texts = Array.from({ length: 60 }, (_, x) => `sentence ${x}`);
    const pairs: FoundPair[] = [];
    for (let i = 0; i < 60; i++) for (let j = i + 1; j < 60; j++) if (docOf[i] !== docOf[j] && random() < 0.08) pairs.push({ i, j, oneToOne: random() < 0.8 });
    for (const witnesses of [undefined, witnessDocuments(pairs, docOf, 10, 3)]) {
      const all = bridgeCandidates(pairs, docOf, texts, witnesses);
      const restricted = bridgeCandidates(pairs, docOf, texts, witnesses, 3);
      expect(restricted.length).toBeGreaterThan(0);
      expect(restricted).toEqual(all.filter((p) => (docOf[p.i] as number) < 3));
    }
  });
});

describe('reference form quality (generator gold, 60 rewrites)', () => {
  it('its fact groups recover the same-fact sentence pairs as well as the full form\'s', () => {
    const versions = [...storyVersions('rewrites', 60)];
    const segments = segmentsOf(versions);
    const bySource = new Map<string, string[]>();
    for (const [id, s] of storySources(versions, segments)) if (s !== null) bySource.set(s, [...(bySource.get(s) ?? []), id]);
    const gold = new Set<string>();
    for (const ids of bySource.values()) for (const x of ids) for (const y of ids) if (x < y) gold.add(`${x}\t${y}`);
    /** F1 of the groups' same-seed member pairs against the gold (across seeds there is none). */
    const f1 = (groups: readonly FactGroup[]): number => {
      let predicted = 0;
      let hits = 0;
      for (const g of groups) for (const x of g.members) for (const y of g.members) {
        if (x.id >= y.id || x.doc === y.doc || seedOf(x.doc) !== seedOf(y.doc)) continue;
        predicted++;
        if (gold.has(`${x.id}\t${y.id}`)) hits++;
      }
      const precision = hits / predicted;
      const recall = hits / gold.size;
      return (2 * precision * recall) / (precision + recall);
    };
    const full = f1(alignStory(segments).groups);
    const reference = alignWithReferences(segments, {}, 16);
    // 2026-12-07: full 0.878, reference (16 references, 824 of 1,770 document pairs) 0.887.
    expect(reference.pairCount).toBeLessThan(alignStory(segments).pairCount / 2);
    expect(f1(reference.groups)).toBeGreaterThan(full - 0.02);
    expect(f1(reference.groups)).toBeGreaterThan(0.85);
  }, 30_000);
});

describe('the align stage and merge with a story in the reference form', () => {
  const makeRun = async (stories: { story: string; docs: string[] }[], segments: readonly Segment[]): Promise<string> => {
    const dir = await mkdtemp(path.join(tmpdir(), 'fralign-references-'));
    await writeFile(path.join(dir, 'sentences.jsonl'), segments.map((s) => JSON.stringify(s)).join('\n') + '\n');
    await writeFile(path.join(dir, 'stories.jsonl'), stories.map((s) => JSON.stringify({ ...s, title: null, dates: [], duplicates: [] })).join('\n') + '\n');
    await updateManifest(dir, { stages: { split: { status: 'done', ms: 0 }, stories: { status: 'done', ms: 0 } } });
    return dir;
  };
  type Align = { options: Record<string, unknown>; counts: { pairs: number; reference_stories?: number }; reference?: { stories: string[]; form: string; references_per_story: number; references: Record<string, string[]> } };
  const alignSection = async (dir: string): Promise<Align> => (JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as { stages: { align: Align } }).stages.align;
  // Two stories of 22 rewrites each (s2's ids prefixed), one per shard of two.
  const first = segmentsOf([...storyVersions('rewrites', 22)]);
  const second = segmentsOf([...storyVersions('rewrites', 22, 5)].map((a) => ({ ...a, id: `w${a.id}` })));
  const stories = [{ story: 's1', docs: docsOf(first) }, { story: 's2', docs: docsOf(second) }];

  it('names the stories, the form and each story\'s references in the manifest; --full-stories (fullStories) turns it off; merge carries it', async () => {
    const dir = await makeRun(stories, [...first, ...second]);
    await runAlignStage(dir, {}, { referencesFrom: 20 });
    const section = await alignSection(dir);
    expect(section.reference?.stories).toEqual(['s1', 's2']);
    expect(section.reference?.form).toMatch(/reference versions/);
    expect(section.reference?.references_per_story).toBe(16);
    expect(section.reference?.references['s1']).toHaveLength(16);
    expect(section.counts.reference_stories).toBe(2);

    await runAlignStage(dir, {}, { referencesFrom: 20, fullStories: true });
    const full = await alignSection(dir);
    expect(full.reference).toBeUndefined();
    expect(full.counts.reference_stories).toBeUndefined();
    expect(full.options['full_stories']).toBe(true);
    expect(full.counts.pairs).toBeGreaterThan(section.counts.pairs);

    const shards = await Promise.all([1, 2].map(() => makeRun(stories, [...first, ...second])));
    for (const [n, shard] of shards.entries()) await runAlignStage(shard, {}, { referencesFrom: 20, shard: { index: n + 1, count: 2 } });
    expect((await alignSection(shards[1] as string)).reference?.stories).toEqual(['s2']);
    const merged = await mkdtemp(path.join(tmpdir(), 'fralign-references-merged-'));
    await mergeRuns(shards, merged);
    const carried = await alignSection(merged);
    expect(carried.reference).toEqual(section.reference);
    expect(carried.counts.reference_stories).toBe(2);
    expect(carried.counts.pairs).toBe(section.counts.pairs);
  }, 60_000);
});

describe('fralign run --full-stories', () => {
  it('is recorded in the manifest\'s align options and leaves a story below both thresholds as it was', async () => {
    const base = await mkdtemp(path.join(tmpdir(), 'fralign-full-stories-'));
    const runs = await Promise.all([[], ['--full-stories']].map((flags, n) => runCliAsync(['run', SEEDS, '--no-translate', '-q', '--out', path.join(base, String(n)), ...flags])));
    for (const run of runs) expect(run.status, run.stderr).toBe(0);
    const options = async (n: number): Promise<Record<string, unknown>> => (JSON.parse(await readFile(path.join(base, String(n), 'manifest.json'), 'utf8')) as { stages: { align: { options: Record<string, unknown> } } }).stages.align.options;
    expect(await options(0)).not.toHaveProperty('full_stories');
    expect(await options(1)).toMatchObject({ full_stories: true });
    for (const file of ['alignments.jsonl', 'groups.jsonl']) expect(await readFile(path.join(base, '1', file), 'utf8')).toBe(await readFile(path.join(base, '0', file), 'utf8'));
  }, 60_000);
});
