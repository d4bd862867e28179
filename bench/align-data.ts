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
