// Benchmark input: the seed articles' body and title sentences, made distinct and repeated up to N
// so dedupe and the cache do not hide any model work.
import path from 'node:path';
import { ingest } from '../../src/ingest/index.ts';
import { segmentAll } from '../../src/pipeline/split.ts';
import type { Segment } from '../../src/types.ts';

export async function seedSentences(projectRoot: string): Promise<string[]> {
  const { documents } = await ingest([path.join(projectRoot, 'seeds')]);
  return segmentAll(documents)
    .segments.filter((s) => s.kind !== 'boilerplate' && s.fr.trim() !== '')
    .map((s) => s.fr.replace(/\s+/gu, ' ').trim());
}

/** `count` distinct sentences: the seeds in order, then again with a round marker appended. */
export function distinctSentences(seeds: readonly string[], count: number): string[] {
  const out: string[] = [];
  for (let round = 0; out.length < count; round++) {
    for (const sentence of seeds) {
      if (out.length >= count) break;
      out.push(round === 0 ? sentence : `${sentence} (${round})`);
    }
  }
  return out;
}

export function asSegments(sentences: readonly string[]): Segment[] {
  return sentences.map((fr, index) => ({ id: `bench:${index}`, doc: 'bench', index, start: 0, end: fr.length, kind: 'body', fr }));
}
