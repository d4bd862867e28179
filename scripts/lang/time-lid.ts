// What language identification adds to `fralign split`: splitting vs labelling the languages of
// the 128 documents of ../shared/eval news-corpus-dev (WMT22 French news), medians of 5 passes in one run.
//   npx tsx scripts/lang/time-lid.ts
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { labelLanguages, loadDetector } from '../../src/lang/detect.ts';
import { segmentDocument } from '../../src/segment/index.ts';
import type { Document } from '../../src/types.ts';
import { EVAL } from './data.ts';

const loadStart = performance.now();
const detect = await loadDetector();
const loadMs = performance.now() - loadStart;
const docs: Document[] = readFileSync(path.join(EVAL, 'align/tasks/news-corpus-dev/docs.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as { doc: string; text: string })
  .map((d) => ({ id: d.doc, path: d.doc, text: d.text, meta: {} }));
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;
const split: number[] = [];
const lid: number[] = [];
let sentences = 0;
for (let pass = 0; pass < 5; pass++) {
  let t = performance.now();
  const segmented = docs.map((doc) => segmentDocument(doc));
  split.push(performance.now() - t);
  t = performance.now();
  for (const segments of segmented) labelLanguages(segments, detect);
  lid.push(performance.now() - t);
  sentences = segmented.reduce((n, s) => n + s.length, 0);
}
console.log(`${docs.length} documents, ${sentences} segments; eld/small load ${loadMs.toFixed(0)} ms (once per process)`);
console.log(`split ${median(split).toFixed(0)} ms, language labels ${median(lid).toFixed(0)} ms (${((median(lid) / sentences) * 1000).toFixed(0)} µs per segment), ratio ${(median(lid) / median(split)).toFixed(2)}`);
