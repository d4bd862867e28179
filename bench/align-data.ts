// Data for the alignment evaluation, tests and benchmark: the seed articles segmented by the
// project's segmenter, and synthetic "versions" of a story made by perturbing them.
import { fileURLToPath } from 'node:url';
import { FralignError } from '../src/errors.ts';
import { ingest } from '../src/ingest/index.ts';
import { segmentDocument } from '../src/segment/index.ts';
import type { Document, Segment } from '../src/types.ts';

export const SEEDS_DIR = fileURLToPath(new URL('../seeds/', import.meta.url));

/**
 * The seed articles read by the project's ingest (as `fralign split seeds` reads them) and
 * segmented by its segmenter. Throws if a seed cannot be read: the evaluation must not run on fewer.
 */
export async function segmentSeeds(dir: string = SEEDS_DIR): Promise<{ documents: Document[]; segments: Segment[]; segmenter: string }> {
  const { documents, failures } = await ingest([dir]);
  if (failures.length > 0) throw new FralignError('INPUT', `${dir}: cannot read every seed (${failures.map((f) => f.message).join('; ')}); the evaluation needs all of them`);
  const sorted = [...documents].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  return { documents: sorted, segments: sorted.flatMap((doc) => segmentDocument(doc)), segmenter: 'src/segment' };
}

/** A small deterministic PRNG (mulberry32), so synthetic corpora are the same on every run. */
/**
 * A document made of these sentences as the splitter would give it: ids `<doc>:<index>`, offsets
 * as if the sentences were joined by single spaces, the first a title when `titleFirst`.
 */
export function documentSegments(doc: string, sentences: readonly string[], titleFirst = false): Segment[] {
  let offset = 0;
  return sentences.map((fr, index) => {
    const segment: Segment = { id: `${doc}:${index}`, doc, index, start: offset, end: offset + fr.length, kind: titleFirst && index === 0 ? 'title' : 'body', fr };
    offset += fr.length + 1;
    return segment;
  });
}

/**
 * Two versions of different stories that share only a headline (the robustness case of issue 7):
 * `a` is the headline over eight sentences of seed 001, `b` the same headline over a story about
 * wheat prices. A correct aligner pairs a:0 with b:0 and nothing else.
 */
export function headlineOnlyVersions(seeds: readonly Segment[]): Segment[] {
  const headline = 'La Russie achète des millions de roquettes et d’obus à la Corée du Nord';
  const a = documentSegments('a', [headline, ...seeds.filter((s) => s.doc === '001_a381a8de4f316d59' && s.kind !== 'boilerplate').slice(1, 9).map((s) => s.fr)], true);
  const b = documentSegments('b', [
    headline,
    'Les prix du blé ont encore augmenté cette semaine à Chicago, portés par une récolte décevante en Argentine.',
    'Les agriculteurs français redoutent un été sec après un hiver sans pluie.',
    'La coopérative de Beauce a annoncé des stocks en baisse de vingt pour cent.',
    'Le ministre de l’Agriculture recevra les syndicats jeudi à Paris.',
    'Les boulangers craignent une hausse du prix de la baguette à la rentrée.',
    'Les exportations vers l’Afrique du Nord ont reculé depuis le printemps.',
  ], true);
  return [...a, ...b];
}

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
