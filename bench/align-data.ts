// Data for the alignment evaluation, tests and benchmark: the seed articles segmented by the
// project's segmenter, and synthetic "versions" of a story made by perturbing them.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Document, Segment } from '../src/types.ts';

export const SEEDS_DIR = fileURLToPath(new URL('../seeds/', import.meta.url));

/** The seed articles as documents (id = file stem, text untouched). */
export function loadSeedDocuments(dir: string = SEEDS_DIR): Document[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => {
      const file = path.join(dir, name);
      return { id: path.basename(name, '.txt'), path: file, text: readFileSync(file, 'utf8'), meta: {} };
    });
}

type Segmenter = (doc: Document) => Segment[];

/** The project's segmenter (src/segment), or a line/punctuation stand-in while it is not there. */
export async function loadSegmenter(): Promise<{ segment: Segmenter; name: string }> {
  try {
    const module = (await import('../src/segment/index.ts')) as { segmentDocument: Segmenter };
    return { segment: module.segmentDocument, name: 'src/segment' };
  } catch {
    return { segment: standInSegmenter, name: 'stand-in (lines + [.!?»”] + capital)' };
  }
}

export async function segmentSeeds(dir: string = SEEDS_DIR): Promise<{ documents: Document[]; segments: Segment[]; segmenter: string }> {
  const documents = loadSeedDocuments(dir);
  const { segment, name } = await loadSegmenter();
  return { documents, segments: documents.flatMap((doc) => segment(doc)), segmenter: name };
}

/** Splits on line breaks and on `[.!?»”] ` before a capital; every piece is body. */
export function standInSegmenter(doc: Document): Segment[] {
  const segments: Segment[] = [];
  const boundary = /[.!?»”] +(?=[A-ZÉ«“])/gu;
  let lineStart = 0;
  for (const line of doc.text.split('\n')) {
    const cuts = [0, ...[...line.matchAll(boundary)].map((m) => (m.index ?? 0) + m[0].length), line.length];
    for (let c = 0; c + 1 < cuts.length; c++) {
      const raw = line.slice(cuts[c], cuts[c + 1]);
      const trimmed = raw.trim();
      if (trimmed === '') continue;
      const start = lineStart + (cuts[c] ?? 0) + raw.indexOf(trimmed);
      segments.push({ id: `${doc.id}:${segments.length}`, doc: doc.id, index: segments.length, start, end: start + trimmed.length, kind: 'body', fr: trimmed });
    }
    lineStart += line.length + 1;
  }
  return segments;
}

/** A small deterministic PRNG (mulberry32), so synthetic corpora are the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Paraphrases an outlet might use; applied at random to make versions differ in wording.
const SYNONYMS: readonly [RegExp, string][] = [
  [/\ba déclaré\b/gu, 'a affirmé'],
  [/\bla Russie\b/gu, 'Moscou'],
  [/\bla Corée du Nord\b/gu, 'Pyongyang'],
  [/\bachète\b/gu, 'acquiert'],
  [/\bresponsable\b/gu, 'officiel'],
  [/\bles États-Unis\b/gu, 'Washington'],
  [/\brécemment\b/gu, 'dernièrement'],
  [/\bdrones\b/gu, 'engins sans pilote'],
];

export interface SyntheticCorpus {
  readonly segments: Segment[];
  /** How many distinct source sentences the versions were drawn from. */
  readonly pool: number;
}

/**
 * `versions` documents of `sentences` sentences each, drawn from the seeds' body/title sentences:
 * each version picks sentences at random (so facts are dropped and repeated across versions),
 * shuffles them, and swaps some words for synonyms.
 */
export function synthesiseVersions(seedSegments: readonly Segment[], versions: number, sentences: number, seed = 1): SyntheticCorpus {
  const pool = seedSegments.filter((s) => s.kind !== 'boilerplate').map((s) => s.fr);
  const random = seededRandom(seed);
  const segments: Segment[] = [];
  for (let v = 0; v < versions; v++) {
    const doc = `v${String(v).padStart(3, '0')}`;
    let offset = 0;
    for (let index = 0; index < sentences; index++) {
      let fr = pool[Math.floor(random() * pool.length)] ?? '';
      for (const [pattern, replacement] of SYNONYMS) if (random() < 0.3) fr = fr.replace(pattern, replacement);
      segments.push({ id: `${doc}:${index}`, doc, index, start: offset, end: offset + fr.length, kind: 'body', fr });
      offset += fr.length + 1;
    }
  }
  return { segments, pool: pool.length };
}
