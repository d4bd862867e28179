// Fact groups: the transitive view of the pairs, without letting one loose pair chain two facts
// into a giant group. Average-linkage agglomeration over the alignment graph: two groups merge
// only when at least `linkage` of their cross-document member pairs are aligned. Strongest pairs
// are considered first.
import type { FactGroup, FactGroupMember, Segment } from '../types.ts';

/** An alignment edge between two segments, by index into `segments`. */
export interface GroupEdge {
  readonly i: number;
  readonly j: number;
  readonly score: number;
}

/**
 * Groups every segment (index into `segments`) into exactly one fact group. `segments` must be
 * sorted by (doc, index); edges join segments of different documents. `outside[x]` = 1 marks a
 * segment of a version aligned with the references only (the reference form): two such segments of
 * different documents were never compared, so their pair counts neither for nor against a merge.
 * Absent: every pair of different documents was compared (the full form).
 */
export function buildFactGroups(segments: readonly Segment[], edges: readonly GroupEdge[], linkage: number, outside?: Uint8Array): FactGroup[] {
  const n = segments.length;
  const docIds = new Map<string, number>();
  const docOf = Int32Array.from(segments, (s) => docIds.get(s.doc) ?? (docIds.set(s.doc, docIds.size), docIds.size - 1));
  const edgeScore = new Map<number, number>();
  for (const e of edges) edgeScore.set(edgeKey(e.i, e.j, n), e.score);
  const neighbours = adjacency(edgeScore, n);
  // Union-find over clusters, the larger absorbing the smaller (a story of N versions grows groups
  // of N members one by one: relabelling or copying the whole group at each merge would be O(N^2)).
  // A cluster's id, as the linkage memo names it, stays the lowest id merged into it.
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const idOf = Int32Array.from({ length: n }, (_, i) => i);
  const members: number[][] = Array.from({ length: n }, (_, i) => [i]);
  const perDoc: Map<number, number>[] = Array.from({ length: n }, (_, i) => new Map([[docOf[i] as number, 1]]));
  const outsideCount = Int32Array.from({ length: n }, (_, i) => outside?.[i] ?? 0);
  const outsideDoc = new Uint8Array(docIds.size);
  for (let x = 0; x < n; x++) if (outside?.[x] === 1) outsideDoc[docOf[x] as number] = 1;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x] as number] as number;
      x = parent[x] as number;
    }
    return x;
  };

  // A linkage test between two clusters only changes when one of them grows: remember failures
  // per (cluster, size) so the many edges between two large groups are not re-tested each time.
  const failed = new Set<string>();
  const ordered = [...edges].sort((x, y) => y.score - x.score || x.i - y.i || x.j - y.j);
  for (const edge of ordered) {
    const ra = find(edge.i);
    const rb = find(edge.j);
    if (ra === rb) continue;
    const [a, b] = [idOf[ra] as number, idOf[rb] as number];
    const [groupA, groupB] = [members[ra] as number[], members[rb] as number[]];
    const memo = a < b ? `${a}/${groupA.length}:${b}/${groupB.length}` : `${b}/${groupB.length}:${a}/${groupA.length}`;
    if (failed.has(memo)) continue;
    // Cross-document member pairs (less those never compared), counted from per-document counts;
    // aligned ones from the smaller side's edges: the same integers as testing every member pair.
    const [mapA, mapB] = [perDoc[ra] as Map<number, number>, perDoc[rb] as Map<number, number>];
    let sameDoc = 0;
    let sameOutsideDoc = 0;
    for (const [doc, count] of mapA.size <= mapB.size ? mapA : mapB) {
      const both = count * ((mapA.size <= mapB.size ? mapB : mapA).get(doc) ?? 0);
      sameDoc += both;
      if (outsideDoc[doc] === 1) sameOutsideDoc += both;
    }
    const crossPairs = groupA.length * groupB.length - sameDoc - ((outsideCount[ra] as number) * (outsideCount[rb] as number) - sameOutsideDoc);
    const [small, other] = groupA.length <= groupB.length ? [groupA, rb] : [groupB, ra];
    let aligned = 0;
    for (const x of small) {
      for (let q = neighbours.offsets[x] as number; q < (neighbours.offsets[x + 1] as number); q++) {
        const y = neighbours.items[q] as number;
        if (find(y) === other && (outside?.[x] !== 1 || outside[y] !== 1)) aligned++;
      }
    }
    if (crossPairs === 0 || aligned / crossPairs < linkage) {
      failed.add(memo);
      continue;
    }
    const [big, absorbed] = groupA.length >= groupB.length ? [ra, rb] : [rb, ra];
    parent[absorbed] = big;
    idOf[big] = Math.min(a, b);
    for (const x of members[absorbed] as number[]) (members[big] as number[]).push(x);
    members[absorbed] = [];
    const counts = perDoc[big] as Map<number, number>;
    for (const [doc, count] of perDoc[absorbed] as Map<number, number>) counts.set(doc, (counts.get(doc) ?? 0) + count);
    perDoc[absorbed] = new Map();
    outsideCount[big] = (outsideCount[big] as number) + (outsideCount[absorbed] as number);
  }

  // Each group's score: the mean of its internal edges, summed in (first member, second member)
  // order, i.e. ascending edge key.
  const internal = new Map<number, number[]>();
  for (const key of edgeScore.keys()) {
    const root = find(Math.floor(key / n));
    if (root !== find(key % n)) continue;
    const list = internal.get(root);
    if (list === undefined) internal.set(root, [key]);
    else list.push(key);
  }
  const groups: { first: number; memberSegments: Segment[]; score: number }[] = [];
  for (let root = 0; root < n; root++) {
    if (parent[root] !== root) continue;
    const sorted = [...(members[root] as number[])].sort((x, y) => x - y);
    const keys = (internal.get(root) ?? []).sort((x, y) => x - y);
    let total = 0;
    for (const key of keys) total += edgeScore.get(key) as number;
    const score = keys.length > 0 ? Math.round((total / keys.length) * 1e6) / 1e6 : 0;
    groups.push({ first: sorted[0] as number, memberSegments: sorted.map((x) => segments[x] as Segment), score });
  }
  const docCount = (g: { memberSegments: Segment[] }): number => new Set(g.memberSegments.map((s) => s.doc)).size;
  // Largest document coverage first, then more members, then the earliest (doc, index) position.
  groups.sort((x, y) => docCount(y) - docCount(x) || y.memberSegments.length - x.memberSegments.length || x.first - y.first);
  return groups.map((g, rank) => ({
    id: `g${rank + 1}`,
    docs: [...new Set(g.memberSegments.map((s) => s.doc))].sort(),
    members: g.memberSegments.map(toMember),
    score: g.score,
  }));
}

/** Each segment's partners over the distinct edges, as flat arrays (CSR). */
function adjacency(edgeScore: ReadonlyMap<number, number>, n: number): { offsets: Int32Array; items: Int32Array } {
  const offsets = new Int32Array(n + 1);
  for (const key of edgeScore.keys()) {
    offsets[Math.floor(key / n) + 1] = (offsets[Math.floor(key / n) + 1] as number) + 1;
    offsets[(key % n) + 1] = (offsets[(key % n) + 1] as number) + 1;
  }
  for (let x = 0; x < n; x++) offsets[x + 1] = (offsets[x + 1] as number) + (offsets[x] as number);
  const next = offsets.slice(0, n);
  const items = new Int32Array(2 * edgeScore.size);
  for (const key of edgeScore.keys()) {
    const [i, j] = [Math.floor(key / n), key % n];
    items[next[i] as number] = j;
    next[i] = (next[i] as number) + 1;
    items[next[j] as number] = i;
    next[j] = (next[j] as number) + 1;
  }
  return { offsets, items };
}

export function toMember(segment: Segment): FactGroupMember {
  const member: FactGroupMember = { id: segment.id, doc: segment.doc, start: segment.start, end: segment.end, fr: segment.fr };
  return segment.en === undefined ? member : { ...member, en: segment.en };
}

function edgeKey(i: number, j: number, n: number): number {
  return i < j ? i * n + j : j * n + i;
}
