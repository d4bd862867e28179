// Fact groups count member pairs without enumerating them (union-find, per-document counts, the
// smaller side's edges), so a group of N versions' sentences costs O(N log N), not O(N^2): the
// groups must be exactly those of the plain average-linkage rule, which tests every member pair.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../bench/align-data.ts';
import { buildFactGroups, toMember, type GroupEdge } from '../src/align/groups.ts';
import type { FactGroup, Segment } from '../src/types.ts';

/** The rule as first written: every cross-document member pair tested, never-compared pairs (both outside) skipped. */
function plainGroups(segments: readonly Segment[], edges: readonly GroupEdge[], linkage: number, outside?: Uint8Array): FactGroup[] {
  const n = segments.length;
  const key = (i: number, j: number): number => (i < j ? i * n + j : j * n + i);
  const clusterOf = Int32Array.from({ length: n }, (_, i) => i);
  const members: number[][] = Array.from({ length: n }, (_, i) => [i]);
  const score = new Map(edges.map((e) => [key(e.i, e.j), e.score]));
  for (const edge of [...edges].sort((x, y) => y.score - x.score || x.i - y.i || x.j - y.j)) {
    const [a, b] = [clusterOf[edge.i] as number, clusterOf[edge.j] as number];
    if (a === b) continue;
    let cross = 0;
    let aligned = 0;
    for (const x of members[a] as number[]) {
      for (const y of members[b] as number[]) {
        if (segments[x]?.doc === segments[y]?.doc || (outside?.[x] === 1 && outside[y] === 1)) continue;
        cross++;
        if (score.has(key(x, y))) aligned++;
      }
    }
    if (cross === 0 || aligned / cross < linkage) continue;
    const [keep, drop] = a < b ? [a, b] : [b, a];
    members[keep] = [...(members[keep] as number[]), ...(members[drop] as number[])];
    members[drop] = [];
    for (const x of members[keep] as number[]) clusterOf[x] = keep;
  }
  const groups = members.filter((m) => m.length > 0).map((list) => {
    const sorted = [...list].sort((x, y) => x - y);
    const inside = sorted.flatMap((x, p) => sorted.slice(p + 1).map((y) => score.get(key(x, y)))).filter((s): s is number => s !== undefined);
    let total = 0;
    for (const s of inside) total += s;
    return { sorted, score: inside.length > 0 ? Math.round((total / inside.length) * 1e6) / 1e6 : 0, docs: [...new Set(sorted.map((x) => segments[x]?.doc as string))].sort() };
  });
  groups.sort((x, y) => y.docs.length - x.docs.length || y.sorted.length - x.sorted.length || (x.sorted[0] as number) - (y.sorted[0] as number));
  return groups.map((g, rank) => ({ id: `g${rank + 1}`, docs: g.docs, members: g.sorted.map((x) => toMember(segments[x] as Segment)), score: g.score }));
}

describe('buildFactGroups', () => {
  it('gives exactly the groups of the plain rule, with and without never-compared segments', () => {
    let withOutside = 0;
    for (let trial = 0; trial < 400; trial++) {
      const random = seededRandom(trial + 1);
      const docs = 2 + Math.floor(random() * (trial % 2 === 0 ? 4 : 10));
      const per = 1 + Math.floor(random() * 7);
      const segments = Array.from({ length: docs * per }, (_, x): Segment => ({ id: `d${Math.floor(x / per)}:${x % per}`, doc: `d${Math.floor(x / per)}`, index: x % per, start: 0, end: 1, kind: 'body', fr: 'x' }));
      const edges: GroupEdge[] = [];
      const density = random() * 0.9;
      for (let i = 0; i < segments.length; i++) for (let j = i + 1; j < segments.length; j++) if (segments[i]?.doc !== segments[j]?.doc && random() < density) edges.push({ i, j, score: Math.round(random() * 3e6) / 1e6 });
      const references = Math.floor(random() * docs);
      const outside = random() < 0.5 ? Uint8Array.from(segments, (s) => (Number(s.doc.slice(1)) < references ? 0 : 1)) : undefined;
      if (outside !== undefined) withOutside++;
      const linkage = [0.2, 0.5, 0.7][trial % 3] as number;
      expect(buildFactGroups(segments, edges, linkage, outside)).toEqual(plainGroups(segments, edges, linkage, outside));
    }
    expect(withOutside).toBeGreaterThan(100);
  });
});
