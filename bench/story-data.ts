// One story told by many versions, for bench/story.ts: the seed articles cycled with the edits
// outlets make. Deterministic (seeded), so every run measures the same story.
// - copies: one seed republished N times with small edits (a new headline on some, one word
//   swapped for a synonym, a number changed): near-duplicates the stories stage marks as such.
// - rewrites: the five seeds cycled (version v retells seed v mod 5), each version dropping
//   sentences, swapping neighbours, rewording with synonyms, changing numbers and adding a local
//   lead of its own: distinct texts (few or none marked as near-duplicates).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Segment } from '../src/types.ts';
import { seededRandom, SEEDS_DIR } from './align-data.ts';

export type StoryKind = 'copies' | 'rewrites';

const SYNONYMS: readonly [RegExp, string][] = [
  [/\ba déclaré\b/gu, 'a affirmé'],
  [/\bla Russie\b/gu, 'Moscou'],
  [/\bla Corée du Nord\b/gu, 'Pyongyang'],
  [/\bachète\b/gu, 'acquiert'],
  [/\bresponsable\b/gu, 'officiel'],
  [/\bles États-Unis\b/gu, 'Washington'],
  [/\brécemment\b/gu, 'dernièrement'],
  [/\bselon\b/gu, "d'après"],
  [/\bimportant\b/gu, 'majeur'],
  [/\baussi\b/gu, 'également'],
];
const HEADLINES = ['INFO - ', 'VIDÉO. ', 'Direct : ', 'EXCLUSIF - ', 'À la une : '];

const SYLLABLES = ['ka', 'ro', 'mi', 'ten', 'lu', 'bra', 'vo', 'sel', 'di', 'nor', 'pa', 'gue', 'tri', 'zan', 'mo', 'fel'];
function invent(random: () => number, syllables: number): string {
  let word = '';
  for (let s = 0; s < syllables; s++) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
  return word;
}

/** The seed articles as paragraphs of sentences (their lines), sorted by file name. */
function seedArticles(): string[][] {
  return readdirSync(SEEDS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(path.join(SEEDS_DIR, f), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l !== ''));
}

export interface StoryVersion {
  readonly id: string;
  readonly text: string;
  /** rewrites only: each paragraph's source, "<seed>:<line>" (null for the version's own lead); the gold of scripts/eval-witnesses.ts. */
  readonly sources?: readonly (string | null)[];
}

/** `versions` articles of one story, streamed one at a time. */
export function* storyVersions(kind: StoryKind, versions: number, seed = 11): Generator<StoryVersion> {
  const seeds = seedArticles();
  const random = seededRandom(seed);
  const reword = (line: string, p: number): string => {
    let out = line;
    for (const [pattern, replacement] of SYNONYMS) if (random() < p) out = out.replace(pattern, replacement);
    return out;
  };
  const renumber = (line: string, p: number): string => line.replace(/\b\d+\b/gu, (n) => (random() < p ? String(Math.floor(random() * 900) + 10) : n));
  for (let v = 0; v < versions; v++) {
    const id = `v${String(v).padStart(5, '0')}`;
    if (kind === 'copies') {
      const lines = [...(seeds[1] as string[])];
      if (random() < 0.3) lines[0] = `${HEADLINES[Math.floor(random() * HEADLINES.length)]}${lines[0]}`;
      const at = 1 + Math.floor(random() * (lines.length - 1));
      lines[at] = renumber(reword(lines[at] as string, 0.5), 0.5);
      yield { id, text: lines.join('\n\n') };
      continue;
    }
    const seed = v % seeds.length;
    const source = seeds[seed] as string[];
    const lines = source.map((l, n) => ({ text: l, line: n })).filter((l) => l.line === 0 || random() > 0.3);
    const kept: { text: string; source: string | null }[] = lines.map((l) => ({ text: renumber(reword(l.text, 0.5), 0.8), source: `${seed}:${l.line}` }));
    // A local lead of the outlet's own (invented words): a retelling, not a copy.
    kept.splice(1, 0, { text: `À ${invent(random, 3)}, ${Array.from({ length: 30 }, () => invent(random, 2)).join(' ')}.`, source: null });
    for (let i = kept.length - 1; i > 1; i--) {
      if (random() < 0.2) [kept[i], kept[i - 1]] = [kept[i - 1] as { text: string; source: string | null }, kept[i] as { text: string; source: string | null }];
    }
    yield { id, text: kept.map((k) => k.text).join('\n\n'), sources: kept.map((k) => k.source) };
  }
}

/**
 * The generator's gold for rewrites: each alignable segment's source sentence ("<seed>:<line>#<k>",
 * the k-th sentence of that seed paragraph), or null for a version's own lead. Two segments of
 * versions retelling the same seed state the same fact when their sources are equal; across seeds
 * (one story told five ways) there is no gold.
 */
export function storySources(versions: readonly StoryVersion[], segments: readonly Segment[]): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const version of versions) {
    const starts: number[] = [];
    let at = 0;
    for (const paragraph of version.text.split('\n\n')) {
      starts.push(at);
      at += paragraph.length + 2;
    }
    const seen = new Map<number, number>();
    for (const s of segments) {
      if (s.doc !== version.id || s.kind === 'boilerplate') continue;
      let p = 0;
      while (p + 1 < starts.length && (starts[p + 1] as number) <= s.start) p++;
      const k = seen.get(p) ?? 0;
      seen.set(p, k + 1);
      const source = version.sources?.[p] ?? null;
      out.set(s.id, source === null ? null : `${source}#${k}`);
    }
  }
  return out;
}
