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
 * sorted by (doc, index); edges join segments of different documents. `comparable(x, y)` says
 * whether two segments of different documents could have been aligned at all (the reference form
 * aligns only document pairs with a reference): a pair that could not counts neither for nor
 * against a merge. Absent: every such pair could (the full form).
 */
export function buildFactGroups(segments: readonly Segment[], edges: readonly GroupEdge[], linkage: number, comparable?: (x: number, y: number) => boolean): FactGroup[] {
  const n = segments.length;
  const clusterOf = Int32Array.from({ length: n }, (_, i) => i);
  const members: number[][] = Array.from({ length: n }, (_, i) => [i]);
  const edgeScore = new Map<number, number>();
  for (const e of edges) edgeScore.set(edgeKey(e.i, e.j, n), e.score);

  // A linkage test between two clusters only changes when one of them grows: remember failures
  // per (cluster, size) so the many edges between two large groups are not re-tested each time.
  const failed = new Set<string>();
  const ordered = [...edges].sort((x, y) => y.score - x.score || x.i - y.i || x.j - y.j);
  for (const edge of ordered) {
    const a = clusterOf[edge.i] as number;
    const b = clusterOf[edge.j] as number;
    if (a === b) continue;
    const memo = a < b ? `${a}/${members[a]?.length}:${b}/${members[b]?.length}` : `${b}/${members[b]?.length}:${a}/${members[a]?.length}`;
    if (failed.has(memo)) continue;
    const groupA = members[a] as number[];
    const groupB = members[b] as number[];
    let crossPairs = 0;
    let aligned = 0;
    for (const x of groupA) {
      for (const y of groupB) {
        if ((segments[x] as Segment).doc === (segments[y] as Segment).doc) continue;
        if (comparable !== undefined && !comparable(x, y)) continue;
        crossPairs++;
        if (edgeScore.has(edgeKey(x, y, n))) aligned++;
      }
    }
    if (crossPairs === 0 || aligned / crossPairs < linkage) {
      failed.add(memo);
      continue;
    }
    const [keep, drop] = a < b ? [a, b] : [b, a];
    const merged = (members[keep] as number[]).concat(members[drop] as number[]);
    members[keep] = merged;
    members[drop] = [];
    for (const x of merged) clusterOf[x] = keep;
  }

  const groups = members
    .filter((list) => list.length > 0)
    .map((list) => {
      const sorted = [...list].sort((x, y) => x - y);
      let total = 0;
      let count = 0;
      for (let p = 0; p < sorted.length; p++) {
        for (let q = p + 1; q < sorted.length; q++) {
          const score = edgeScore.get(edgeKey(sorted[p] as number, sorted[q] as number, n));
          if (score !== undefined) {
            total += score;
            count++;
          }
        }
      }
      const memberSegments = sorted.map((x) => segments[x] as Segment);
      return { first: sorted[0] as number, memberSegments, score: count > 0 ? Math.round((total / count) * 1e6) / 1e6 : 0 };
    });
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

export function toMember(segment: Segment): FactGroupMember {
  const member: FactGroupMember = { id: segment.id, doc: segment.doc, start: segment.start, end: segment.end, fr: segment.fr };
  return segment.en === undefined ? member : { ...member, en: segment.en };
}

function edgeKey(i: number, j: number, n: number): number {
  return i < j ? i * n + j : j * n + i;
}
