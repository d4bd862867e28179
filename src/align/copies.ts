// Near-duplicate versions (wire copies, marked by the stories stage with MinHash: stories.jsonl
// `duplicates`) cost nothing: a big story is aligned over one representative per group of copies,
// and each copy is tied to its representative sentence by sentence, by text alone:
// - a sentence with the very text of a representative's sentence maps to it (the k-th occurrence
//   of a text to the k-th, else to the last);
// - otherwise to the representative's sentence with the highest Dice coefficient over character
//   trigrams of the accent-folded text, when it reaches COPY_DICE (a changed number, a swapped word);
// - otherwise (a new local intro) it maps to nothing and is a fact of its own (its own group).
// The rule: every mapped sentence of a copy lands in its representative sentence's fact group; the
// copy's pairs are derived, not recomputed: copy ↔ representative, one per mapped sentence (grade 2,
// score = the Dice coefficient, signals {similarity, copy: 1}); through the representative it
// shares the representative's pairs with every other version (the compact form, docs/alignment.md).
// Pure: segments in, plan / links / groups out.
import type { FactGroup, Segment } from '../types.ts';
import { foldAccents } from './text.ts';
import { toMember } from './groups.ts';

/** Dice over character trigrams from which a copy's sentence is the representative's, reworded. */
export const COPY_DICE = 0.8;

export interface CopyPlan {
  /** The documents aligned: every version that is no copy, and one representative per group of copies; sorted. */
  readonly representatives: readonly string[];
  /** Each copy's representative (copies only). */
  readonly representativeOf: ReadonlyMap<string, string>;
}

/**
 * One representative per group of near-duplicates (`duplicates`, as stories.jsonl lists them): the
 * member with the most alignable sentences (it holds what the others dropped), ties to the first id.
 */
export function planCopies(docs: readonly string[], duplicates: readonly (readonly string[])[], segments: readonly Segment[]): CopyPlan {
  const sentences = new Map<string, number>();
  for (const s of segments) if (s.kind !== 'boilerplate') sentences.set(s.doc, (sentences.get(s.doc) ?? 0) + 1);
  const inStory = new Set(docs);
  const representativeOf = new Map<string, string>();
  for (const group of duplicates) {
    const members = [...group].filter((d) => inStory.has(d)).sort(compareStrings);
    if (members.length < 2) continue;
    const representative = members.reduce((best, d) => ((sentences.get(d) ?? 0) > (sentences.get(best) ?? 0) ? d : best));
    for (const d of members) if (d !== representative) representativeOf.set(d, representative);
  }
  return { representatives: [...docs].filter((d) => !representativeOf.has(d)).sort(compareStrings), representativeOf };
}

/** A copy's sentence and the representative's sentence it maps to. */
export interface CopyLink {
  readonly copy: Segment;
  readonly representative: Segment;
  /** 1 for the same text, else the trigram Dice coefficient (>= COPY_DICE). */
  readonly dice: number;
}

/** The links of one copy (its alignable segments, sorted by index) to its representative's. */
export function linkCopy(copy: readonly Segment[], representative: readonly Segment[]): CopyLink[] {
  const repSegments = representative.filter((s) => s.kind !== 'boilerplate');
  const byText = new Map<string, Segment[]>();
  for (const s of repSegments) byText.set(s.fr, [...(byText.get(s.fr) ?? []), s]);
  const seen = new Map<string, number>();
  let grams: Set<string>[] | undefined;
  const links: CopyLink[] = [];
  for (const c of copy) {
    if (c.kind === 'boilerplate') continue;
    const same = byText.get(c.fr);
    if (same !== undefined) {
      const k = seen.get(c.fr) ?? 0;
      seen.set(c.fr, k + 1);
      links.push({ copy: c, representative: same[Math.min(k, same.length - 1)] as Segment, dice: 1 });
      continue;
    }
    grams ??= repSegments.map((s) => trigrams(s.fr));
    const mine = trigrams(c.fr);
    let best = -1;
    let bestDice = 0;
    grams.forEach((g, n) => {
      const d = dice(mine, g);
      if (d > bestDice) [best, bestDice] = [n, d];
    });
    if (best >= 0 && bestDice >= COPY_DICE) links.push({ copy: c, representative: repSegments[best] as Segment, dice: Math.round(bestDice * 1e6) / 1e6 });
  }
  return links;
}

/**
 * The representatives' fact groups with every linked copy sentence added to its representative
 * sentence's group, and every unlinked one in a group of its own; ordered and numbered as
 * buildFactGroups orders them (document coverage, then size, then the earliest (doc, index)). A
 * group keeps the score the representatives' pairs gave it.
 */
export function groupsWithCopies(groups: readonly FactGroup[], links: readonly CopyLink[], copies: readonly Segment[]): FactGroup[] {
  const groupOf = new Map<string, number>();
  groups.forEach((g, n) => g.members.forEach((m) => groupOf.set(m.id, n)));
  const added: Segment[][] = groups.map(() => []);
  const linked = new Set<string>();
  for (const link of links) {
    const n = groupOf.get(link.representative.id);
    if (n === undefined) continue;
    (added[n] as Segment[]).push(link.copy);
    linked.add(link.copy.id);
  }
  const order = (x: { doc: string; id: string }, y: { doc: string; id: string }, ix: number, iy: number): number => compareStrings(x.doc, y.doc) || ix - iy || compareStrings(x.id, y.id);
  const indexOf = new Map<string, number>();
  for (const s of copies) indexOf.set(s.id, s.index);
  const memberIndex = (m: { id: string }): number => indexOf.get(m.id) ?? Number(m.id.slice(m.id.lastIndexOf(':') + 1));
  const merged = groups.map((g, n) => {
    const members = [...g.members, ...(added[n] as Segment[]).map(toMember)];
    for (const s of added[n] as Segment[]) indexOf.set(s.id, s.index);
    return { members, score: g.score };
  });
  for (const s of copies) if (s.kind !== 'boilerplate' && !linked.has(s.id)) merged.push({ members: [toMember(s)], score: 0 });
  const sorted = merged.map((g) => {
    const members = [...g.members].sort((x, y) => order(x, y, memberIndex(x), memberIndex(y)));
    return { members, docs: [...new Set(members.map((m) => m.doc))].sort(compareStrings), score: g.score };
  });
  sorted.sort((x, y) => y.docs.length - x.docs.length || y.members.length - x.members.length || order(x.members[0] as FactGroup['members'][number], y.members[0] as FactGroup['members'][number], memberIndex(x.members[0] as { id: string }), memberIndex(y.members[0] as { id: string })));
  return sorted.map((g, rank) => ({ id: `g${rank + 1}`, docs: g.docs, members: g.members, score: g.score }));
}

function trigrams(text: string): Set<string> {
  const folded = ` ${foldAccents(text).replace(/\s+/gu, ' ')} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= folded.length; i++) out.add(folded.slice(i, i + 3));
  return out;
}

function dice(x: ReadonlySet<string>, y: ReadonlySet<string>): number {
  if (x.size + y.size === 0) return 0;
  let shared = 0;
  for (const g of x) if (y.has(g)) shared++;
  return (2 * shared) / (x.size + y.size);
}

function compareStrings(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}
